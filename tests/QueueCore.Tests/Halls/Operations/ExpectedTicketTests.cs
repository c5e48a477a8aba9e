using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// A window command that names the ticket the clerk's terminal shows acts on that ticket or on none: two keypads of one
/// window (or a double press sent as two requests) that both press "Next" for A001 finish A001 once, and the second
/// press does not finish A002, which the first one just called. 0 acts on whatever ticket the window has, as before.
/// </summary>
public class ExpectedTicketTests
{
    [Fact]
    public void FinishAndCallNext_TwoPressesForTheSameTicket_SecondRefusedNamingBothAndTheNextStillCalled()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        var c = hall.Issue(0);
        hall.Serve(1, 1);

        var first = hall.Do(HallCommand.FinishAndCallNext(1, a), 2);
        var second = hall.Reject(HallCommand.FinishAndCallNext(1, a), 2, QueueError.TicketWrongState);

        Assert.Equal(b, first.Ticket);
        Assert.Equal("Window 1 has A002, not A001: A001 was finished already.", second.Message);
        Assert.Equal((WindowState.Calling, b), (hall.WindowView(1, 3).State, hall.WindowView(1, 3).Ticket));
        Assert.Equal(1, hall.WindowView(1, 3).ServedToday); // A001 once, A002 never
        Assert.Equal(TicketState.Waiting, hall.StateOf(c, 3));
    }

    [Fact]
    public void FinishAndCallNext_TicketFinishedAndTheWindowIdle_RefusedInsteadOfCallingAnother()
    {
        // The first press finished A001 and found nothing waiting; a ticket issued before the second press arrives must
        // not be called by a press meant to finish A001.
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.FinishAndCallNext(1, a), 2);
        var b = hall.Issue(2);

        var r = hall.Reject(HallCommand.FinishAndCallNext(1, a), 2, QueueError.TicketWrongState);

        Assert.Equal("Window 1 has no ticket, not A001: A001 was finished already.", r.Message);
        Assert.Equal(TicketState.Waiting, hall.StateOf(b, 3));
    }

    public static TheoryData<string> WindowCommands() =>
        ["finish", "finish and pause", "start", "recall", "no-show", "transfer to service", "transfer to window", "park"];

    private static HallCommand WindowCommand(string name, long ticket) => name switch
    {
        "finish" => HallCommand.Finish(1, ticket),
        "finish and pause" => HallCommand.FinishAndPause(1, "break", ticket),
        "start" => HallCommand.StartServing(1, ticket),
        "recall" => HallCommand.Recall(1, ticket),
        "no-show" => HallCommand.NoShow(1, ticket),
        "transfer to service" => HallCommand.TransferToService(1, 2, ticket),
        "transfer to window" => HallCommand.TransferToWindow(1, 2, ticket),
        "park" => HallCommand.Park(1, "document", ticket: ticket),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Whether the command takes a called ticket (else one being served).</summary>
    private static bool TakesACalledTicket(string name) => name is "start" or "recall" or "no-show" or "transfer to service" or "transfer to window";

    /// <summary>Small hall, windows 1 and 2 open: A001 finished at window 1, which then has A002 (called or being served).</summary>
    private static (Hall Hall, long Finished, long Current) AfterAFinish(string name)
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.FinishAndCallNext(1), 2);
        if (!TakesACalledTicket(name))
        {
            hall.Do(HallCommand.StartServing(1), 2);
        }

        return (hall, a, b);
    }

    [Theory]
    [MemberData(nameof(WindowCommands))]
    public void WindowCommand_ATicketFinishedAlready_RefusedNamingBothAndNothingChanges(string name)
    {
        var (hall, finished, _) = AfterAFinish(name);

        var r = hall.Reject(WindowCommand(name, finished), 3, QueueError.TicketWrongState);

        Assert.Equal("Window 1 has A002, not A001: A001 was finished already.", r.Message);
    }

    [Theory]
    [MemberData(nameof(WindowCommands))]
    public void WindowCommand_TheWindowsTicket_Applied(string name)
    {
        var (hall, _, current) = AfterAFinish(name);

        var r = hall.Do(WindowCommand(name, current), 3);

        Assert.Equal(current, r.Ticket);
    }

    [Theory]
    [MemberData(nameof(WindowCommands))]
    public void WindowCommand_NoTicket_ActsOnTheWindowsTicketAsBefore(string name)
    {
        var (hall, _, current) = AfterAFinish(name);

        var r = hall.Do(WindowCommand(name, 0), 3);

        Assert.Equal(current, r.Ticket);
    }

    [Fact]
    public void Finish_ATicketOnlyCalledAtTheWindow_NamesTheTicketsRatherThanTheWindowsState()
    {
        // The clerk's terminal shows A001 being served; another keypad finished it and called A002. "Window 1 is not
        // serving a ticket (it is calling)" would hide that A001 is done and A002 is at the window.
        var (hall, finished, _) = AfterAFinish("start");

        var r = hall.Reject(HallCommand.Finish(1, finished), 3, QueueError.TicketWrongState);

        Assert.Equal("Window 1 has A002, not A001: A001 was finished already.", r.Message);
    }

    [Fact]
    public void NoShow_ATicketCalledToAnotherWindowSince_SaysWhereItIs()
    {
        var hall = Open(OneItem(), 1, 2);
        var a = hall.Issue(0);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1, a), 2); // A001 waits again
        hall.Call(1, 2);
        hall.Do(HallCommand.CallTicket(2, a), 3);

        var r = hall.Reject(HallCommand.NoShow(1, a), 3, QueueError.TicketWrongState);

        Assert.Equal("Window 1 has A002, not A001: A001 is called to window 2.", r.Message);
    }

    [Fact]
    public void Recall_AnUnknownTicket_RefusedNamingItsId()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Call(1, 1);

        var r = hall.Reject(HallCommand.Recall(1, 987_654_321), 2, QueueError.TicketWrongState);

        Assert.Equal("Window 1 has A001, not ticket 987654321 (the hall has no such ticket).", r.Message);
    }

    [Fact]
    public void FinishAndCallNext_RetriedWithItsRequestId_ReturnsTheFirstResultNotARefusal()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Issue(0);
        hall.Serve(1, 1);
        var press = HallCommand.FinishAndCallNext(1, a).WithRequestId(Guid.NewGuid());

        var first = hall.Do(press, 2);
        var before = Fingerprint(hall);
        var retry = hall.Do(press, 3);

        Assert.Equal(first, retry);
        Assert.Equal(before, Fingerprint(hall));
        Assert.Equal(1, hall.WindowView(1, 3).ServedToday);
    }
}
