using MessagePack;
using QueueCore.Tests.Snapshots;
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
    public void Rate_VisitsNextItemFinishedAtAnotherWindow_EachWindowsPadRatesItsOwnService()
    {
        // Item 3 at window 3, then item 1 at window 1: once window 1 had finished its item, window 3's pad could no
        // longer rate the service window 3 gave ("not window 3's to rate: its last service was at window 1").
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, new ServiceItemList([3, 1]));
        hall.Serve(3, 1);
        hall.Do(HallCommand.Finish(3), 2);
        hall.Serve(1, 3);
        hall.Do(HallCommand.Finish(1), 4);

        var at3 = hall.Do(HallCommand.Rate(a, 2) with { Window = 3 }, 5);
        var at1 = hall.Do(HallCommand.Rate(a, 5) with { Window = 1 }, 5);

        Assert.Equal((a, 3, a, 1), (at3.Ticket, at3.Window, at1.Ticket, at1.Window));
        Assert.Equal((1, 2.0), (hall.WindowView(3, 5).Ratings, hall.WindowView(3, 5).MeanRating));
        Assert.Equal((1, 5.0), (hall.WindowView(1, 5).Ratings, hall.WindowView(1, 5).MeanRating));
        Assert.Equal(
            [(101, 1, 5.0), (103, 1, 2.0)],
            hall.GetSnapshot(At(5)).Clerks.Select(c => (c.Clerk, c.Ratings, c.MeanRating)));
        Assert.Contains("already", hall.Reject(HallCommand.Rate(a, 1) with { Window = 3 }, 6, QueueError.TicketWrongState).Message, StringComparison.Ordinal);
        hall.Reject(HallCommand.Rate(a, 1) with { Window = 1 }, 6, QueueError.TicketWrongState);
        hall.Reject(HallCommand.Rate(a, 1), 6, QueueError.TicketWrongState); // the hall rates the last service: rated
    }

    [Fact]
    public void Rate_FirstWindowRatedBeforeTheNextItemFinishedElsewhere_NotRatedThereAgain()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, new ServiceItemList([3, 1]));
        hall.Serve(3, 1);
        hall.Do(HallCommand.Finish(3), 2);
        hall.Do(HallCommand.Rate(a, 4) with { Window = 3 }, 2);
        hall.Serve(1, 3);
        hall.Do(HallCommand.Finish(1), 4);

        hall.Reject(HallCommand.Rate(a, 1) with { Window = 3 }, 5, QueueError.TicketWrongState);
        hall.Do(HallCommand.Rate(a, 5) with { Window = 1 }, 5);
        Assert.Equal((1, 4.0), (hall.WindowView(3, 5).Ratings, hall.WindowView(3, 5).MeanRating));
    }

    [Fact]
    public void Rate_AfterTheClerkChangedAtTheWindow_CountsForTheClerkWhoServed()
    {
        // Clerk 7 served the citizen and signed off, clerk 8 signed in, then the citizen rated on the pad: the rating
        // counted for clerk 8, who had not served them.
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7), 0);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.CloseWindow(1), 3);
        hall.Do(HallCommand.OpenWindow(1, clerk: 8), 3);

        hall.Do(HallCommand.Rate(a, 2) with { Window = 1 }, 4);

        Assert.Equal([(7, 1, 2.0), (8, 0, 0.0)], hall.GetSnapshot(At(4)).Clerks.Select(c => (c.Clerk, c.Ratings, c.MeanRating)));
        Assert.Equal((8, 1, 2.0), (hall.WindowView(1, 4).Clerk, hall.WindowView(1, 4).Ratings, hall.WindowView(1, 4).MeanRating));
    }

    [Fact]
    public void Rate_LaterSurveyAfterTheNextClerkFinishedOthers_CountsForTheClerkWhoServed()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7), 0);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.CloseWindow(1), 3);
        hall.Do(HallCommand.OpenWindow(1, clerk: 8), 3);
        Assert.Equal(b, hall.Serve(1, 4));
        hall.Do(HallCommand.Finish(1), 5);

        hall.Do(HallCommand.Rate(a, 1), 60); // the hall's survey after the visit
        hall.Do(HallCommand.Rate(b, 5) with { Window = 1 }, 60);

        Assert.Equal([(7, 1, 1.0), (8, 1, 5.0)], hall.GetSnapshot(At(60)).Clerks.Select(c => (c.Clerk, c.Ratings, c.MeanRating)));
        Assert.Equal((2, 3.0), (hall.WindowView(1, 60).Ratings, hall.WindowView(1, 60).MeanRating));
    }

    /// <summary>
    /// A visit for items 3 then 1: clerk 7 serves item 3 at window 3 and signs off, clerk 8 signs in there; window 1
    /// (clerk 101) serves item 1. Nothing is rated yet.
    /// </summary>
    private static (Hall Hall, long Visit) VisitServedByAClerkWhoLeft()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.OpenWindow(3, clerk: 7), 0);
        var a = hall.Issue(0, new ServiceItemList([3, 1]));
        hall.Serve(3, 1);
        hall.Do(HallCommand.Finish(3), 2);
        hall.Do(HallCommand.CloseWindow(3), 3);
        hall.Do(HallCommand.OpenWindow(3, clerk: 8), 3);
        Assert.Equal(a, hall.Serve(1, 3));
        hall.Do(HallCommand.Finish(1), 4);
        return (hall, a);
    }

    private static Hall RoundTrip(Hall hall, Func<byte[], byte[]>? asOlder = null)
    {
        var bytes = MessagePackSerializer.Serialize(hall.SaveState());
        return Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(asOlder is null ? bytes : asOlder(bytes)));
    }

    private static (int Clerk, int Ratings, double Mean)[] ClerkRatings(Hall hall, double minute) =>
        [.. hall.GetSnapshot(At(minute)).Clerks.Select(c => (c.Clerk, c.Ratings, c.MeanRating))];

    [Fact]
    public void Rate_SavedAndRestoredBetweenTheFinishesAndTheRatings_EachPadRatesItsWindowsServiceForItsClerk()
    {
        var (hall, a) = VisitServedByAClerkWhoLeft();
        var restored = RoundTrip(hall);
        foreach (var h in new[] { hall, restored })
        {
            h.Do(HallCommand.Rate(a, 2) with { Window = 3 }, 5);
            h.Do(HallCommand.Rate(a, 5) with { Window = 1 }, 5);
        }

        Assert.Equal([(7, 1, 2.0), (8, 0, 0.0), (101, 1, 5.0)], ClerkRatings(restored, 5));
        Assert.Equal(Fingerprint(hall), Fingerprint(restored));

        // Rated, across a save and restore too: neither pad rates again.
        var again = RoundTrip(restored);
        again.Reject(HallCommand.Rate(a, 1) with { Window = 3 }, 6, QueueError.TicketWrongState);
        again.Reject(HallCommand.Rate(a, 1) with { Window = 1 }, 6, QueueError.TicketWrongState);
        Assert.Equal(ClerkRatings(restored, 5), ClerkRatings(again, 6));
    }

    [Fact]
    public void Rate_StateSavedBeforeTheServingClerkWasKept_RatesAsItDidThen_KnownAgainFromTheNextFinish()
    {
        // What such a state cannot tell: the service counts for the clerk on the window (clerk 8 here), and a pad rates
        // only a ticket whose last finished service is its window's.
        var (hall, a) = VisitServedByAClerkWhoLeft();
        var old = RoundTrip(hall, StateFiles.AsSavedBeforeRatingsKeptTheirClerk);
        old.Reject(HallCommand.Rate(a, 2) with { Window = 3 }, 5, QueueError.NotEligible);
        Assert.Null(old.SaveState().Tickets.Single(t => t.Id == a).RatableClerk); // still not known, so not saved as known

        var single = Open(OneItem());
        single.Do(HallCommand.OpenWindow(1, clerk: 7), 0);
        var b = single.Issue(0);
        single.Serve(1, 1);
        single.Do(HallCommand.Finish(1), 2);
        single.Do(HallCommand.CloseWindow(1), 3);
        single.Do(HallCommand.OpenWindow(1, clerk: 8), 3);
        var oldSingle = RoundTrip(single, StateFiles.AsSavedBeforeRatingsKeptTheirClerk);
        oldSingle.Do(HallCommand.Rate(b, 2) with { Window = 1 }, 4);
        Assert.Equal([(7, 0, 0.0), (8, 1, 2.0)], ClerkRatings(oldSingle, 4));

        var c = oldSingle.Issue(5);
        oldSingle.Serve(1, 5);
        oldSingle.Do(HallCommand.Finish(1), 6);
        Assert.Equal(8, RoundTrip(oldSingle).SaveState().Tickets.Single(t => t.Id == c).RatableClerk);
    }

    [Fact]
    public void Restore_NegativeRatingClerk_Refused_NamingTheField()
    {
        var (hall, a) = VisitServedByAClerkWhoLeft();
        var state = hall.SaveState();
        var ticket = state with { Tickets = [.. state.Tickets.Select(t => t.Id == a ? t with { RatableClerk = -1 } : t)] };
        Assert.Contains("RatableClerk", Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, ticket)).Message, StringComparison.Ordinal);
        var window = state with { Windows = [.. state.Windows.Select(w => w with { LastFinishedClerk = -1 })] };
        Assert.Contains("LastFinishedClerk", Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, window)).Message, StringComparison.Ordinal);
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
        Assert.Equal([(101, 1, 4.0)], ClerkRatings(hall, 5)); // and for the clerk who served, as any rating
        hall.Reject(HallCommand.Rate(a, 5), 6, QueueError.TicketWrongState); // rated once, as any service
    }
}
