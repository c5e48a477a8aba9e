namespace QueueCore.Tests.Snapshots;

/// <summary>
/// A recent-calls snapshot carries what a screen starting from it (after a server restart) lists as recent calls: the
/// tickets at windows and those completed or dropped as no-shows today, each with where and when it was called; a saved
/// state keeps them, and a state saved before they were kept still restores.
/// </summary>
public class RecentCallsTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Hall NewHall() => new(new HallDefinition
    {
        Id = "h",
        Categories = [new() { Id = "a", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "a", Name = "One" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }, new() { Id = 3, Comprehensive = true }],
        NoShow = new() { MaxNoShows = 1 }, // a no-show is dropped, not re-queued
    });

    /// <summary>
    /// A001 called at window 1 at 9:01, served from 9:03, finished at 9:10; A002 called at window 2 at 9:05 and marked a
    /// no-show at 9:06; A003 called at window 3 at 9:07; A004 cancelled while it waited; A005 called at window 2 at 9:08.
    /// </summary>
    private static Hall MorningHall()
    {
        var hall = NewHall();
        Apply(hall, HallCommand.OpenDay(), 0);
        for (var i = 0; i < 5; i++)
        {
            Apply(hall, HallCommand.IssueTicket(1), 0);
        }

        for (var w = 1; w <= 3; w++)
        {
            Apply(hall, HallCommand.OpenWindow(w), 0);
        }

        Apply(hall, HallCommand.CallNext(1), 1);
        Apply(hall, HallCommand.StartServing(1), 3);
        Apply(hall, HallCommand.CallNext(2), 5);
        Apply(hall, HallCommand.NoShow(2), 6);
        Apply(hall, HallCommand.CallNext(3), 7);
        var waiting = hall.GetSnapshot(Morning.AddMinutes(7)).Waiting;
        Apply(hall, HallCommand.Cancel(waiting.Single(t => t.Number.ToString() == "A004").Ticket), 7);
        Apply(hall, HallCommand.CallNext(2), 8);
        Apply(hall, HallCommand.Finish(1), 10);
        return hall;
    }

    [Fact]
    public void GetSnapshot_CallsMadeAndFinished_ListsEachWithWhenItWasCalled()
    {
        var snapshot = MorningHall().GetSnapshot(Morning.AddMinutes(11), SnapshotDetail.RecentCalls);

        Assert.Equal([("A005", 2, Morning.AddMinutes(8)), ("A003", 3, Morning.AddMinutes(7))],
            snapshot.AtWindows.OrderBy(t => t.Window).Select(t => (t.Number.ToString(), t.Window, t.CalledAt!.Value)));
        // The completed ticket with the window that finished it, called at 9:01 (not 9:03, when its service started), and
        // the no-show with the window that called it (a live screen kept that call in its list); no cancelled ticket.
        Assert.Equal([("A001", 1, Morning.AddMinutes(1), TicketState.Completed), ("A002", 2, Morning.AddMinutes(5), TicketState.NoShow)],
            snapshot.RecentlyFinished.Select(t => (t.Number.ToString(), t.Window, t.CalledAt!.Value, t.State)));
        Assert.Empty(snapshot.Waiting); // the figures, not the queue
    }

    [Fact]
    public void GetSnapshot_FiguresOnly_NoRecentlyFinished()
    {
        var hall = MorningHall();

        Assert.Empty(hall.GetSnapshot(Morning.AddMinutes(11), SnapshotDetail.Figures).RecentlyFinished);
        Assert.Equal(Morning.AddMinutes(7), hall.GetSnapshot(Morning.AddMinutes(11), SnapshotDetail.Figures).AtWindows.Single(t => t.Window == 3).CalledAt);
    }

    [Fact]
    public void GetSnapshot_Full_LeavesOutTheRecentlyFinished()
    {
        // Terminals and dashboards take full snapshots for the waiting and parked tickets and never show the finished
        // ones: looking through the day's retired tickets and copying fifty of them was work for nothing at each.
        var snapshot = MorningHall().GetSnapshot(Morning.AddMinutes(11));

        Assert.Empty(snapshot.RecentlyFinished);
        Assert.Equal(2, snapshot.AtWindows.Count);
    }

    [Fact]
    public void GetSnapshot_NextDay_YesterdaysFinishedTicketsNotListed()
    {
        var hall = MorningHall();
        Apply(hall, HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 60);
        Apply(hall, HallCommand.FinishAndCallNext(3), 61); // nothing is left at a window
        Apply(hall, HallCommand.FinishAndCallNext(2), 61);
        Assert.Equal(4, hall.GetSnapshot(Morning.AddMinutes(62), SnapshotDetail.RecentCalls).RecentlyFinished.Count); // still the day's

        Apply(hall, HallCommand.OpenDay(), 24 * 60);

        Assert.Empty(hall.GetSnapshot(Morning.AddDays(1), SnapshotDetail.RecentCalls).RecentlyFinished);
    }

    [Fact]
    public void Restore_SavedState_KeepsTheCallTimes()
    {
        var hall = MorningHall();
        var now = Morning.AddMinutes(11);

        var restored = Hall.Restore(hall.Definition, hall.SaveState());

        Assert.Equivalent(hall.GetSnapshot(now, SnapshotDetail.RecentCalls), restored.GetSnapshot(now, SnapshotDetail.RecentCalls), strict: true);
        Assert.Equivalent(hall.GetSnapshot(now), restored.GetSnapshot(now), strict: true);
    }

    [Fact]
    public void Restore_StateSavedBeforeNoShowsKeptTheirWindow_ListsTheOthers()
    {
        var hall = MorningHall();
        var saved = hall.SaveState();
        var old = saved with { Tickets = [.. saved.Tickets.Select(t => t.State == TicketState.NoShow ? t with { Window = 0 } : t)] };

        var restored = Hall.Restore(hall.Definition, old);

        var finished = Assert.Single(restored.GetSnapshot(Morning.AddMinutes(11), SnapshotDetail.RecentCalls).RecentlyFinished);
        Assert.Equal("A001", finished.Number.ToString()); // where the no-show was called is not known: left out
    }

    [Fact]
    public void Restore_StateSavedBeforeCallTimesWereKept_RestoresAndGoesOn()
    {
        var hall = MorningHall();
        var saved = hall.SaveState();
        // As an older version saved it: no call times, no day's opening; a called ticket's EnqueuedAt when it joined its
        // queue (9:00 here).
        var old = saved with
        {
            DayOpenedAt = 0,
            Tickets = [.. saved.Tickets.Select(t => t with { CalledAt = 0, EnqueuedAt = Morning.UtcTicks })],
        };

        var restored = Hall.Restore(hall.Definition, old);
        var snapshot = restored.GetSnapshot(Morning.AddMinutes(11), SnapshotDetail.RecentCalls);

        // A called ticket's service start is its call: the call times are right.
        Assert.Equal([Morning.AddMinutes(8), Morning.AddMinutes(7)], snapshot.AtWindows.OrderBy(t => t.Window).Select(t => t.CalledAt!.Value));
        Assert.Empty(snapshot.RecentlyFinished); // which retired tickets are today's is not known
        Assert.True(restored.Apply(HallCommand.FinishAndCallNext(3), Morning.AddMinutes(12)).IsSuccess);
        Apply(restored, HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 13);
        Apply(restored, HallCommand.FinishAndCallNext(2), 14);
        Apply(restored, HallCommand.OpenDay(), 24 * 60);
        Apply(restored, HallCommand.IssueTicket(1), 24 * 60);
        Apply(restored, HallCommand.CallNext(1), (24 * 60) + 1);
        Apply(restored, HallCommand.FinishAndCallNext(1), (24 * 60) + 2);
        Assert.Equal("A001", Assert.Single(restored.GetSnapshot(Morning.AddDays(1).AddMinutes(3), SnapshotDetail.RecentCalls).RecentlyFinished).Number.ToString());
    }

    private static void Apply(Hall hall, HallCommand command, int minutes)
    {
        var result = hall.Apply(command, Morning.AddMinutes(minutes));
        Assert.True(result.IsSuccess, $"{command.Kind}: {result.Message}");
    }
}
