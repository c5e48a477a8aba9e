using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The queue a window would call, in dispatch order, explained, and paged.</summary>
public class QueueViewTests
{
    [Fact]
    public void GetWindowQueue_EveryReason_InTheOrderTheWindowCalls()
    {
        var d = Small(d => d with
        {
            Windows = [.. d.Windows.Select(w => w.Id == 3 ? w with { DedicatedClass = PriorityPolicy.Elderly } : w)],
            Priority = d.Priority with { MaxWait = TimeSpan.FromMinutes(20) },
        });
        var hall = Open(d, 1, 3);
        var overdue = hall.Issue(0, 3); // waited 23 minutes at the look: past the 20-minute max wait
        var sent = hall.Issue(15, 1);
        var overflow = hall.Issue(16, 1); // item 1 is window 3's overflow skill, after 10 minutes
        var normal3 = hall.Issue(20, 3);
        var elderly3 = hall.Issue(21, 3, age: 70);
        Assert.Equal(sent, hall.Serve(1, 22));
        hall.Do(HallCommand.TransferToWindow(1, 3), 23);
        var view = hall.GetWindowQueue(3, hall.Now);
        Assert.Equal([overdue, sent, elderly3, normal3, overflow], view.Tickets.Select(t => t.Ticket));
        // The elderly ticket ranks ahead of the normal one anyway; at window 3, dedicated to its class, it stands there for it.
        Assert.Equal(
            [QueueReason.Overdue, QueueReason.OwnQueue, QueueReason.Dedicated, QueueReason.Primary, QueueReason.OverflowLater],
            view.Tickets.Select(t => t.Reason));
        Assert.Equal(At(26), view.Tickets[^1].EligibleAt);
        Assert.Equal(5, view.Total);
        foreach (var expected in view.Tickets.Take(4).Select(t => t.Ticket))
        {
            Assert.Equal(expected, hall.Call(3, 23.5)); // the view is what the window really does
            hall.Do(HallCommand.Cancel(expected), 23.5);
        }

        hall.Reject(HallCommand.CallNext(3), 25.9, QueueError.NothingWaiting);
        Assert.Equal(overflow, hall.Call(3, 26));
    }

    [Fact]
    public void GetWindowQueue_DedicatedWindow_ItsClassFirstEvenWhenItRanksBehind()
    {
        var d = OneItem(d => d with { Windows = [d.Windows[0] with { DedicatedClass = PriorityPolicy.Elderly }] });
        var hall = Open(d, 1);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(15, age: 70); // ranks at minute 5: behind the normal ticket
        var view = hall.GetWindowQueue(1, hall.Now);
        Assert.Equal([(elderly, QueueReason.Dedicated), (normal, QueueReason.Primary)], view.Tickets.Select(t => (t.Ticket, t.Reason)));
        Assert.Equal(elderly, hall.Call(1, 16));
    }

    [Fact]
    public void GetWindowQueue_DedicatedWindowItsClassAheadAnyway_SaysDedicated()
    {
        var d = OneItem(d => d with { Windows = [d.Windows[0] with { DedicatedClass = PriorityPolicy.Elderly }] });
        var hall = Open(d, 1);
        var elderly = hall.Issue(0, age: 70); // first by standing too: it stands there for its class all the same
        var normal = hall.Issue(1);
        var view = hall.GetWindowQueue(1);
        Assert.Equal([(elderly, QueueReason.Dedicated), (normal, QueueReason.Primary)], view.Tickets.Select(t => (t.Ticket, t.Reason)));
    }

    [Fact]
    public void GetWindowQueue_ExplainsStanding()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Issue(2, age: 70);
        var view = hall.GetWindowQueue(1, hall.Now);
        var elderly = view.Tickets[0];
        Assert.Equal((PriorityPolicy.Elderly, TimeSpan.FromMinutes(10), QueueReason.Primary), (elderly.PriorityClass, elderly.HeadStart, elderly.Reason));
        Assert.Equal(TimeSpan.Zero, elderly.Waited); // the hall's clock is at minute 2
        Assert.Equal(TimeSpan.FromMinutes(2), view.Tickets[1].Waited);
    }

    [Fact]
    public void GetWindowQueue_Pages_ConcatenateToTheWholeOrder()
    {
        var hall = Open(Small(), 1);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            hall.Issue(i * 0.1, random.Next(1, 3), age: (byte)(random.Next(10) == 0 ? 70 : 30));
        }

        var whole = hall.GetWindowQueue(1, hall.Now, 0, 1000).Tickets.Select(t => t.Ticket).ToList();
        var paged = Enumerable.Range(0, 10).SelectMany(p => hall.GetWindowQueue(1, hall.Now, p * 20, 20).Tickets.Select(t => t.Ticket)).ToList();
        Assert.Equal(200, whole.Count);
        Assert.Equal(whole, paged);
        Assert.Equal(Enumerable.Range(20, 20), hall.GetWindowQueue(1, hall.Now, 20, 20).Tickets.Select(t => t.Position));
        Assert.Equal(whole.Take(100), hall.GetSnapshot(At(20)).Waiting.Select(t => t.Ticket)); // a comprehensive order for two-item windows
    }

    [Fact]
    public void GetServiceQueue_OverdueFirstThenByStanding()
    {
        var hall = Open(OneItem(), 1);
        var normal = hall.Issue(0);
        var green = hall.Issue(30, flags: TicketFlags.GreenChannel);
        hall.Do(HallCommand.Tick(), 61);
        var view = hall.GetServiceQueue(1, hall.Now);
        Assert.Equal([(normal, QueueReason.Overdue), (green, QueueReason.Waiting)], view.Tickets.Select(t => (t.Ticket, t.Reason)));
    }

    [Fact]
    public void GetWindowQueue_BadArguments_ArgumentExceptions()
    {
        var hall = Open(OneItem(), 1);
        Assert.Throws<ArgumentException>(() => hall.GetWindowQueue(9, hall.Now));
        Assert.Throws<ArgumentException>(() => hall.GetServiceQueue(9, hall.Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => hall.GetWindowQueue(1, hall.Now, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => hall.GetWindowQueue(1, hall.Now, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => hall.GetWindowQueue(1, hall.Now, 0, Hall.MaxQueueViewPage + 1));
    }
}
