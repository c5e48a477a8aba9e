namespace QueueCore.Tests.Halls;

public class HallSmokeTests
{
    [Fact]
    public void IssueCallServeFinish_HappyPath()
    {
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(HallFixtures.SmallHall(), now, 1, 3);
        var a = hall.Apply(HallCommand.IssueTicket(1), now);
        Assert.True(a.IsSuccess, a.ToString());
        Assert.Equal("A001", a.Number.ToString());
        var b = hall.Apply(HallCommand.IssueTicket(new ServiceItemList([3, 1])), now.AddSeconds(1));
        Assert.Equal("B001", b.Number.ToString());
        var call = hall.Apply(HallCommand.CallNext(1), now.AddSeconds(2));
        Assert.Equal(a.Ticket, call.Ticket);
        Assert.Equal(1, call.Window);
        var call3 = hall.Apply(HallCommand.CallNext(3), now.AddSeconds(2));
        Assert.Equal(b.Ticket, call3.Ticket);
        Assert.True(hall.Apply(HallCommand.StartServing(3), now.AddSeconds(3)).IsSuccess);
        var fin = hall.Apply(HallCommand.Finish(3), now.AddMinutes(3));
        Assert.Equal(TicketState.Waiting, fin.State);
        Assert.Equal(1, fin.Service);
        Assert.Contains(hall.LastEvents.ToArray(), e => e.Kind == HallEventKind.NextItem);
    }
}
