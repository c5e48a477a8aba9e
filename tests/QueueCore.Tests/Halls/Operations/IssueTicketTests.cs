using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class IssueTicketTests
{
    [Fact]
    public void IssueTicket_BeforeDayOpens_Closed()
    {
        var hall = new Hall(Small());
        hall.Reject(HallCommand.IssueTicket(1), 0, QueueError.Closed);
    }

    [Fact]
    public void IssueTicket_NoItems_InvalidArgument()
    {
        var hall = Open(Small());
        hall.Reject(HallCommand.IssueTicket(new ServiceItemList([])), 0, QueueError.InvalidArgument);
    }

    [Fact]
    public void IssueTicket_UnknownItem_UnknownServiceAndNothingIssued()
    {
        var hall = Open(Small());
        var r = hall.Reject(HallCommand.IssueTicket(new ServiceItemList([1, 99])), 0, QueueError.UnknownService);
        Assert.Contains("99", r.Message, StringComparison.Ordinal);
        Assert.Equal("A001", hall.Do(HallCommand.IssueTicket(1), 0).Number.ToString()); // the refused ticket used no number
    }

    [Fact]
    public void IssueTicket_SameItemTwice_InvalidArgument()
    {
        var hall = Open(Small());
        hall.Reject(HallCommand.IssueTicket(new ServiceItemList([1, 2, 1])), 0, QueueError.InvalidArgument);
    }

    /// <summary>A kiosk prints the class its ticket queues as ("priority: elderly"), read from the answer.</summary>
    [Theory]
    [InlineData(75, TicketFlags.None, PriorityPolicy.Elderly)]
    [InlineData(30, TicketFlags.None, PriorityPolicy.Normal)]
    [InlineData(0, TicketFlags.None, PriorityPolicy.Normal)]
    [InlineData(0, TicketFlags.GreenChannel, PriorityPolicy.GreenChannel)]
    public void IssueTicket_Attributes_ResultNamesTheClassTheTicketQueuesAs(byte age, TicketFlags flags, string expected)
    {
        var hall = Open(OneItem(), 1);

        var issued = hall.Do(HallCommand.IssueTicket(1, age, flags), 0);

        Assert.Equal((expected, false), (issued.PriorityClass, issued.AppointmentNotOnTime));
        Assert.Equal(expected, hall.Query(issued.Ticket, 0).PriorityClass); // a query about the ticket says it too
        Assert.Equal(expected, hall.Do(HallCommand.CallNext(1), 1).PriorityClass); // and so does its call
    }

    [Fact]
    public void IssueTicket_ClassGivenByStaff_ResultNamesItAsConfigured()
    {
        var hall = Open(OneItem(d => d with
        {
            Priority = d.Priority with { Classes = [.. d.Priority.Classes, new() { Id = "Veteran", Name = "Veterans" }] },
        }), 1);

        Assert.Equal("Veteran", hall.Do(HallCommand.IssueTicket(1, priorityClass: "Veteran"), 0).PriorityClass);
    }

    [Fact]
    public void OpenWindow_ResultAboutNoTicket_NamesNoClass()
    {
        var hall = Open(OneItem());

        Assert.Null(hall.Do(HallCommand.OpenWindow(1, 101), 0).PriorityClass);
        Assert.Null(hall.Reject(HallCommand.CallNext(1), 0, QueueError.NothingWaiting).PriorityClass);
    }

    [Fact]
    public void IssueTicket_NineItems_ListRefusesThem() =>
        Assert.Throws<ArgumentException>(() => new ServiceItemList([1, 2, 3, 4, 5, 6, 7, 8, 9]));

    [Fact]
    public void IssueTicket_EightItems_Accepted()
    {
        var d = OneItem(d => d with
        {
            Services = [.. Enumerable.Range(1, 8).Select(i => new ServiceItem { Id = i, Category = "A" })],
            Windows = [new() { Id = 1, Comprehensive = true }],
        });
        var hall = Open(d);
        var r = hall.Do(HallCommand.IssueTicket(new ServiceItemList([8, 7, 6, 5, 4, 3, 2, 1])), 0);
        Assert.Equal(8, r.Service);
        Assert.Equal(TicketState.Waiting, r.State);
    }

    [Fact]
    public void IssueTicket_DailyCapReached_LimitReachedForThatItemOnly()
    {
        var hall = Open(Small(d => d with { Services = [.. d.Services.Select(s => s.Id == 1 ? s with { DailyCap = 2 } : s)] }));
        hall.Issue(0);
        hall.Issue(0, new ServiceItemList([2, 1])); // a multi-item ticket counts against every item's cap
        var r = hall.Reject(HallCommand.IssueTicket(1), 1, QueueError.LimitReached);
        Assert.Contains("cap", r.Message, StringComparison.OrdinalIgnoreCase);
        hall.Reject(HallCommand.IssueTicket(new ServiceItemList([3, 1])), 1, QueueError.LimitReached);
        hall.Issue(1, 2);
    }

    [Fact]
    public void IssueTicket_DailyCap_ResetsWhenNextDayOpens()
    {
        var hall = Open(Small(d => d with { Services = [.. d.Services.Select(s => s.Id == 1 ? s with { DailyCap = 1 } : s)] }));
        hall.Issue(0);
        hall.Reject(HallCommand.IssueTicket(1), 1, QueueError.LimitReached);
        hall.Do(HallCommand.CloseDay(), 60);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        hall.Issue(24 * 60);
    }

    [Theory]
    [InlineData(8, 59, false)] // hall-local (UTC+8) 08:59: before the span
    [InlineData(9, 0, true)] // From is inclusive
    [InlineData(11, 59, true)]
    [InlineData(12, 0, false)] // To is exclusive
    public void IssueTicket_IssuingHours_InHallLocalTime(int hour, int minute, bool open)
    {
        var d = Small(d => d with
        {
            TimeZone = "Asia/Shanghai",
            Services = [.. d.Services.Select(s => s.Id == 1 ? s with { IssuingHours = [new() { From = new(9, 0), To = new(12, 0) }] } : s)],
        });
        var hall = new Hall(d);
        var day = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        hall.Apply(HallCommand.OpenDay(), day);
        var now = day.AddHours(hour).AddMinutes(minute);
        var r = hall.Apply(HallCommand.IssueTicket(1), now.ToUniversalTime());
        Assert.Equal(open ? QueueError.None : QueueError.Closed, r.Error);
        Assert.True(hall.Apply(HallCommand.IssueTicket(2), now).IsSuccess); // item 2 has no hours
    }

    [Theory]
    [InlineData(19, 59, false)]
    [InlineData(20, 0, true)]
    [InlineData(23, 59, true)] // To 00:00 is midnight at the day's end: the span runs to it
    [InlineData(0, 0, false)] // and not on into the next morning
    public void IssueTicket_IssuingHoursUntilMidnight_IssuesToTheDaysEnd(int hour, int minute, bool open)
    {
        // A hall that issues "20:00-24:00" could not say so: To had to be later than From, and no TimeOnly is 24:00.
        var hall = new Hall(Small(d => d with
        {
            TimeZone = "Asia/Shanghai",
            Services = [.. d.Services.Select(s => s.Id == 1 ? s with { IssuingHours = [new() { From = new(20, 0), To = TimeOnly.MinValue }] } : s)],
        }));
        var day = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        hall.Apply(HallCommand.OpenDay(), day);

        var r = hall.Apply(HallCommand.IssueTicket(1), day.AddHours(hour).AddMinutes(minute));

        Assert.Equal(open ? QueueError.None : QueueError.Closed, r.Error);
        if (!open)
        {
            Assert.StartsWith("Service item 1 (Business registration) issues tickets 20:00-24:00 (hall time)", r.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IssueTicket_UnknownExplicitClass_UnknownClass()
    {
        var hall = Open(Small());
        var r = hall.Reject(HallCommand.IssueTicket(1, priorityClass: "vip"), 0, QueueError.UnknownClass);
        Assert.Contains("vip", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueTicket_EmptyExplicitClass_InvalidArgumentSayingItIsEmpty()
    {
        // Refused, as it was (a journal that holds such a command replays the same), but saying what is wrong rather than
        // "has no priority class ''"; null is the way to let the rules choose.
        var hall = Open(Small());
        var r = hall.Reject(HallCommand.IssueTicket(1, priorityClass: ""), 0, QueueError.InvalidArgument);
        Assert.Equal("PriorityClass is empty; give a class id of hall 'small', or none (null) for the class its rules give.", r.Message);
        Assert.Equal("A001", hall.Do(HallCommand.IssueTicket(1), 0).Number.ToString());
    }

    [Fact]
    public void IssueTicket_Numbering_PerCategoryPrefixAndDailySequence()
    {
        var hall = Open(Small());
        Assert.Equal("A001", hall.Do(HallCommand.IssueTicket(1), 0).Number.ToString());
        Assert.Equal("A002", hall.Do(HallCommand.IssueTicket(2), 0).Number.ToString()); // items 1 and 2 share category A
        Assert.Equal("B001", hall.Do(HallCommand.IssueTicket(3), 0).Number.ToString());
        Assert.Equal("B002", hall.Do(HallCommand.IssueTicket(new ServiceItemList([3, 1])), 0).Number.ToString()); // first item's category
        Assert.Equal("A003", hall.Do(HallCommand.IssueTicket(new ServiceItemList([1, 3])), 0).Number.ToString());
    }

    [Theory]
    [InlineData(4, 1, "A0001")]
    [InlineData(1, 9, "A9")]
    [InlineData(1, 10, "A10")] // past the width the number prints in full
    public void IssueTicket_NumberWidth_PadsToWidth(int width, int count, string expected)
    {
        var hall = Open(OneItem(d => d with { Categories = [new() { Id = "A", Prefix = "A", NumberWidth = width }] }));
        CommandResult r = default;
        for (var i = 0; i < count; i++)
        {
            r = hall.Do(HallCommand.IssueTicket(1), 0);
        }

        Assert.Equal(expected, r.Number.ToString());
    }

    [Theory]
    [InlineData(0, TicketFlags.None, PriorityPolicy.Normal)]
    [InlineData(64, TicketFlags.None, PriorityPolicy.Normal)]
    [InlineData(65, TicketFlags.None, PriorityPolicy.Elderly)]
    [InlineData(30, TicketFlags.Disabled, PriorityPolicy.Elderly)]
    [InlineData(30, TicketFlags.Pregnant, PriorityPolicy.Elderly)]
    [InlineData(30, TicketFlags.KeyEnterprise, PriorityPolicy.KeyEnterprise)]
    [InlineData(30, TicketFlags.GreenChannel, PriorityPolicy.GreenChannel)]
    [InlineData(80, TicketFlags.KeyEnterprise, PriorityPolicy.Elderly)] // the largest head start among matches
    [InlineData(80, TicketFlags.GreenChannel | TicketFlags.Disabled, PriorityPolicy.GreenChannel)]
    public void IssueTicket_ClassRules_LargestHeadStartWins(byte age, TicketFlags flags, string expected)
    {
        var hall = Open(Small());
        hall.Do(HallCommand.IssueTicket(1, age, flags), 0);
        Assert.Equal(expected, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void IssueTicket_RuleOfAClassWithoutHeadStart_GivesThatClass_ItsDedicatedWindowCallsItFirst()
    {
        // Elderly citizens are served first at their own window 2, without a head start over others elsewhere; key
        // enterprises and appointments are told apart (screens, figures) without one either.
        var hall = Open(Small(d => d with
        {
            Windows = [d.Windows[0], d.Windows[1] with { DedicatedClass = PriorityPolicy.Elderly }, d.Windows[2]],
            Priority = d.Priority with
            {
                Classes = [.. d.Priority.Classes.Select(c => c.Id is PriorityPolicy.Elderly or PriorityPolicy.KeyEnterprise or PriorityPolicy.Appointment
                    ? c with { HeadStart = TimeSpan.Zero }
                    : c)],
            },
        }), 2);
        hall.Do(HallCommand.IssueTicket(1), 0);
        var elderly = hall.Do(HallCommand.IssueTicket(1, age: 80), 1);
        Assert.Equal(PriorityPolicy.Elderly, hall.Single(HallEventKind.TicketIssued).PriorityClass);
        hall.Do(HallCommand.IssueTicket(1, flags: TicketFlags.KeyEnterprise), 2);
        Assert.Equal(PriorityPolicy.KeyEnterprise, hall.Single(HallEventKind.TicketIssued).PriorityClass);
        hall.Do(HallCommand.IssueTicket(1, appointment: "APT-1", appointmentSlot: At(0)), 3);
        Assert.Equal(PriorityPolicy.Appointment, hall.Single(HallEventKind.TicketIssued).PriorityClass);
        hall.Do(HallCommand.IssueTicket(1, age: 80, flags: TicketFlags.KeyEnterprise), 4);
        Assert.Equal(PriorityPolicy.KeyEnterprise, hall.Single(HallEventKind.TicketIssued).PriorityClass); // a tie: the flag rule, as before

        Assert.Equal(elderly.Ticket, hall.Do(HallCommand.CallNext(2), 5).Ticket);
    }

    [Theory]
    [InlineData(80, TicketFlags.None, PriorityPolicy.Elderly)]
    [InlineData(30, TicketFlags.None, PriorityPolicy.Normal)]
    public void IssueTicket_RuleOfAClassRankedBelowNormal_StillGivesThatClass(byte age, TicketFlags flags, string expected)
    {
        // The hall ranks its normal class ahead (a head start of 5 minutes) of a class its rule gives: the rule still
        // gives it, as the ticket matched it.
        var hall = Open(Small(d => d with
        {
            Priority = d.Priority with
            {
                Classes = [.. d.Priority.Classes.Select(c => c.Id switch
                {
                    PriorityPolicy.Normal => c with { HeadStart = TimeSpan.FromMinutes(5) },
                    PriorityPolicy.Elderly => c with { HeadStart = TimeSpan.Zero },
                    _ => c,
                })],
            },
        }));
        hall.Do(HallCommand.IssueTicket(1, age: age, flags: flags), 0);
        Assert.Equal(expected, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void IssueTicket_ExplicitClass_OverridesRules()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.IssueTicket(1, age: 90, flags: TicketFlags.GreenChannel, priorityClass: PriorityPolicy.Normal), 0);
        Assert.Equal(PriorityPolicy.Normal, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Theory]
    [InlineData(-30, PriorityPolicy.Appointment)] // slot 30 minutes ahead: earliest on-time check-in
    [InlineData(-31, PriorityPolicy.Normal)]
    [InlineData(10, PriorityPolicy.Appointment)] // 10 minutes late: the grace period's end
    [InlineData(11, PriorityPolicy.Normal)]
    public void IssueTicket_AppointmentCheckIn_OnTimeGetsAppointmentClass(int minutesAfterSlot, string expected)
    {
        var hall = Open(Small());
        var now = 60.0;
        var slot = At(now - minutesAfterSlot);
        hall.Do(HallCommand.IssueTicket(1, appointment: "APT-1", appointmentSlot: slot), now);
        Assert.Equal(expected, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")] // a blank reference is no appointment either: it took the appointment class
    public void IssueTicket_EmptyAppointmentReference_RefusedAndNoNumberUsed(string reference)
    {
        var hall = Open(Small());
        hall.Reject(HallCommand.IssueTicket(1, appointment: reference, appointmentSlot: At(0)), 0, QueueError.InvalidArgument);

        var r = hall.Do(HallCommand.IssueTicket(1), 0);
        Assert.Equal("A001", r.Number.ToString());
        Assert.Equal(PriorityPolicy.Normal, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void IssueTicket_AppointmentAndElderly_AppointmentWinsButGreenBeatsBoth()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.IssueTicket(1, age: 70, appointment: "APT-1", appointmentSlot: At(0)), 0);
        Assert.Equal(PriorityPolicy.Appointment, hall.Single(HallEventKind.TicketIssued).PriorityClass);
        hall.Do(HallCommand.IssueTicket(1, flags: TicketFlags.GreenChannel, appointment: "APT-2", appointmentSlot: At(0)), 0);
        Assert.Equal(PriorityPolicy.GreenChannel, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void IssueTicket_AppointmentAndARuleClassOfEqualHeadStart_AppointmentClass()
    {
        // The docs: an on-time check-in queues as the appointment class unless its attributes give a class with a
        // longer head start. Elderly here has the appointment's 15 minutes: not longer, so the appointment class.
        var hall = Open(Small(d => d with
        {
            Priority = d.Priority with
            {
                Classes = [.. d.Priority.Classes.Select(c => c.Id == PriorityPolicy.Elderly ? c with { HeadStart = TimeSpan.FromMinutes(15) } : c)],
            },
        }));
        var r = hall.Do(HallCommand.IssueTicket(1, age: 70, appointment: "APT-1", appointmentSlot: At(0)), 0);
        Assert.Equal(PriorityPolicy.Appointment, r.PriorityClass);
        Assert.Equal(PriorityPolicy.Elderly, hall.Do(HallCommand.IssueTicket(1, age: 70), 0).PriorityClass); // a walk-in
    }

    [Fact]
    public void IssueTicket_Result_PositionAndEstimateOverOpenPrimaryWindows()
    {
        var hall = Open(OneItem(), 1, 2);
        for (var i = 0; i < 4; i++)
        {
            var r = hall.Do(HallCommand.IssueTicket(1), i);
            Assert.Equal(TicketState.Waiting, r.State);
            Assert.Equal(1, r.Service);
            Assert.Equal(0, r.Window);
            Assert.Equal(i, r.Position);
            Assert.Equal(TimeSpan.FromMinutes(i * 5.0 / 2), r.EstimatedWait); // default 5 min each, over 2 windows
        }
    }

    [Fact]
    public void IssueTicket_NoWindowOpen_EstimateAssumesOne()
    {
        var hall = Open(OneItem());
        hall.Issue(0);
        hall.Issue(0);
        // none open: one assumed, as if it had just started a service (one average first, then one per place ahead)
        Assert.Equal(TimeSpan.FromMinutes(15), hall.Do(HallCommand.IssueTicket(1), 0).EstimatedWait);
    }

    [Fact]
    public void IssueTicket_OverflowWindowsDoNotCountForEstimate()
    {
        var hall = Open(Small(), 3); // window 3 serves item 1 only as overflow
        hall.Issue(0);
        Assert.Equal(TimeSpan.FromMinutes(10), hall.Do(HallCommand.IssueTicket(1), 0).EstimatedWait); // as with none open
    }

    [Fact]
    public void IssueTicket_EstimateFollowsMovingAverage()
    {
        var hall = Open(OneItem(d => d with { Services = [d.Services[0] with { ExpectedHandlingTime = TimeSpan.FromMinutes(4) }] }), 1);
        hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Finish(1), 9); // 9 minutes: 4 + (9 - 4) / 5 = 5 minutes
        hall.Issue(10);
        Assert.Equal(TimeSpan.FromMinutes(5), hall.Do(HallCommand.IssueTicket(1), 10).EstimatedWait);
    }

    [Fact]
    public void IssueTicket_IdleAutoWindow_TicketCalledAtOnce()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(2, 7, auto: true), 0);
        var r = hall.Do(HallCommand.IssueTicket(1), 1);
        Assert.Equal(TicketState.Called, r.State);
        Assert.Equal(2, r.Window);
        Assert.Equal([HallEventKind.TicketIssued, HallEventKind.TicketCalled], hall.Kinds());
    }

    [Fact]
    public void IssueTicket_Event_CarriesNumberItemAndPosition()
    {
        var hall = Open(Small());
        hall.Issue(0);
        var r = hall.Do(HallCommand.IssueTicket(1), 1);
        var e = hall.Single(HallEventKind.TicketIssued);
        Assert.Equal(r.Ticket, e.Ticket);
        Assert.Equal("A002", e.Number.ToString());
        Assert.Equal(1, e.Service);
        Assert.Equal(1, e.Value);
        Assert.Equal(At(1), e.Time);
        Assert.Equal(0, e.Window);
    }
}
