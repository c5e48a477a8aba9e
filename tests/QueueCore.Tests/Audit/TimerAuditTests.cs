namespace QueueCore.Tests.Audit;

/// <summary>Timers from outside: idle alerts, wait limits and <see cref="Hall.NextDue"/>, so a shard ticking the hall
/// at NextDue sees every alert.</summary>
public sealed class TimerAuditTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "timers",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services =
        [
            new() { Id = 1, Category = "A", Name = "One", WaitLimit = TimeSpan.FromMinutes(5) },
            new() { Id = 2, Category = "A", Name = "Two", WaitLimit = TimeSpan.FromMinutes(3) },
        ],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Service = 1 }] },
            new() { Id = 2, Skills = [new() { Service = 2 }] },
            new() { Id = 3, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
        ],
        WindowIdleLimit = TimeSpan.FromMinutes(10),
    };

    /// <summary>Ticks at NextDue until the given minute; returns every event seen.</summary>
    private static List<HallEvent> TickUntil(Hall hall, double minute)
    {
        var seen = new List<HallEvent>();
        while (hall.NextDue is { } due && due <= AuditKit.At(minute))
        {
            Assert.True(hall.Apply(HallCommand.Tick(), due).IsSuccess);
            seen.AddRange(hall.LastEvents.ToArray());
        }

        hall.Ok(HallCommand.Tick(), minute);
        seen.AddRange(hall.LastEvents.ToArray());
        return seen;
    }

    [Fact]
    public void WaitLimits_OneAlertPerTicket_InOrderOfPassing()
    {
        var hall = AuditKit.Open(Hall(), auto: false);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(1, 2);
        var c = hall.Issue(1.5, 1);
        var events = TickUntil(hall, 30).Where(e => e.Kind == HallEventKind.WaitLimitPassed).ToList();
        Assert.Equal([b, a, c], events.Select(e => e.Ticket));
        Assert.Equal([AuditKit.At(4), AuditKit.At(5), AuditKit.At(6.5)], events.Select(e => e.Time));
    }

    [Fact]
    public void IdleAlerts_EveryOpenIdleWindow_AlertsOnce()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        hall.Issue(0.5, 1);
        hall.Issue(0.5, 2);
        hall.Ok(HallCommand.OpenWindow(3, 103), 3);
        var events = TickUntil(hall, 30).Where(e => e.Kind == HallEventKind.IdleTimePassed).ToList();
        Assert.Equal([1, 2, 3], events.Select(e => e.Window));
        Assert.Equal([AuditKit.At(10), AuditKit.At(10), AuditKit.At(13)], events.Select(e => e.Time));
    }

    [Fact]
    public void IdleAlert_AfterFinish_CountsFromFinish()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 1);
        hall.Issue(1, 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Finish(1), 15);
        var events = TickUntil(hall, 40).Where(e => e.Kind == HallEventKind.IdleTimePassed).ToList();
        var alert = Assert.Single(events);
        Assert.Equal(AuditKit.At(25), alert.Time);
    }

    [Fact]
    public void WaitLimit_TicketCalledBeforeLimit_NoAlert_ButTransferredBackStillCounts()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 3);
        var t = hall.Issue(0, 1);
        hall.Ok(HallCommand.CallNext(1), 1);
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Ok(HallCommand.TransferToService(1, 2), 2);
        var events = TickUntil(hall, 30).Where(e => e.Kind == HallEventKind.WaitLimitPassed).ToList();
        Assert.Single(events);
        _ = t;
    }
}
