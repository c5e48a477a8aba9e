using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A limit a redefinition adds or changes applies to the tickets and windows already waiting, idle or serving.</summary>
public class RedefineLimitTests
{
    private static HallDefinition Limits(HallDefinition d, TimeSpan? wait = null, TimeSpan? service = null, TimeSpan? idle = null) =>
        d with { Services = [d.Services[0] with { WaitLimit = wait, ServiceTimeLimit = service }], WindowIdleLimit = idle };

    [Fact]
    public void Redefine_AddsAWaitLimit_TicketsAlreadyWaitingAreWatchedInTheirOrder()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall = hall.Redefine(Limits(d, wait: TimeSpan.FromMinutes(5)), At(2));
        var c = hall.Issue(3);

        Assert.Equal(At(5), hall.NextDue); // a's wait passes the new limit first
        hall.Do(HallCommand.Tick(), 30);
        Assert.Equal([a, b, c], hall.Events().Where(e => e.Kind == HallEventKind.WaitLimitPassed).Select(e => e.Ticket));
        Assert.Null(hall.NextDue);
    }

    [Fact]
    public void Redefine_QueueWarningLengthAtOrBelowTheQueue_WarnsAtOnce()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        for (var i = 0; i < 5; i++)
        {
            hall.Issue(i);
        }

        // The manager asks to be warned at 3 while 5 wait: the warning comes now, not with the sixth ticket.
        hall = hall.Redefine(d with { Services = [d.Services[0] with { QueueWarningLength = 3 }] }, At(6));

        Assert.Equal([HallEventKind.HallRedefined, HallEventKind.QueueLengthWarning], hall.Kinds());
        Assert.Equal((1, 5), (hall.Single(HallEventKind.QueueLengthWarning).Service, hall.Single(HallEventKind.QueueLengthWarning).Value));
        hall.Issue(7);
        Assert.DoesNotContain(HallEventKind.QueueLengthWarning, hall.Kinds()); // once per crossing, as always
    }

    [Fact]
    public void Redefine_AddsAnIdleLimit_AnIdleWindowWithWorkWaitingIsAlerted()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        hall.Issue(0);
        hall = hall.Redefine(Limits(d, idle: TimeSpan.FromMinutes(3)), At(1));

        Assert.Equal(At(3), hall.NextDue); // idle since the day opened at minute 0
        hall.Do(HallCommand.Tick(), 30);
        Assert.Equal(1, hall.Single(HallEventKind.IdleTimePassed).Window);
    }

    [Fact]
    public void Redefine_AddsAServiceTimeLimit_TheServiceUnderWayIsAlerted()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall = hall.Redefine(Limits(d, service: TimeSpan.FromMinutes(5)), At(2));

        Assert.Equal(At(6), hall.NextDue); // serving since minute 1
        hall.Do(HallCommand.Tick(), 30);
        Assert.Equal(a, hall.Single(HallEventKind.ServiceTimePassed).Ticket);
    }

    [Fact]
    public void Redefine_RemovesALimit_NoAlertComes()
    {
        var d = OneItem();
        var hall = Open(Limits(d, wait: TimeSpan.FromMinutes(5), idle: TimeSpan.FromMinutes(5)), 1);
        hall.Issue(0);
        hall = hall.Redefine(d, At(1));

        Assert.Null(hall.NextDue);
        hall.Do(HallCommand.Tick(), 30);
        Assert.Empty(hall.Events());
    }

    [Fact]
    public void Redefine_UnchangedLimits_KeepTheSameTimers()
    {
        var d = Limits(OneItem(), wait: TimeSpan.FromMinutes(20), service: TimeSpan.FromMinutes(10), idle: TimeSpan.FromMinutes(5));
        var hall = Open(d, 1, 2);
        hall.Issue(0);
        hall.Issue(1);
        hall.Serve(1, 2);
        var redefined = hall.Redefine(d with { Name = "renamed" }, At(3));
        Assert.Equal(hall.NextDue, redefined.NextDue);
        Assert.Equal(hall.SaveState().Windows.Select(w => w.AlertDue), redefined.SaveState().Windows.Select(w => w.AlertDue));
    }
}
