using System.Globalization;
using System.Threading.Channels;
using QueueCore;

// The engine host of the crash test (tests/QueueCore.Tests/Journal/CrashTests.cs).
//
//   QueueCore.CrashHost <dataDir> <seed>   recovers (or creates) hall "crash" from a journal in dataDir (durable, or the
//                                          mode QUEUECORE_CRASH_MODE names), prints
//                                          "READY <recoveredHallCount> <recordsReplayed>", then runs load until killed:
//                                          "I <ticketId> <prefix><number> <producer>" for each acknowledged issue,
//                                          "C <ticketId> <window>" for each acknowledged call.
//   QueueCore.CrashHost <dataDir> dump     recovers and prints "T <ticketId> <prefix><number> <state> <serial>" for
//                                          every ticket of the hall's saved state, then exits 0.
//
// A line is queued for stdout only after its command's result came back, and a result is given only once its journal
// record is fsynced (batched: written to the operating system, which a killed process cannot take back): so every line
// the parent reads was acknowledged. Lines still queued when the process is killed
// are simply never read (nothing is claimed for them).
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: QueueCore.CrashHost <dataDir> <seed>|dump");
    return 2;
}

const string HallId = "crash";
const int Producers = 12;
int[] clerkWindows = [1, 2, 3, 4];

await using var engine = new QueueEngine(new QueueEngineOptions
{
    ShardCount = 1, // one hall: a second shard would only add a thread and an fsync to every start on a small machine
    // Durable unless QUEUECORE_CRASH_MODE says Batched: a process crash loses nothing acknowledged in either mode.
    Journal = new JournalOptions
    {
        Directory = args[0],
        Mode = Enum.TryParse<JournalMode>(Environment.GetEnvironmentVariable("QUEUECORE_CRASH_MODE"), out var mode) ? mode : JournalMode.Durable,
    },
});

var recovery = engine.Recovery!;
var recovered = engine.TryGetHall(HallId, out var hall);
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
foreach (var damage in recovery.Damage)
{
    await stdout.WriteLineAsync("DAMAGE " + damage.ReplaceLineEndings(" "));
}

if (args[1] == "dump")
{
    engine.Start();
    if (hall is null)
    {
        await stdout.FlushAsync();
        await Console.Error.WriteLineAsync($"hall '{HallId}' was not recovered");
        return 3;
    }

    var state = await hall.SaveStateAsync();
    foreach (var t in state.Tickets)
    {
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"T {t.Id} {t.Prefix}{t.Number} {t.State} {t.Serial}"));
    }

    await stdout.FlushAsync();
    return 0;
}

var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
if (!recovered)
{
    hall = engine.AddHall(Definition());
}

engine.Start();
if (!recovered)
{
    Require(await hall!.OpenDayAsync(), "open the day");
    foreach (var window in clerkWindows)
    {
        Require(await hall.OpenWindowAsync(window, clerk: window, auto: false), $"open window {window}");
    }
}
else
{
    // A kill between the hall's creation and its windows' opening leaves them closed: open what is not open yet.
    foreach (var window in clerkWindows)
    {
        _ = await hall!.OpenWindowAsync(window, clerk: window, auto: false);
    }
}

await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"READY {recovery.Halls.Count} {recovery.Records}"));
await stdout.FlushAsync();

var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
var writer = Task.Run(async () =>
{
    // Writes every line queued so far, then flushes: each line reaches the pipe only after it was acknowledged.
    while (await lines.Reader.WaitToReadAsync())
    {
        while (lines.Reader.TryRead(out var line))
        {
            await stdout.WriteLineAsync(line);
        }

        await stdout.FlushAsync();
    }
});

var load = new List<Task> { writer };
for (var p = 0; p < Producers; p++)
{
    var random = new Random(HashCode.Combine(seed, p));
    var producer = p;
    load.Add(Task.Run(() => Produce(hall!, producer, random)));
}

foreach (var window in clerkWindows)
{
    load.Add(Task.Run(() => Clerk(hall!, window)));
}

await Task.WhenAll(load); // until killed (or a task fails: then the exit code says so)
return 1;

async Task Produce(HallHandle h, int producer, Random random)
{
    while (true)
    {
        // One item per ticket: each ticket is called exactly once, so a second call of it is a bug.
        var command = HallCommand.IssueTicket(random.Next(1, 6)).WithRequestId(Guid.NewGuid());
        var result = await h.SubmitAsync(command);
        if (result.IsSuccess)
        {
            var number = result.Number;
            Emit(string.Create(CultureInfo.InvariantCulture, $"I {result.Ticket} {number.Prefix}{number.Sequence} {producer}"));
        }
        else
        {
            await Console.Error.WriteLineAsync($"issue refused: {result}");
            await Task.Delay(10);
        }
    }
}

async Task Clerk(HallHandle h, int window)
{
    var result = await h.CallNextAsync(window); // refused when a recovered call is still at the window: the loop finishes it
    while (true)
    {
        if (result.IsSuccess && result.Ticket != 0 && result.State == TicketState.Called)
        {
            Emit(string.Create(CultureInfo.InvariantCulture, $"C {result.Ticket} {window}"));
        }
        else if (!result.IsSuccess)
        {
            if (result.Error is not (QueueError.WindowWrongState or QueueError.NothingWaiting))
            {
                await Console.Error.WriteLineAsync($"window {window}: {result}");
            }

            await Task.Delay(1);
        }

        result = await h.FinishAndCallNextAsync(window);
    }
}

void Emit(string line)
{
    if (!lines.Writer.TryWrite(line))
    {
        throw new InvalidOperationException("The output channel is closed.");
    }
}

static void Require(CommandResult result, string what)
{
    if (!result.IsSuccess)
    {
        throw new InvalidOperationException($"Could not {what}: {result}");
    }
}

static HallDefinition Definition() => new()
{
    Id = HallId,
    Name = "Crash test hall",
    Categories =
    [
        new() { Id = "A", Prefix = "A" },
        new() { Id = "B", Prefix = "B" },
        new() { Id = "C", Prefix = "C" },
    ],
    Services =
    [
        new() { Id = 1, Category = "A" },
        new() { Id = 2, Category = "A" },
        new() { Id = 3, Category = "B" },
        new() { Id = 4, Category = "B" },
        new() { Id = 5, Category = "C" },
    ],
    Windows =
    [
        new() { Id = 1, Comprehensive = true },
        new() { Id = 2, Skills = [new() { Category = "A" }] },
        new() { Id = 3, Skills = [new() { Category = "B" }] },
        new() { Id = 4, Skills = [new() { Category = "C" }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromSeconds(1) }] },
        new() { Id = 5, Skills = [new() { Category = "A" }, new() { Category = "B" }] },
        new() { Id = 6, Skills = [new() { Service = 5 }] },
    ],
    RetainedCompletedTickets = 1_000_000, // every finished ticket stays in the saved state, for the dump
};
