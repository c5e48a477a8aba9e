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
}
