using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class EventSequenceTests
{
    /// <summary>A morning in a small hall touching every operation: (minute, command).</summary>
    private static List<(double Minute, HallCommand Command)> Script()
    {
        // Ticket ids are serial << 20 | slot; slots are handed out in order in a fresh hall.
        static long Id(long serial) => (serial << 20) | (serial - 1);
        return
        [
            (0, HallCommand.OpenDay()),
            (0, HallCommand.OpenWindow(1, 11)),
            (0, HallCommand.OpenWindow(2, 12, auto: true)),
            (0, HallCommand.OpenWindow(3, 13)),
            (1, HallCommand.IssueTicket(1)),
            (1, HallCommand.IssueTicket(1, age: 70)),
            (2, HallCommand.IssueTicket(new ServiceItemList([3, 2]))),
            (2, HallCommand.IssueTicket(2, flags: TicketFlags.GreenChannel)),
            (3, HallCommand.CallNext(1)),
            (3, HallCommand.Recall(1)),
            (4, HallCommand.NoShow(1)),
            (4, HallCommand.CallNext(3)),
            (5, HallCommand.StartServing(3)),
            (5, HallCommand.StartServing(2)),
            (9, HallCommand.Finish(3)),
            (9, HallCommand.Rate(Id(3), 4)),
            (10, HallCommand.CallNext(1)),
            (10, HallCommand.StartServing(1)),
            (12, HallCommand.Park(1, "copy")),
            (12, HallCommand.CallNext(9)), // refused: unknown window
            (13, HallCommand.Finish(2)),
            (14, HallCommand.IssueTicket(1)),
            (15, HallCommand.CallTicket(1, Id(5))),
            (15, HallCommand.TransferToService(1, 2)),
            (16, HallCommand.CallNext(1)),
            (16, HallCommand.StartServing(1)),
            (17, HallCommand.TransferToWindow(1, 2)),
            (18, HallCommand.PauseWindow(3, "break")),
            (20, HallCommand.ResumeWindow(3)),
            (21, HallCommand.Cancel(Id(2))), // called at auto window 2: it calls the next at once
            (22, HallCommand.Tick()),
            (50, HallCommand.Tick()),
            (51, HallCommand.QueryTicket(Id(5))),
            (60, HallCommand.CloseDay(DayClosePolicy.ServeRemaining)),
            (61, HallCommand.IssueTicket(1)), // refused: closed
            (62, HallCommand.CloseDay()),
        ];
    }

    private static (List<CommandResult> Results, List<HallEvent> Events, Hall Hall) Run()
    {
        var hall = new Hall(Small());
        var results = new List<CommandResult>();
        var events = new List<HallEvent>();
        foreach (var (minute, command) in Script())
        {
            results.Add(hall.Apply(command, At(minute)));
            events.AddRange(hall.Events());
        }

        return (results, events, hall);
    }

    [Fact]
    public void Apply_WholeDay_SequenceRunsOneTwoThreeWithoutGaps()
    {
        var (results, events, hall) = Run();
        Assert.True(events.Count > 30, $"only {events.Count} events");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(events.Count, hall.Sequence);
        Assert.Equal(hall.Sequence, results[^1].Sequence);
        Assert.Equal(hall.GetSnapshot(At(70)).Sequence, hall.Sequence);
    }

    [Fact]
    public void Apply_WholeDay_ResultSequenceIsLastEventOfThatCommand()
    {
        var hall = new Hall(Small());
        foreach (var (minute, command) in Script())
        {
            var before = hall.Sequence;
            var r = hall.Apply(command, At(minute));
            var events = hall.Events();
            Assert.Equal(hall.Sequence, r.Sequence);
            Assert.Equal(before + events.Length, hall.Sequence);
            Assert.All(events, e => Assert.Equal(At(minute), e.Time));
        }
    }

    [Fact]
    public void Apply_EveryStateChange_EmitsAnEvent()
    {
        var hall = new Hall(Small());
        foreach (var (minute, command) in Script())
        {
            var before = Fingerprint(hall);
            var r = hall.Apply(command, At(minute));
            var changed = before != Fingerprint(hall);
            if (changed)
            {
                Assert.True(hall.LastEvents.Length > 0, $"{command.Kind} at +{minute} changed the hall without an event");
            }

            if (!r.IsSuccess)
            {
                Assert.False(changed, $"{command.Kind} was refused ({r.Error}) but changed the hall");
            }
        }
    }

    [Fact]
    public void Apply_SuccessfulStateCommands_EachEmitAtLeastOneEvent()
    {
        var hall = new Hall(Small());
        foreach (var (minute, command) in Script())
        {
            var r = hall.Apply(command, At(minute));
            if (r.IsSuccess && command.Kind is not (CommandKind.Tick or CommandKind.QueryTicket))
            {
                Assert.True(hall.LastEvents.Length > 0, $"{command.Kind} at +{minute} succeeded without an event");
            }
        }
    }

    [Fact]
    public void Apply_SameCommandsAndTimes_IdenticalResultsEventsAndState()
    {
        var (r1, e1, h1) = Run();
        var (r2, e2, h2) = Run();
        Assert.Equal(r1, r2);
        Assert.Equal(e1, e2);
        Assert.Equal(Fingerprint(h1), Fingerprint(h2));
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(h1.GetSnapshot(At(70))),
            System.Text.Json.JsonSerializer.Serialize(h2.GetSnapshot(At(70))));
    }

    [Fact]
    public void Apply_Script_RefusedCommandsAreTyped()
    {
        var (results, _, _) = Run();
        var refused = results.Where(r => !r.IsSuccess).Select(r => r.Error).ToArray();
        Assert.Equal([QueueError.UnknownWindow, QueueError.Closed], refused);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        Assert.All(results.Where(r => r.IsSuccess), r => Assert.Null(r.Message));
    }

    public static TheoryData<string> Refusals() =>
    [
        "issue unknown item", "issue duplicate", "issue unknown class", "call unknown window", "call closed window",
        "call nothing waiting", "call ticket not eligible", "call ticket unknown", "recall idle", "start idle",
        "finish calling", "no-show idle", "transfer same item", "transfer to closed window", "park calling",
        "resume waiting", "cancel serving", "rate 9", "rate unrated waiting", "open open window", "clerk busy",
        "pause serving", "resume idle", "close serving", "open day twice", "wrong ticket id", "unknown command",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Apply_RefusedCommand_NoEventNoChangeTypedError(string what)
    {
        // Window 1 serves ticket a; window 2 idle; b and c wait; window 3 closed.
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        var c = hall.Issue(0, 2);
        hall.Serve(1, 1);
        var (command, error) = what switch
        {
            "issue unknown item" => (HallCommand.IssueTicket(new ServiceItemList([2, 404])), QueueError.UnknownService),
            "issue duplicate" => (HallCommand.IssueTicket(new ServiceItemList([2, 2])), QueueError.InvalidArgument),
            "issue unknown class" => (HallCommand.IssueTicket(1, priorityClass: "vip"), QueueError.UnknownClass),
            "call unknown window" => (HallCommand.CallNext(99), QueueError.UnknownWindow),
            "call closed window" => (HallCommand.CallNext(3), QueueError.WindowNotOpen),
            "call nothing waiting" => (HallCommand.CallNext(2) with { }, QueueError.None),
            "call ticket not eligible" => (HallCommand.CallTicket(2, c) with { Window = 2 }, QueueError.None),
            "call ticket unknown" => (HallCommand.CallTicket(2, 77), QueueError.UnknownTicket),
            "recall idle" => (HallCommand.Recall(2), QueueError.WindowWrongState),
            "start idle" => (HallCommand.StartServing(2), QueueError.WindowWrongState),
            "finish calling" => (HallCommand.Finish(2), QueueError.WindowWrongState),
            "no-show idle" => (HallCommand.NoShow(1), QueueError.WindowWrongState),
            "transfer same item" => (HallCommand.TransferToService(1, 1), QueueError.InvalidArgument),
            "transfer to closed window" => (HallCommand.TransferToWindow(1, 3), QueueError.WindowNotOpen),
            "park calling" => (HallCommand.Park(2), QueueError.WindowWrongState),
            "resume waiting" => (HallCommand.ResumeParked(b), QueueError.TicketWrongState),
            "cancel serving" => (HallCommand.Cancel(a), QueueError.TicketWrongState),
            "rate 9" => (HallCommand.Rate(a, 9), QueueError.InvalidArgument),
            "rate unrated waiting" => (HallCommand.Rate(b, 3), QueueError.TicketWrongState),
            "open open window" => (HallCommand.OpenWindow(2, 55), QueueError.WindowWrongState),
            "clerk busy" => (HallCommand.OpenWindow(3, 101), QueueError.ClerkBusy),
            "pause serving" => (HallCommand.PauseWindow(1), QueueError.WindowWrongState),
            "resume idle" => (HallCommand.ResumeWindow(2), QueueError.WindowWrongState),
            "close serving" => (HallCommand.CloseWindow(1), QueueError.WindowWrongState),
            "open day twice" => (HallCommand.OpenDay(), QueueError.DayWrongState),
            "wrong ticket id" => (HallCommand.Finish(1) with { Ticket = b }, QueueError.TicketWrongState),
            "unknown command" => (new HallCommand { Kind = (CommandKind)200 }, QueueError.InvalidArgument),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        if (what == "call nothing waiting")
        {
            hall.Do(HallCommand.Cancel(b), 1);
            hall.Do(HallCommand.Cancel(c), 1);
            error = QueueError.NothingWaiting;
        }
        else if (what == "call ticket not eligible")
        {
            var social = hall.Issue(1, 3);
            command = HallCommand.CallTicket(2, social);
            error = QueueError.NotEligible;
        }

        hall.Reject(command, 2, error);
    }
}
