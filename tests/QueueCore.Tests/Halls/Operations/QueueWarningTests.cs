using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class QueueWarningTests
{
    private static Hall Warned(int length) =>
        Open(OneItem(d => d with { Services = [d.Services[0] with { QueueWarningLength = length }] }), 1);

    [Fact]
    public void IssueTicket_QueueReachesWarningLength_WarnsOnce()
    {
        var hall = Warned(3);
        hall.Issue(0);
        hall.Issue(0);
        Assert.DoesNotContain(HallEventKind.QueueLengthWarning, hall.Kinds());
        hall.Issue(1);
        Assert.Equal([HallEventKind.TicketIssued, HallEventKind.QueueLengthWarning], hall.Kinds());
        var e = hall.Single(HallEventKind.QueueLengthWarning);
        Assert.Equal((1, 3, 0L), (e.Service, e.Value, e.Ticket));
        hall.Issue(2);
        Assert.DoesNotContain(HallEventKind.QueueLengthWarning, hall.Kinds());
    }

    [Fact]
    public void IssueTicket_QueueDropsBelowThenRises_WarnsAgain()
    {
        var hall = Warned(2);
        hall.Issue(0);
        hall.Issue(0);
        hall.Issue(0);
        hall.Call(1, 1); // 2 left: still at the length, not re-armed
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.Finish(1), 1);
        hall.Issue(2);
        Assert.DoesNotContain(HallEventKind.QueueLengthWarning, hall.Kinds());
        hall.Call(1, 3);
        hall.Do(HallCommand.StartServing(1), 3);
        hall.Do(HallCommand.Finish(1), 3);
        hall.Call(1, 3); // 1 left: re-armed
        hall.Issue(4);
        Assert.Equal(2, hall.Single(HallEventKind.QueueLengthWarning).Value);
    }

    [Fact]
    public void IssueTicket_NoWarningLength_NeverWarns()
    {
        var hall = Open(OneItem(), 1);
        for (var i = 0; i < 50; i++)
        {
            hall.Issue(0);
            Assert.DoesNotContain(HallEventKind.QueueLengthWarning, hall.Kinds());
        }
    }

    [Fact]
    public void CancelThenIssue_CountsTicketsWaitingNow()
    {
        var hall = Warned(2);
        var a = hall.Issue(0);
        hall.Do(HallCommand.Cancel(a), 0);
        hall.Issue(0);
        Assert.DoesNotContain(HallEventKind.QueueLengthWarning, hall.Kinds());
        hall.Issue(0);
        Assert.Contains(HallEventKind.QueueLengthWarning, hall.Kinds());
    }
}
