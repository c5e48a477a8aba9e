using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class SnapshotTests
{
    [Fact]
    public void GetSnapshot_Services_CountsByClassLongestWaitIssued()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 1);
        hall.Issue(2, 1, age: 70);
        hall.Issue(3, 1, age: 75);
        hall.Issue(4, new ServiceItemList([2, 1]));
        var s = hall.GetSnapshot(At(10));
        var one = s.Services.Single(x => x.Service == 1);
        Assert.Equal(("Business registration", 3, 4), (one.Name, one.Waiting, one.IssuedToday));
        Assert.Equal(new Dictionary<string, int> { [PriorityPolicy.Normal] = 1, [PriorityPolicy.Elderly] = 2 }, new Dictionary<string, int>(one.WaitingByClass));
        Assert.Equal(TimeSpan.FromMinutes(10), one.LongestWait);
        Assert.Equal(TimeSpan.FromMinutes(5), one.AverageHandlingTime);
        var three = s.Services.Single(x => x.Service == 3);
        Assert.Equal((0, TimeSpan.Zero), (three.Waiting, three.LongestWait));
        Assert.Empty(three.WaitingByClass);
        Assert.Equal(4, s.TotalWaiting);
        Assert.Equal(hall.TotalWaiting, s.TotalWaiting);
    }

    [Fact]
    public void GetSnapshot_ResumedTicketAtTheHead_LongestWaitIsTheMinutesWaitedNotItsHeadStart()
    {
        // A023 waited a minute, was parked for a missing document and came back at 9:03 with the usual 10 minutes' head
        // start, which puts it first in the queue. At 9:10 the dashboard said the longest wait was 20 minutes: the
        // head start and the time away counted as waiting, though nobody had waited more than 7 minutes.
        var hall = Open(OneItem(d => d with { Park = new ParkPolicy { ReturnToSameWindow = false } }), 1);
        var resumed = hall.Issue(0);
        Assert.Equal(resumed, hall.Call(1, 1));
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.Park(1, "copy of the ID"), 2);
        hall.Do(HallCommand.ResumeParked(resumed), 3);
        hall.Issue(4);

        var one = hall.GetSnapshot(At(10)).Services.Single(x => x.Service == 1);

        Assert.Equal(2, one.Waiting);
        Assert.Equal(TimeSpan.FromMinutes(7), one.LongestWait); // since it joined the queue again, as its wait limit counts
    }

    [Fact]
    public void GetSnapshot_WaitingByClass_ReadsLikeADictionaryOfTheWaitingClassesOnly()
    {
        var hall = Open(Small(), 1);
        hall.Issue(0, 1, age: 70);
        hall.Issue(1, 1);
        hall.Issue(2, 1, age: 75);
        hall.Issue(3, 2);
        var s = hall.GetSnapshot(At(5));
        var one = s.Services.Single(x => x.Service == 1).WaitingByClass;
        var two = s.Services.Single(x => x.Service == 2).WaitingByClass;

        Assert.Equal(2, one.Count);
        Assert.Equal(2, one[PriorityPolicy.Elderly]);
        Assert.True(one.TryGetValue(PriorityPolicy.Normal, out var normal) && normal == 1);
        Assert.False(one.ContainsKey(PriorityPolicy.GreenChannel)); // a class with none waiting is left out
        Assert.False(one.ContainsKey("ELDERLY"));                   // ids are compared as written
        Assert.Equal(one.Keys.Order(), new[] { PriorityPolicy.Elderly, PriorityPolicy.Normal }.Order());
        Assert.Equal(3, one.Values.Sum());
        var missing = Assert.Throws<KeyNotFoundException>(() => one[PriorityPolicy.GreenChannel]);
        Assert.Contains(PriorityPolicy.GreenChannel, missing.Message);
        Assert.Equal(new Dictionary<string, int> { [PriorityPolicy.Normal] = 1 }, new Dictionary<string, int>(two)); // each service reads its own counts
    }

    [Fact]
    public void GetSnapshot_Waiting_InRankOrder()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(5);
        var elderly = hall.Issue(6, age: 70);
        var s = hall.GetSnapshot(At(7));
        Assert.Equal([elderly, a, b], s.Waiting.Select(t => t.Ticket));
        var first = s.Waiting[0];
        Assert.Equal((TicketState.Waiting, 1, PriorityPolicy.Elderly, 0), (first.State, first.Service, first.PriorityClass, first.Window));
        Assert.Equal((At(6), At(-4)), (first.IssuedAt, first.Standing));
        Assert.Equal("A003", first.Number.ToString());
    }

    [Fact]
    public void GetSnapshot_Windows_StateClerkTicketAndFigures()
    {
        var hall = Open(Small(), 1);
        hall.Do(HallCommand.OpenWindow(2, 7, auto: true), 0);
        hall.Do(HallCommand.PauseWindow(1, "training"), 0);
        var a = hall.Issue(1);
        var s = hall.GetSnapshot(At(1));
        var w1 = s.Windows.Single(w => w.Window == 1);
        Assert.Equal((WindowState.Paused, "training", 101, false, 0L), (w1.State, w1.PauseReason, w1.Clerk, w1.Auto, w1.Ticket));
        var w2 = s.Windows.Single(w => w.Window == 2);
        Assert.Equal((WindowState.Calling, 7, true, a), (w2.State, w2.Clerk, w2.Auto, w2.Ticket));
        var w3 = s.Windows.Single(w => w.Window == 3);
        Assert.Equal((WindowState.Closed, 0), (w3.State, w3.Clerk));
        Assert.Equal([1, 2, 3], s.Windows.Select(w => w.Window));
        var at = Assert.Single(s.AtWindows);
        Assert.Equal((a, 2, TicketState.Called), (at.Ticket, at.Window, at.State));
    }

    [Fact]
    public void GetSnapshot_SequenceTimeAndHall()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        var s = hall.GetSnapshot(At(3));
        Assert.Equal(("one", hall.Sequence, At(3), true), (s.HallId, s.Sequence, s.Time, s.DayOpen));
    }

    [Fact]
    public void GetSnapshot_TicketSentToWindow_InThatWindowsQueue()
    {
        var hall = Open(OneItem(), 1, 2);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        var s = hall.GetSnapshot(At(2));
        Assert.Empty(s.Waiting); // not in an item queue: a comprehensive window would not call it
        Assert.Equal(1, s.TotalWaiting);
        Assert.Equal(1, s.Services[0].Waiting); // it still waits for its item, though only window 2 will call it
        Assert.Equal(1, s.Windows.Single(w => w.Window == 2).QueueLength);
        var view = hall.GetWindowQueue(2, hall.Now);
        Assert.Equal((a, QueueReason.OwnQueue), (view.Tickets.Single().Ticket, view.Tickets.Single().Reason));
    }

    [Fact]
    public void GetSnapshot_IsReadOnly_NoEventsNoSequence()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        var before = Fingerprint(hall);
        var seq = hall.Sequence;
        hall.GetSnapshot(At(5));
        Assert.Equal((seq, before), (hall.Sequence, Fingerprint(hall)));
    }

    [Fact]
    public void QueryTicket_Waiting_PositionAndEstimateWithoutEvent()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        var b = hall.Issue(0);
        var seq = hall.Sequence;
        var r = hall.Query(b, 1);
        Assert.Equal((b, TicketState.Waiting, 1, TimeSpan.FromMinutes(5), 1), (r.Ticket, r.State, r.Position, r.EstimatedWait, r.Service));
        Assert.Equal("A002", r.Number.ToString());
        Assert.Empty(hall.Events());
        Assert.Equal(seq, hall.Sequence);
        Assert.Equal(seq, r.Sequence);
    }

    [Fact]
    public void QueryTicket_Called_StateAndWindow()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        var r = hall.Query(a, 1);
        Assert.Equal((TicketState.Called, 1, 0), (r.State, r.Window, r.Position));
    }

    [Fact]
    public void QueryTicket_Unknown_UnknownTicket()
    {
        var hall = Open(OneItem(), 1);
        hall.Reject(HallCommand.QueryTicket(31337), 0, QueueError.UnknownTicket);
    }
}
