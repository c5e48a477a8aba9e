using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A clerk's shift end or break on an auto-mode window while the citizen called does not come: mark the
/// no-show and pause, without the hall pushing the next ticket (or the absent citizen again) to the window.</summary>
public class NoShowAndPauseTests
{
    [Fact]
    public void NoShowAndPause_AutoWindowWithTicketsWaiting_PausesInsteadOfCalling()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7, auto: true), 0);
        var absent = hall.Issue(0); // pushed to the idle auto window
        var next = hall.Issue(1);

        var r = hall.Do(HallCommand.NoShowAndPause(1, "shift"), 5);

        Assert.True(r.IsSuccess);
        Assert.Equal([HallEventKind.NoShow, HallEventKind.WindowPaused], hall.Kinds());
        Assert.Equal(TicketState.Waiting, hall.StateOf(next, 5));
        Assert.Equal(TicketState.Waiting, hall.StateOf(absent, 5)); // re-queued, as after any first no-show
        Assert.Equal(WindowState.Paused, hall.WindowView(1, 5).State);
        Assert.Equal("shift", hall.WindowView(1, 5).PauseReason);
        Assert.True(hall.Do(HallCommand.CloseWindow(1), 5).IsSuccess);
    }

    [Fact]
    public void NoShowAndPause_NothingElseWaiting_TheAbsentCitizenIsNotHeldForTheWindow()
    {
        var hall = Open(OneItem(d => d with { NoShow = new NoShowPolicy { CallBackAfter = TimeSpan.FromMinutes(2) } }));
        hall.Do(HallCommand.OpenWindow(1, clerk: 7, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(2, clerk: 8, auto: false), 0);
        var absent = hall.Issue(0);

        hall.Do(HallCommand.NoShowAndPause(1), 5);

        Assert.Equal(WindowState.Paused, hall.WindowView(1, 5).State);
        Assert.Equal(absent, hall.Do(HallCommand.CallNext(2), 6).Ticket); // waiting for any window, not held for window 1
    }

    [Fact]
    public void NoShowAndPause_NotCalling_RefusedChangingNothing() =>
        Open(OneItem(), 1).Reject(HallCommand.NoShowAndPause(1), 0, QueueError.WindowWrongState);
}
