namespace QueueCore.Tests.Scenarios;

/// <summary>
/// A morning at a business desk, a tax desk, a pension desk that helps the business queue after ten minutes, and a
/// caring window: a founder's three-item visit that keeps its place, an appointment checked in on time that the clerk
/// transfers to the right desk with its standing, and an elderly walk-in the caring window takes first.
/// </summary>
public class OneVisitDayTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "district",
        Categories = [new() { Id = "business", Prefix = "A" }, new() { Id = "social", Prefix = "C" }],
        Services =
        [
            new() { Id = 101, Category = "business", Name = "Registration", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
            new() { Id = 102, Category = "business", Name = "Company seal", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
            new() { Id = 103, Category = "business", Name = "Tax", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
            new() { Id = 301, Category = "social", Name = "Pension", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
        ],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Service = 101 }, new() { Service = 102 }] },
            new() { Id = 2, Skills = [new() { Service = 103 }] },
            new() { Id = 3, Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
            new() { Id = 4, Skills = [new() { Service = 301 }, new() { Category = "business", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
        ],
    };

    private static async Task<long> CallAsync(HallDay day, int window)
    {
        var ticket = (await day.DoAsync(HallCommand.CallNext(window))).Ticket;
        await day.DoAsync(HallCommand.StartServing(window));
        return ticket;
    }

    [Fact]
    public async Task Morning_VisitTransferAppointmentAndCaringWindow_EachCalledWhereAndWhenTheRulesSay()
    {
        await using var day = new HallDay(Hall());
        await day.DoAsync(HallCommand.OpenDay());
        foreach (var w in new[] { 1, 2, 4 })
        {
            await day.DoAsync(HallCommand.OpenWindow(w, clerk: 10 + w, auto: false));
        }

        var founder = (await day.DoAsync(HallCommand.IssueTicket(new ServiceItemList([101, 102, 103]), age: 30))).Ticket;
        await day.RunToAsync(1);
        var n1 = (await day.DoAsync(HallCommand.IssueTicket(101))).Ticket;
        await day.RunToAsync(2);
        var n2 = (await day.DoAsync(HallCommand.IssueTicket(102))).Ticket;
        await day.RunToAsync(3);
        var p1 = (await day.DoAsync(HallCommand.IssueTicket(301))).Ticket;
        await day.RunToAsync(4);
        Assert.Equal(founder, await CallAsync(day, 1));
        Assert.Equal(p1, await CallAsync(day, 4));
        await day.RefusedAsync(HallCommand.CallNext(2), QueueError.NothingWaiting); // tax comes third in the visit

        await day.RunToAsync(8);
        var next = await day.DoAsync(HallCommand.Finish(1)); // registration done: on to the seal, keeping its place
        Assert.Equal((TicketState.Waiting, 0), (next.State, next.Position));
        Assert.Equal(founder, await CallAsync(day, 1)); // ahead of n1, who came a minute later

        await day.RunToAsync(9);
        await day.DoAsync(HallCommand.Finish(4));
        await day.RefusedAsync(HallCommand.CallNext(4), QueueError.NothingWaiting); // business tickets are 7-8 minutes old
        var view = (await day.Hall.GetWindowQueueAsync(4).AsTask().WaitAsync(HallDay.Timeout)).Tickets;
        Assert.Equal((n1, QueueReason.OverflowLater, HallDay.At(11)), (view[0].Ticket, view[0].Reason, view[0].EligibleAt));
        await day.RunToAsync(11);
        Assert.Equal(n1, await CallAsync(day, 4)); // the pension desk helps the business queue after ten minutes

        await day.RunToAsync(12);
        await day.DoAsync(HallCommand.Finish(1)); // the seal done: on to tax
        Assert.Equal(founder, await CallAsync(day, 2));
        Assert.Equal(n2, await CallAsync(day, 1));

        await day.RunToAsync(15); // a booking for 08:20, checked in at 08:15: on time
        var booked = await day.DoAsync(HallCommand.IssueTicket(new ServiceItemList([101, 103]), appointment: "BK-7", appointmentSlot: HallDay.At(20)));
        Assert.Equal((PriorityPolicy.Appointment, false), (booked.PriorityClass, booked.AppointmentNotOnTime));
        await day.RunToAsync(16);
        var n3 = (await day.DoAsync(HallCommand.IssueTicket(101))).Ticket;
        await day.RunToAsync(17);
        await day.DoAsync(HallCommand.Finish(1));
        Assert.Equal(booked.Ticket, await CallAsync(day, 1)); // 15 minutes' head start: ahead of n3 and of the waiting pension ticket's peers

        await day.RunToAsync(18); // the matter is the pension desk's: transferred, with its standing
        await day.DoAsync(HallCommand.TransferToService(1, 301));
        Assert.Equal(n3, await CallAsync(day, 1));
        await day.RunToAsync(19);
        var p2 = (await day.DoAsync(HallCommand.IssueTicket(301))).Ticket;
        await day.RunToAsync(20);
        await day.DoAsync(HallCommand.Finish(4));
        Assert.Equal(booked.Ticket, await CallAsync(day, 4)); // ahead of p2, a walk-in a minute later
        await day.RunToAsync(25);
        var afterPension = await day.DoAsync(HallCommand.Finish(4)); // then its booked tax item
        Assert.Equal((TicketState.Waiting, 103), (afterPension.State, afterPension.Service));
        Assert.Equal(p2, await CallAsync(day, 4));
        await day.DoAsync(HallCommand.Finish(2)); // the founder's visit is complete
        Assert.Equal(booked.Ticket, await CallAsync(day, 2));

        await day.RunToAsync(26);
        await day.DoAsync(HallCommand.OpenWindow(3, clerk: 13, auto: false));
        await day.RunToAsync(27);
        await day.DoAsync(HallCommand.Finish(1)); // n3
        await day.DoAsync(HallCommand.Finish(2)); // booked
        await day.DoAsync(HallCommand.Finish(4)); // p2
        var n4 = (await day.DoAsync(HallCommand.IssueTicket(102))).Ticket;
        await day.RunToAsync(40);
        var elderly = (await day.DoAsync(HallCommand.IssueTicket(102, age: 80))).Ticket; // 13 min after n4: behind it on rank
        Assert.Equal(elderly, await CallAsync(day, 3)); // the caring window takes its class first
        Assert.Equal(n4, await CallAsync(day, 1));
        await day.RunToAsync(45);
        await day.DoAsync(HallCommand.Finish(3));
        await day.DoAsync(HallCommand.Finish(1));

        day.AssertNoTicketLostOrServedTwice();
        var finished = day.Of(HallEventKind.ServiceFinished).Where(e => e.Ticket == founder).Select(e => (e.Service, e.Window));
        Assert.Equal([(101, 1), (102, 1), (103, 2)], finished);
        var bookedFinished = day.Of(HallEventKind.ServiceFinished).Where(e => e.Ticket == booked.Ticket).Select(e => (e.Service, e.Window));
        Assert.Equal([(301, 4), (103, 2)], bookedFinished);
        Assert.Single(day.Of(HallEventKind.Transferred));
        Assert.Equal(1, (await day.SnapshotAsync()).Windows.Single(w => w.Window == 3).ServedToday);
    }
}
