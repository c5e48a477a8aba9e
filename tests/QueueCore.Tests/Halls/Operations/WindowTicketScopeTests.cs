using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Commands that name a ticket by id, sent for a window (a clerk's terminal, a window's evaluator pad), act only on
/// that window's tickets; without a window they act for the hall on any ticket.
/// </summary>
public class WindowTicketScopeTests
{
    // Small hall: windows 1 and 2 serve items 1 and 2; window 3 serves item 3 (and item 1 as overflow).
    [Fact]
    public void Cancel_ATicketCalledToAnotherWindow_RefusedAndNothingChanges()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        hall.Call(2, 1);
        var r = hall.Reject(HallCommand.Cancel(a) with { Window = 1 }, 2, QueueError.NotEligible);
        Assert.Contains("called at window 2", r.Message, StringComparison.Ordinal);
        Assert.Equal(TicketState.Called, hall.StateOf(a, 3));
        Assert.Equal(WindowState.Calling, hall.WindowView(2, 3).State);

        hall.Do(HallCommand.Cancel(a) with { Window = 2 }, 4);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(a, 5));
    }

    [Fact]
    public void Cancel_AWaitingTicket_OnlyByAWindowThatServesItsItem()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, items: 2);
        hall.Reject(HallCommand.Cancel(a) with { Window = 3 }, 1, QueueError.NotEligible);
        hall.Do(HallCommand.Cancel(a) with { Window = 1 }, 2);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(a, 3));
    }

    [Fact]
    public void Cancel_ForTheHall_AnyTicket()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0);
        hall.Call(2, 1);
        hall.Do(HallCommand.Cancel(a), 2);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(a, 3));
    }

    [Fact]
    public void ResumeParked_ByTheWindowThatParkedIt_NotByOneThatCannotServeIt()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, items: 2);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1), 2);
        hall.Reject(HallCommand.ResumeParked(a) with { Window = 3 }, 3, QueueError.NotEligible);
        Assert.Equal(TicketState.Parked, hall.StateOf(a, 3));
        hall.Do(HallCommand.ResumeParked(a) with { Window = 1 }, 4);
        Assert.NotEqual(TicketState.Parked, hall.StateOf(a, 5));
    }

    [Fact]
    public void Rate_OnlyAtTheWindowThatFinishedTheService()
    {
        var (hall, a) = FinishedAtWindow1(1, 2);
        var r = hall.Reject(HallCommand.Rate(a, 1) with { Window = 2 }, 3, QueueError.NotEligible);
        Assert.Contains("last service was at window 1", r.Message, StringComparison.Ordinal);
        Assert.Equal(0, hall.WindowView(1, 3).Ratings);
        Assert.Equal(0, hall.WindowView(2, 3).Ratings);

        hall.Do(HallCommand.Rate(a, 4) with { Window = 1 }, 4);
        Assert.Equal(1, hall.WindowView(1, 4).Ratings);
    }

    [Fact]
    public void Rate_TicketCalledOnForItsNextItem_OnlyThePadOfTheWindowThatFinishedRates()
    {
        // A visit of two items: window 3 finishes item 3, window 1 calls the ticket for item 1 at once (an auto window
        // does the same). The citizen rates at window 3's pad; window 1's pad has nothing of this ticket to rate yet.
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, new ServiceItemList([3, 1]));
        hall.Serve(3, 1);
        hall.Do(HallCommand.Finish(3), 2);
        hall.Call(1, 2);

        var r = hall.Reject(HallCommand.Rate(a, 1) with { Window = 1 }, 3, QueueError.NotEligible);
        Assert.Contains("last service was at window 3", r.Message, StringComparison.Ordinal);
        Assert.Equal(0, hall.WindowView(3, 3).Ratings);

        Assert.Equal(3, hall.Do(HallCommand.Rate(a, 5) with { Window = 3 }, 3).Window);
        Assert.Equal((1, 5.0), (hall.WindowView(3, 3).Ratings, hall.WindowView(3, 3).MeanRating));
    }

    [Fact]
    public void Rate_TicketWaitingForAnItemTheWindowDoesNotServe_ThatWindowsPadRates()
    {
        var hall = Open(Small(), 1, 3);
        var a = hall.Issue(0, new ServiceItemList([1, 3]));
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2); // waits for item 3, which window 1 does not serve

        hall.Do(HallCommand.Rate(a, 4) with { Window = 1 }, 3);
        Assert.Equal((1, 4.0), (hall.WindowView(1, 3).Ratings, hall.WindowView(1, 3).MeanRating));
    }

    [Fact]
    public void Rate_AtAWindowTheHallDoesNotHave_UnknownWindow()
    {
        var (hall, a) = FinishedAtWindow1(1);
        hall.Reject(HallCommand.Rate(a, 5) with { Window = 999 }, 3, QueueError.UnknownWindow);
    }

    /// <summary>A small hall with <paramref name="windows"/> open and a ticket whose service window 1 finished at minute 2.</summary>
    private static (Hall Hall, long Ticket) FinishedAtWindow1(params int[] windows)
    {
        var hall = Open(Small(), windows);
        var ticket = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        return (hall, ticket);
    }
}
