using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Whatever command leaves a ticket waiting, its result says where the ticket stands, as a query would; and a
/// snapshot's counts per item include the tickets sent to a window's own queue.
/// </summary>
public class WaitingResultTests
{
    [Fact]
    public void NoShow_TheRequeuedTicketsPositionAndEstimate_AsAQuerySaysThem()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Issue(1);
        hall.Issue(2);
        hall.Issue(3);
        hall.Call(1, 4);

        var r = hall.Do(HallCommand.NoShow(1), 5);

        Assert.Equal((a, TicketState.Waiting), (r.Ticket, r.State));
        var query = hall.Query(a, 5);
        Assert.True(query.Position > 0, "people are ahead of the re-queued ticket");
        Assert.Equal((query.Position, query.EstimatedWait), (r.Position, r.EstimatedWait));
    }

    [Fact]
    public void Finish_TicketMovesToItsNextItem_ResultSaysWhereItStandsThere()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, items: 2);
        var a = hall.Issue(1, items: new ServiceItemList([1, 2]));
        hall.Do(HallCommand.CallTicket(1, a), 2);
        hall.Do(HallCommand.StartServing(1), 2);

        var r = hall.Do(HallCommand.Finish(1), 3);

        Assert.Equal((a, TicketState.Waiting, 2), (r.Ticket, r.State, r.Service));
        Assert.Equal(1, r.Position); // the ticket issued for item 2 before it
        Assert.Equal(hall.Query(a, 3).EstimatedWait, r.EstimatedWait);
    }

    [Fact]
    public void Snapshot_TicketSentToAWindowsOwnQueue_CountsWithItsItem()
    {
        var hall = Open(Small(), 1, 2);
        hall.Issue(0);
        hall.Issue(1);
        hall.Serve(2, 2);
        var moved = hall.Serve(1, 2);
        hall.Do(HallCommand.TransferToWindow(1, 2), 3); // it waits in window 2's own queue (window 2 is busy)

        var snapshot = hall.GetSnapshot(At(4));
        var item = snapshot.Services.Single(s => s.Service == 1);
        Assert.Equal(1, snapshot.TotalWaiting);
        Assert.Equal(snapshot.TotalWaiting, snapshot.Services.Sum(s => s.Waiting));
        Assert.Equal(1, item.WaitingByClass["normal"]);
        Assert.True(item.LongestWait > TimeSpan.Zero);
        Assert.Equal(TicketState.Waiting, hall.StateOf(moved, 4));
    }
}
