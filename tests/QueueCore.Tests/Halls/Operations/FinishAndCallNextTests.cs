using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The clerk's single "Next" key: finish the current item and call the next ticket in one command.</summary>
public class FinishAndCallNextTests
{
    [Fact]
    public void FinishAndCallNext_Serving_FinishesAndCallsTheNext()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall.Serve(1, 2);
        var r = hall.Do(HallCommand.FinishAndCallNext(1), 5);
        Assert.Equal((b, TicketState.Called, 1), (r.Ticket, r.State, r.Window));
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 5));
    }

    [Fact]
    public void FinishAndCallNext_Idle_IsACallNext()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        Assert.Equal(a, hall.Do(HallCommand.FinishAndCallNext(1), 1).Ticket);
        Assert.Equal([HallEventKind.TicketCalled], hall.Kinds());
    }

    [Fact]
    public void FinishAndCallNext_IdleAutoWindowNothingWaits_RefusedAsCallNextIs()
    {
        // An idle auto window answered success with no ticket, which a terminal reads as "finished, nothing waits"
        // though nothing was at the window; a manual window, and CallNext on either, say NothingWaiting.
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        hall.Reject(HallCommand.FinishAndCallNext(1), 1, QueueError.NothingWaiting);
    }

    [Fact]
    public void FinishAndCallNext_IdleAutoWindowHoldingANoShowBack_CallsItAsCallNextDoes()
    {
        // On a window with no ticket the "Next" key is a plain call-next: the clerk's own call, which the hold (meant to
        // keep the window from calling the absent citizen back by itself) does not stop.
        var hall = Open(OneItem(d => d with { NoShow = new NoShowPolicy { CallBackAfter = TimeSpan.FromMinutes(5) } }));
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var a = hall.Issue(0);
        hall.Do(HallCommand.NoShow(1), 1);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 1)); // held back

        var r = hall.Do(HallCommand.FinishAndCallNext(1), 2);

        Assert.Equal((a, TicketState.Called, 1), (r.Ticket, r.State, r.Window));
    }

    [Fact]
    public void FinishAndCallNext_ServingNothingElseWaits_FinishesAndReportsTheIdleWindow()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        var r = hall.Do(HallCommand.FinishAndCallNext(1), 2);
        Assert.Equal((0L, 1, TicketState.None), (r.Ticket, r.Window, r.State));
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 2));
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 2).State);
    }

    [Fact]
    public void FinishAndCallNext_IdleNothingWaits_RefusedChangingNothing() =>
        Open(OneItem(), 1).Reject(HallCommand.FinishAndCallNext(1), 0, QueueError.NothingWaiting);

    [Fact]
    public void FinishAndCallNext_Called_ServedFromItsCallAndTheNextCalled()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Call(1, 1);
        var r = hall.Do(HallCommand.FinishAndCallNext(1), 4); // a terminal with one "Next" key: no start was pressed
        Assert.Equal(b, r.Ticket);
        Assert.Equal([HallEventKind.ServiceFinished, HallEventKind.TicketCompleted, HallEventKind.TicketCalled], hall.Kinds());
        Assert.Equal(180, hall.Single(HallEventKind.ServiceFinished).Value); // three minutes from the call
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 4));
    }

    [Fact]
    public void FinishAndCallNext_PausedWindow_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.PauseWindow(1), 1);
        hall.Reject(HallCommand.FinishAndCallNext(1), 2, QueueError.WindowNotOpen);
    }

    [Fact]
    public void FinishAndCallNext_NextItemOfTheSameVisit_CalledBackToTheSameWindow()
    {
        var hall = Open(Small(), 1);
        var visit = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Issue(1, 1);
        hall.Serve(1, 2);
        Assert.Equal(visit, hall.Do(HallCommand.FinishAndCallNext(1), 3).Ticket); // it keeps its standing for item 2
        Assert.Equal(2, hall.Single(HallEventKind.TicketCalled).Service);
    }
}
