using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class RateTests
{
    private static (Hall Hall, long Ticket) Finished()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 3);
        return (hall, a);
    }

    /// <summary>Window 1 completed a single-item ticket, then finished the first item of a two-item visit (now waiting for its second).</summary>
    private static (Hall Hall, long Single, long Visit) VisitGoneOnAfterACompletedTicket()
    {
        var hall = Open(Small(), 1);
        var single = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        var visit = hall.Issue(3, new ServiceItemList([1, 2]));
        hall.Serve(1, 4);
        hall.Do(HallCommand.Finish(1), 5);
        return (hall, single, visit);
    }

    [Fact]
    public void TryGetLastFinished_CompletedTickets_TheNewest_NothingBeforeTheFirstFinish()
    {
        var hall = Open(Small(), 1);
        Assert.True(hall.TryGetLastFinished(1, out var none));
        Assert.Equal(0, none);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Serve(1, 3);
        hall.Do(HallCommand.Finish(1), 4);

        Assert.True(hall.TryGetLastFinished(1, out var last));
        Assert.Equal(b, last);
        Assert.NotEqual(a, last);
    }

    [Fact]
    public void TryGetLastFinished_VisitFinishedHereBeforeTheNewestCompletedWasCalled_TheNewestCompleted()
    {
        var hall = Open(Small(), 1);
        var visit = hall.Issue(0, new ServiceItemList([1, 2]));
        var single = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2); // the visit goes on to item 2 (waiting)
        Assert.Equal(single, hall.Do(HallCommand.CallTicket(1, single), 3).Ticket);
        hall.Do(HallCommand.StartServing(1), 3);
        hall.Do(HallCommand.Finish(1), 4);

        Assert.True(hall.TryGetLastFinished(1, out var last));
        Assert.Equal(single, last);
        Assert.NotEqual(visit, last);
    }

    [Fact]
    public void TryGetLastFinished_VisitWentOnAfterTheNewestCompleted_TheVisit_AfterASaveAndRestoreToo()
    {
        // The hall kept no "last finished" per window and read it from its tickets: a visit finished here after the last
        // completed ticket, gone on to its next item, could not be told apart, so a pad's "rate the last service here"
        // after a restart asked for the ticket's id.
        var (hall, single, visit) = VisitGoneOnAfterACompletedTicket();

        Assert.True(hall.TryGetLastFinished(1, out var last));
        Assert.Equal(visit, last);
        var restored = Hall.Restore(hall.Definition, hall.SaveState());
        Assert.True(restored.TryGetLastFinished(1, out var afterRestore));
        Assert.Equal(visit, afterRestore);
        Assert.NotEqual(single, visit);
    }

    [Fact]
    public void TryGetLastFinished_StateSavedBeforeItWasKept_ReadFromTheTickets_CannotTellRatherThanTheTicketBefore()
    {
        // A state saved before the hall kept each window's last finished ticket: read from the tickets, a visit finished
        // here after the last completed ticket must not make the answer the completed ticket before it.
        var (hall, single, visit) = VisitGoneOnAfterACompletedTicket();

        var old = Hall.Restore(hall.Definition, hall.SaveState() with { WindowsLastFinished = null });
        Assert.False(old.TryGetLastFinished(1, out _));
        Assert.Null(old.SaveState().WindowsLastFinished); // still not known, so not saved as known

        // Known again from the next day on.
        old.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 6);
        old.Serve(1, 7);
        old.Do(HallCommand.Finish(1), 8);
        old.Do(HallCommand.OpenDay(), 24 * 60);
        Assert.True(old.TryGetLastFinished(1, out var none));
        Assert.Equal(0, none);
        Assert.NotNull(old.SaveState().WindowsLastFinished);
        Assert.NotEqual(single, visit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Rate_OutsideOneToFive_InvalidArgument(int score)
    {
        var (hall, a) = Finished();
        hall.Reject(HallCommand.Rate(a, score), 4, QueueError.InvalidArgument);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Rate_AfterCompletion_CountsForTheWindow(int score)
    {
        var (hall, a) = Finished();
        var r = hall.Do(HallCommand.Rate(a, score), 4);
        Assert.Equal((a, 1, TicketState.Completed), (r.Ticket, r.Window, r.State));
        var e = hall.Single(HallEventKind.Rated);
        Assert.Equal((a, 1, score), (e.Ticket, e.Window, e.Value));
        var w = hall.WindowView(1, 4);
        Assert.Equal((1, (double)score), (w.Ratings, w.MeanRating));
    }

    [Fact]
    public void Rate_ServiceOfAnEarlierDay_RefusedAndTodaysFiguresUntouched()
    {
        // Yesterday's last citizen rated the next morning went into today's figures of the window.
        var (hall, a) = Finished();
        hall.Do(HallCommand.CloseDay(), 4);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        var r = hall.Reject(HallCommand.Rate(a, 1) with { Window = 1 }, 24 * 60, QueueError.TicketWrongState);
        Assert.Contains("was served on an earlier day", r.Message, StringComparison.Ordinal);
        hall.Reject(HallCommand.Rate(a, 1), 24 * 60, QueueError.TicketWrongState);
        Assert.Equal(0, hall.WindowView(1, 24 * 60).Ratings);
    }

    [Fact]
    public void Rate_Twice_TicketWrongState()
    {
        var (hall, a) = Finished();
        hall.Do(HallCommand.Rate(a, 4), 4);
        var r = hall.Reject(HallCommand.Rate(a, 5), 5, QueueError.TicketWrongState);
        Assert.Contains("already", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_NothingFinished_TicketWrongState()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Reject(HallCommand.Rate(a, 5), 1, QueueError.TicketWrongState);
        hall.Serve(1, 1);
        hall.Reject(HallCommand.Rate(a, 5), 2, QueueError.TicketWrongState);
    }

    [Fact]
    public void Rate_UnknownTicket_UnknownTicket()
    {
        var (hall, _) = Finished();
        hall.Reject(HallCommand.Rate(99999999, 5), 4, QueueError.UnknownTicket);
    }

    [Fact]
    public void Rate_BetweenItems_RatesTheFinishedItemsWindow()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, new ServiceItemList([3, 1]));
        hall.Serve(3, 1);
        hall.Do(HallCommand.Finish(3), 2);
        Assert.Equal(3, hall.Do(HallCommand.Rate(a, 2), 2).Window);
        hall.Serve(1, 3);
        hall.Reject(HallCommand.Rate(a, 5), 3, QueueError.TicketWrongState); // window 3's service already rated
        hall.Do(HallCommand.Finish(1), 4);
        Assert.Equal(1, hall.Do(HallCommand.Rate(a, 5), 4).Window);
        Assert.Equal(2.0, hall.WindowView(3, 4).MeanRating);
        Assert.Equal(5.0, hall.WindowView(1, 4).MeanRating);
    }

    [Fact]
    public void Rate_SeveralTickets_MeanRating()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Serve(1, 2);
        hall.Do(HallCommand.Finish(1), 3);
        hall.Do(HallCommand.Rate(a, 5), 4);
        hall.Do(HallCommand.Rate(b, 2), 4);
        var w = hall.WindowView(1, 4);
        Assert.Equal((2, 3.5), (w.Ratings, w.MeanRating));
    }

    [Fact]
    public void Rate_ServiceFinishedAtAWindowRemovedSince_TheHallRatesItIntoTheDaysFiguresNoOtherWindowDoes()
    {
        // A rating given for the hall (a survey after the visit, HallHandle.RateAsync) still counts when the window that
        // served the citizen has been removed since: the hall's day keeps what removed windows did. No other window's
        // pad rates it (the rating is not that window's), and the refusal says why.
        var (hall, a) = Finished();
        hall.Do(HallCommand.CloseWindow(1), 3);
        var d = hall.Definition;
        hall = hall.Redefine(d with { Windows = [.. d.Windows.Where(w => w.Id != 1)] }, At(4));
        hall = Hall.Restore(hall.Definition, hall.SaveState()); // as the journal brings it back

        var refused = hall.Reject(HallCommand.Rate(a, 1) with { Window = 2 }, 5, QueueError.NotEligible);
        Assert.Contains("its last service was at a window removed since", refused.Message, StringComparison.Ordinal);
        var r = hall.Do(HallCommand.Rate(a, 4), 5);

        Assert.Equal((a, 0), (r.Ticket, r.Window));
        Assert.Equal((a, 0, 4), (hall.Single(HallEventKind.Rated).Ticket, hall.Single(HallEventKind.Rated).Window, hall.Single(HallEventKind.Rated).Value));
        var figures = hall.GetSnapshot(At(5));
        Assert.Equal((1, 1, 4.0), (figures.ServedToday, figures.RatingsToday, figures.MeanRating));
        Assert.Equal(0, hall.WindowView(2, 5).Ratings);
        hall.Reject(HallCommand.Rate(a, 5), 6, QueueError.TicketWrongState); // rated once, as any service
    }
}
