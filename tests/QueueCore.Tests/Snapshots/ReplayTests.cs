using System.Text.Json;
using MessagePack;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// Journal-ready: a hall's saved state plus the commands applied since (each with its instant, ticks included,
/// written and read back as MessagePack) give the identical hall: the same results, the same events, the same final
/// state. Checked over many random days, each saved at a random point.
/// </summary>
public class ReplayTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Restore_PlusReplayedCommands_IdenticalToTheOriginal(int seed)
    {
        var definition = RandomHallTraffic.Definition();
        var random = new Random(seed);
        var original = new Hall(definition);
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        original.Apply(HallCommand.OpenDay(), now);
        var tickets = new List<long>();
        var shown = new Dictionary<int, long>(); // window: the ticket its terminal shows
        var saveAt = random.Next(200, 2000);
        byte[] saved = [];
        var journal = new List<byte[]>();
        var results = new List<CommandResult>();
        var events = new List<HallEvent[]>();
        for (var i = 0; i < 3000; i++)
        {
            if (i == saveAt)
            {
                saved = MessagePackSerializer.Serialize(original.SaveState());
            }

            now = now.AddSeconds(random.Next(-20, 60)); // the clock sometimes steps back
            var command = random.Next(10) == 0 ? HallCommand.Tick() : RandomHallTraffic.Next(random, tickets, now, w => shown.GetValueOrDefault(w));
            var result = original.Apply(command, now);
            if (result.Ticket != 0 && !tickets.Contains(result.Ticket))
            {
                tickets.Add(result.Ticket);
            }

            if (result.IsSuccess && result.Window != 0)
            {
                // What the window's terminal shows from its last answer (pushes to auto windows it misses: it goes stale).
                shown[result.Window] = result.State is TicketState.Called or TicketState.Serving ? result.Ticket : 0;
            }

            if (i >= saveAt)
            {
                journal.Add(HallCommandSerializer.Serialize(command, now));
                results.Add(result);
                events.Add(original.LastEvents.ToArray());
            }
        }

        var replayed = Hall.Restore(definition, MessagePackSerializer.Deserialize<HallState>(saved));
        for (var i = 0; i < journal.Count; i++)
        {
            var (command, at) = HallCommandSerializer.Deserialize(journal[i]);
            var result = replayed.Apply(command, at);
            Assert.True(results[i] == result, $"seed {seed}, command {saveAt + i} ({command.Kind}): {Describe(results[i])} vs {Describe(result)}");
            Assert.Equal(events[i], replayed.LastEvents.ToArray());
        }

        Assert.Equal(Json(original.SaveState()), Json(replayed.SaveState()));
        Assert.Equal(original.NextDue, replayed.NextDue);
        Assert.Equivalent(original.GetSnapshot(now), replayed.GetSnapshot(now), strict: true);
    }

    [Fact]
    public void HallCommandSerializer_EveryField_RoundTrips()
    {
        var command = HallCommand.IssueTicket(new ServiceItemList([3, 1, 2]), age: 71, flags: TicketFlags.Disabled, priorityClass: "elderly",
            appointment: "APT-7", appointmentSlot: new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8))) with
        {
            Window = 4, Ticket = 99, Value = 5, Reason = "why", Auto = true, ClosePolicy = DayClosePolicy.ServeRemaining, RequestId = Guid.NewGuid(),
        };
        var at = new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero);
        var (read, readAt) = HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(command, at));
        Assert.Equal(command, read);
        Assert.Equal(at, readAt);

        var park = HallCommand.Park(2, "document", at.AddMinutes(20));
        Assert.Equal(park, HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(park, at)).Command);
        Assert.Equal(at.AddMinutes(20), park.ReturnAt);
        Assert.Equal(park, MessagePackSerializer.Deserialize<HallCommand>(MessagePackSerializer.Serialize(park)));
    }

    [Fact]
    public void HallCommandSerializer_WindowCommandsNamingTheClerksTicket_RoundTripWithIt()
    {
        // A journal replays the check that the window still has the ticket the terminal showed: without the ticket, a
        // refused second press would replay as a finish of the next ticket.
        var at = new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero);
        HallCommand[] commands =
        [
            HallCommand.FinishAndCallNext(5, 23), HallCommand.Finish(5, 23), HallCommand.FinishAndPause(5, "break", 23),
            HallCommand.StartServing(5, 23), HallCommand.Recall(5, 23), HallCommand.NoShow(5, 23),
            HallCommand.TransferToService(5, 102, 23), HallCommand.TransferToWindow(5, 6, 23),
            HallCommand.Park(5, "document", at.AddMinutes(20), 23),
        ];
        foreach (var command in commands)
        {
            var read = HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(command.WithRequestId(Guid.NewGuid()), at)).Command;
            Assert.Equal(23, read.Ticket);
            Assert.Equal(command, read with { RequestId = Guid.Empty });
        }
    }

    [Fact]
    public void HallCommandSerializer_WindowCommandsNamingTheTicketsItem_RoundTripWithItAndOldRecordsNameNone()
    {
        // The item is journaled in the field an issue keeps its items in: a record written before window commands named
        // one has that list empty, so it replays as "any item", as it was applied.
        var at = new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero);
        foreach (var item in new int?[] { 0, 102 })
        {
            var command = HallCommand.FinishAndCallNext(5, 23) with { TicketService = item };
            var read = HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(command, at)).Command;
            Assert.Equal(item, read.TicketService);
            Assert.Equal(command, read);
        }

        var old = HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(HallCommand.Finish(5, 23), at)).Command;
        Assert.Null(old.TicketService);
    }

    [Fact]
    public void HallCommandSerializer_Garbage_ThrowsSerializationException()
    {
        Assert.ThrowsAny<MessagePackSerializationException>(() => HallCommandSerializer.Deserialize(new byte[] { 0x93, 1, 2, 3 }));
        Assert.ThrowsAny<MessagePackSerializationException>(() => HallCommandSerializer.Deserialize(new byte[] { 0xC1 }));
    }

    [Fact]
    public void HallCommandSerializer_TruncatedOrFlippedBytes_OnlyEverThrowSerializationException()
    {
        var at = new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero);
        var bytes = HallCommandSerializer.Serialize(
            HallCommand.IssueTicket(new ServiceItemList([3, 1]), age: 71, priorityClass: "elderly") with { RequestId = Guid.NewGuid() }, at);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.ThrowsAny<MessagePackSerializationException>(() => HallCommandSerializer.Deserialize(bytes.AsMemory(0, length)));
        }

        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            try
            {
                HallCommandSerializer.Deserialize(damaged);
            }
            catch (Exception ex) when (ex is not MessagePackSerializationException)
            {
                Assert.Fail($"Flipped bytes {Convert.ToHexString(damaged)} threw {ex.GetType().Name}: {ex.Message}");
            }
            catch (MessagePackSerializationException)
            {
                // the documented failure
            }
        }
    }

    private static string Describe(CommandResult r) =>
        $"{r.Error} {r.Ticket} {r.Number} {r.State} w{r.Window} s{r.Service} p{r.Position} {r.EstimatedWait} #{r.Sequence} {r.Message}";

    private static string Json(HallState state) => JsonSerializer.Serialize(state);
}
