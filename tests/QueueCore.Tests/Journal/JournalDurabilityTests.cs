using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// Nobody hears of a command before its record is on disk: not the caller, not a subscriber. A disk that fills up
/// gives a clear error and loses nothing that was acknowledged.
/// </summary>
public sealed class JournalDurabilityTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task SlowDisk_ResultAndEventWaitForTheRecord()
    {
        var disk = new TestDisk();
        await using var engine = _kit.Engine(open: disk.Open);
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync();
        using var subscription = hall.Subscribe();
        disk.Hold();

        var issue = hall.IssueTicketAsync(new ServiceItemList([1])).AsTask();
        await Task.Delay(200);
        Assert.False(issue.IsCompleted, "answered before its record reached the disk");
        Assert.False(subscription.TryRead(out _), "an event was published before its record reached the disk");

        disk.Release();
        var result = await issue.WaitAsync(EngineTestKit.Timeout);
        Assert.True(result.IsSuccess);
        var published = await subscription.ReadAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        Assert.Equal(result.Ticket, published.Event.Ticket);
    }

    [Fact]
    public async Task SlowDisk_RedefinitionRestoreAndRemovalAnsweredOnlyOnceTheirRecordIsOnDisk()
    {
        // Run-time hall changes were answered when applied, before the journal had them: a power cut then took back a
        // redefinition its caller had been told was made, and had recorded as made (configured-halls.json, the server's
        // hall profiles), so the next start neither had it nor applied it again.
        var disk = new TestDisk();
        await using var engine = _kit.Engine(open: disk.Open);
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.AddHall(JournalKit.Hall("gone"));
        engine.Start();
        await hall.OpenDayAsync();
        var saved = await hall.SaveStateAsync();

        async Task AnsweredOnlyAfterTheDisk<T>(Func<Task<T>> change, string what)
        {
            disk.Hold();
            Task<T> pending;
            try
            {
                pending = change();
                await Task.Delay(200);
                Assert.False(pending.IsCompleted, $"the {what} was answered before its record reached the disk");
            }
            finally
            {
                disk.Release();
            }

            await pending.WaitAsync(EngineTestKit.Timeout);
        }

        await AnsweredOnlyAfterTheDisk(() => hall.RedefineAsync(hall.Definition with { Name = "Renamed" }).AsTask(), "redefinition");
        await AnsweredOnlyAfterTheDisk(async () => { await hall.RestoreAsync(saved); return true; }, "restore");
        await AnsweredOnlyAfterTheDisk(() => engine.RemoveHallAsync("gone").AsTask(), "removal");
        Assert.Equal("Renamed", hall.Definition.Name);
        Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess); // the hall goes on
    }

    [Fact]
    public async Task FullDisk_RedefinitionItCannotSave_RefusedClearly_AndTheHallIsolated()
    {
        var disk = new TestDisk();
        await using var engine = _kit.Engine(open: disk.Open);
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync();
        disk.Capacity = new FileInfo(_kit.Segments()[0]).Length + 10; // the hall's new record does not fit

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => hall.RedefineAsync(hall.Definition with { Name = "Renamed" }).AsTask().WaitAsync(EngineTestKit.Timeout));
        Assert.Contains("journal cannot write", e.Message, StringComparison.Ordinal);
        var refused = await hall.IssueTicketAsync(new ServiceItemList([1])).AsTask().WaitAsync(EngineTestKit.Timeout);
        Assert.Equal(QueueError.Unavailable, refused.Error); // nothing a restart would take back is shown or acknowledged
    }

    [Fact]
    public async Task FullDisk_LaterCommandsRefusedClearly_AndEveryAcknowledgedTicketSurvives()
    {
        var disk = new TestDisk();
        var acknowledged = new List<(long Ticket, int Number)>();
        CommandResult refused = default;
        await using (var engine = _kit.Engine(open: disk.Open))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            disk.Capacity = new FileInfo(_kit.Segments()[0]).Length + 20_000; // about 300 more records
            for (var i = 0; i < 2000 && refused.Error == QueueError.None; i++)
            {
                var batch = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => hall.IssueTicketAsync(new ServiceItemList([1])).AsTask()));
                foreach (var result in batch)
                {
                    if (result.IsSuccess)
                    {
                        acknowledged.Add((result.Ticket, result.Number.Sequence));
                    }
                    else
                    {
                        refused = result;
                    }
                }
            }

            Assert.Equal(QueueError.Unavailable, refused.Error);
            Assert.Contains("journal", refused.Message, StringComparison.OrdinalIgnoreCase);
            var after = await hall.IssueTicketAsync(new ServiceItemList([1]));
            Assert.Equal(QueueError.Unavailable, after.Error); // nothing more is taken while it cannot be made safe
            Assert.Contains("No space left on device", engine.GetHealth().JournalFailure, StringComparison.Ordinal);

            // The commands the disk refused had been applied in memory: a snapshot (and every screen resynchronising
            // from one) would show tickets that the restart below takes back. The hall is isolated instead.
            var shown = await Assert.ThrowsAsync<HallFaultedException>(() => hall.GetSnapshotAsync().AsTask());
            Assert.Contains("journal could not save", shown.Message, StringComparison.Ordinal);
        }

        Assert.NotEmpty(acknowledged);
        await using var again = _kit.Engine();
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        var state = await recovered.SaveStateAsync();
        var tickets = state.Tickets.ToDictionary(t => t.Id);
        foreach (var (ticket, number) in acknowledged)
        {
            Assert.True(tickets.TryGetValue(ticket, out var saved), $"acknowledged ticket {ticket} was lost");
            Assert.Equal(number, saved.Number);
        }
    }

    [Fact]
    public async Task FullDisk_BatchedMode_RefusedClearly_AndEveryAcknowledgedTicketSurvives()
    {
        // Batched mode acknowledges once a record is written to the OS: a write the full disk refused must not be.
        var disk = new TestDisk();
        var acknowledged = new List<(long Ticket, int Number)>();
        CommandResult refused = default;
        await using (var engine = _kit.Engine(open: disk.Open, mode: JournalMode.Batched))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            disk.Capacity = new FileInfo(_kit.Segments()[0]).Length + 20_000;
            for (var i = 0; i < 2000 && refused.Error == QueueError.None; i++)
            {
                var result = await hall.IssueTicketAsync(new ServiceItemList([1])).AsTask().WaitAsync(EngineTestKit.Timeout);
                if (result.IsSuccess)
                {
                    acknowledged.Add((result.Ticket, result.Number.Sequence));
                }
                else
                {
                    refused = result;
                }
            }

            Assert.Equal(QueueError.Unavailable, refused.Error);
            Assert.Contains("journal", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(acknowledged);
        await using var again = _kit.Engine(mode: JournalMode.Batched);
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        var tickets = (await recovered.SaveStateAsync()).Tickets.ToDictionary(t => t.Id, t => t.Number);
        Assert.All(acknowledged, a => Assert.True(tickets.TryGetValue(a.Ticket, out var n) && n == a.Number, $"acknowledged ticket {a.Ticket} was lost"));
    }

    [Fact]
    public async Task FullDisk_SpaceFreedLater_StillRefused_RefusalAndHealthSayARestartIsWhatItTakes()
    {
        // The refusal said "retry once the journal works" and the health check "refused until it can", but a journal
        // that failed never works again in that engine: an operator who freed the disk waited for a recovery that
        // never came, and clients retried for ever. Only a restart (which recovers every acknowledged command) helps.
        var disk = new TestDisk();
        await using var engine = _kit.Engine(open: disk.Open);
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync();
        disk.Capacity = 0;
        Assert.Equal(QueueError.Unavailable, (await hall.IssueTicketAsync(new ServiceItemList([1]))).Error);

        disk.Capacity = long.MaxValue; // the operator frees space
        var refused = await hall.IssueTicketAsync(new ServiceItemList([1]));

        Assert.Equal(QueueError.Unavailable, refused.Error);
        Assert.Contains("until the engine is restarted", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("once the journal works", refused.Message, StringComparison.Ordinal);
        var health = await new QueueCoreHealthCheck(engine).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
        Assert.Contains("until the engine is restarted", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullDiskAtStart_ConstructorFailsNamingTheDirectory_LeavesNoGenerationBehind_NothingLost()
    {
        // A restart on a disk that is still full: the engine's constructor fails with a clear IOException (the server
        // exits with code 1 on it: StartFailureTests), and each such start used to leave another unfinished generation.
        long ticket;
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            ticket = (await hall.IssueTicketAsync(new ServiceItemList([1]))).Ticket;
        }

        var generations = Directory.GetDirectories(_kit.Directory, "gen-*");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var full = new TestDisk { Capacity = 0 };
            var error = Assert.Throws<IOException>(() => _kit.Engine(open: full.Open));
            Assert.Contains(_kit.Directory, error.Message, StringComparison.Ordinal);
            Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
            Assert.Equal(generations, Directory.GetDirectories(_kit.Directory, "gen-*"));
        }

        await using var again = _kit.Engine();
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Contains((await recovered.SaveStateAsync()).Tickets, t => t.Id == ticket);
    }

    [Fact]
    public async Task FullDiskAtStart_LogSaysTheEngineDoesNotStart_NotThatCommandsAreNoLongerAcknowledged()
    {
        // The journal's failure was logged at Critical as "no command is acknowledged from now on", as if a running
        // engine had stopped taking commands, when the engine never ran.
        await using (var engine = _kit.Engine())
        {
            engine.AddHall(JournalKit.Hall("h"));
        }

        var logs = new TestLoggerProvider();
        Assert.Throws<IOException>(() => _kit.Engine(open: new TestDisk { Capacity = 0 }.Open, logs: logs.Factory()));

        var failed = Assert.Single(logs.Entries, e => e.Message.Contains("cannot be written", StringComparison.Ordinal));
        Assert.Contains("the engine does not start", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("from now on", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JournalMode.Durable, JournalMode.Batched)]
    [InlineData(JournalMode.Batched, JournalMode.Durable)]
    public async Task ModeSwitchedBetweenRestarts_EveryAcknowledgedTicketRecovered(JournalMode before, JournalMode after)
    {
        // An operator trading a power cut's window for latency, or back, restarts with the other mode: same journal.
        string state;
        await using (var first = _kit.Engine(mode: before))
        {
            var hall = first.AddHall(JournalKit.Hall("h"));
            first.Start();
            await hall.OpenDayAsync();
            for (var i = 0; i < 20; i++)
            {
                await hall.IssueTicketAsync(new ServiceItemList([1]));
            }

            state = await JournalKit.StateJson(hall);
        }

        await using (var second = _kit.Engine(mode: after))
        {
            Assert.True(second.TryGetHall("h", out var hall));
            second.Start();
            Assert.Equal(state, await JournalKit.StateJson(hall));
            await hall.IssueTicketAsync(new ServiceItemList([1]));
            state = await JournalKit.StateJson(hall);
        }

        await using var third = _kit.Engine(mode: before);
        Assert.True(third.TryGetHall("h", out var again));
        third.Start();
        Assert.Equal(state, await JournalKit.StateJson(again));
    }
}
