using MessagePack;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>An appointment is one visit: its reference gives one ticket per hall day.</summary>
public class AppointmentCheckInTests
{
    private static readonly Guid Press = Guid.Parse("5b0c3c1e-7d2a-4f7e-9a51-2f1d0f6f6a10");

    private static HallCommand CheckIn(string reference, double slotMinute = 0) =>
        HallCommand.IssueTicket(1, appointment: reference, appointmentSlot: At(slotMinute));

    /// <summary>
    /// On time is from <c>AppointmentEarlyWindow</c> before the slot through <c>AppointmentGracePeriod</c> after it, both
    /// ends included (defaults 30 and 10 minutes); any longer window the definition accepts means what it says, up to the
    /// largest time span ("appointments keep their priority however late").
    /// </summary>
    [Theory]
    [InlineData(-30.0, null, PriorityPolicy.Appointment)]
    [InlineData(-30.001, null, PriorityPolicy.Normal)]
    [InlineData(10.0, null, PriorityPolicy.Appointment)]
    [InlineData(10.001, null, PriorityPolicy.Normal)]
    [InlineData(600.0, "max", PriorityPolicy.Appointment)] // the grace period added to the slot overflowed: never on time
    [InlineData(-600.0, "max", PriorityPolicy.Appointment)]
    public void IssueTicket_CheckInAroundItsSlot_AppointmentClassOnlyWithinTheEarlyWindowAndGracePeriod(double minutesFromSlot, string? windows, string expected)
    {
        var hall = Open(OneItem(d => windows is null
            ? d
            : d with { Priority = d.Priority with { AppointmentEarlyWindow = TimeSpan.MaxValue, AppointmentGracePeriod = TimeSpan.MaxValue } }), 1);
        const double slot = 700;

        hall.Do(CheckIn("APT-1", slotMinute: slot), slot + minutesFromSlot);

        Assert.Equal(expected, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    /// <summary>
    /// The answer says the class the ticket queues as and whether the check-in was on time: a late (or too early)
    /// check-in queues as a walk-in with the same attributes would, and the kiosk can tell the citizen why.
    /// </summary>
    [Theory]
    [InlineData(0.0, 0, PriorityPolicy.Appointment, false)] // on time
    [InlineData(-30.0, 0, PriorityPolicy.Appointment, false)] // as early as may be
    [InlineData(10.0, 0, PriorityPolicy.Appointment, false)] // as late as may be
    [InlineData(20.0, 0, PriorityPolicy.Normal, true)] // late: the walk-in's class
    [InlineData(-45.0, 0, PriorityPolicy.Normal, true)] // too early: the same
    [InlineData(20.0, 75, PriorityPolicy.Elderly, true)] // late, elderly: the walk-in's class is elderly
    [InlineData(0.0, 75, PriorityPolicy.Appointment, false)] // on time, elderly: the appointment ranks higher
    public void IssueTicket_CheckIn_ResultSaysTheClassAndWhetherItWasOnTime(double minutesFromSlot, byte age, string expected, bool notOnTime)
    {
        var hall = Open(OneItem(), 1);
        const double slot = 60;

        var issued = hall.Do(HallCommand.IssueTicket(1, age, appointment: "APT-1", appointmentSlot: At(slot)), slot + minutesFromSlot);

        Assert.Equal((expected, notOnTime), (issued.PriorityClass, issued.AppointmentNotOnTime));
        Assert.Equal(expected, hall.Single(HallEventKind.TicketIssued).PriorityClass); // the class it really queues as
    }

    [Fact]
    public void IssueTicket_LateCheckInRetried_SameClassAndLateness_AlsoAfterRestore()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var command = CheckIn("APT-1", slotMinute: 0).WithRequestId(Press);
        var first = hall.Do(command, 20);

        var retry = hall.Do(command, 21);
        var restored = Hall.Restore(d, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));

        Assert.Equal((PriorityPolicy.Normal, true), (first.PriorityClass, first.AppointmentNotOnTime));
        Assert.Equal(first, retry);
        Assert.Equal(first, restored.Do(command, 22));
    }

    /// <summary>
    /// The walk-ins of the morning took every ticket the item's daily cap allows; a citizen who booked the afternoon and
    /// checks in on time still gets the ticket the booking promised (and counts as issued), while a walk-in, or a
    /// check-in too late to keep its appointment, is refused as the cap says.
    /// </summary>
    [Fact]
    public void IssueTicket_DailyCapTakenByWalkIns_OnTimeCheckInStillIssued_LateOneAndWalkInsRefused()
    {
        var hall = Open(OneItem(d => d with { Services = [d.Services[0] with { DailyCap = 2 }] }), 1);
        hall.Issue(0);
        hall.Issue(1);
        hall.Reject(HallCommand.IssueTicket(1), 2, QueueError.LimitReached);

        var booked = hall.Do(CheckIn("APT-1", slotMinute: 300), 295);

        Assert.Equal((PriorityPolicy.Appointment, false), (booked.PriorityClass, booked.AppointmentNotOnTime));
        Assert.Equal(3, hall.ServiceView(1, 295).IssuedToday);
        hall.Reject(CheckIn("APT-2", slotMinute: 240), 296, QueueError.LimitReached); // late: a walk-in now
        hall.Reject(HallCommand.IssueTicket(1), 297, QueueError.LimitReached);
    }

    [Fact]
    public void IssueTicket_CheckInPastTheGracePeriod_TicketWithoutTheClass_ReferenceUsedForTheDay()
    {
        // Booked 09:00-09:15, at the kiosk 09:20: a ticket all the same (late loses the priority, not the visit), and
        // the booking cannot be checked in again for a second, on-time-looking ticket.
        var hall = Open(OneItem(), 1);
        var late = hall.Do(CheckIn("APT-5", slotMinute: 0), 20);

        Assert.Equal((TicketState.Waiting, PriorityPolicy.Normal), (late.State, hall.Single(HallEventKind.TicketIssued).PriorityClass));
        hall.Reject(CheckIn("APT-5", slotMinute: 15), 21, QueueError.AlreadyCheckedIn);
    }

    [Fact]
    public void IssueTicket_AppointmentForSeveralItems_OneTicketThatKeepsTheClassForItsNextItem()
    {
        var hall = Open(Small(), 1);
        var visit = hall.Do(HallCommand.IssueTicket(new ServiceItemList([1, 2]), appointment: "APT-2", appointmentSlot: At(0)), 0).Ticket;
        hall.Serve(1, 1);
        var next = hall.Do(HallCommand.Finish(1), 2);

        Assert.Equal((visit, TicketState.Waiting, 2), (next.Ticket, next.State, next.Service));
        Assert.Equal(PriorityPolicy.Appointment, hall.GetSnapshot(At(2)).Waiting.Single(t => t.Ticket == visit).PriorityClass);
    }

    [Fact]
    public void IssueTicket_DayServingRemaining_RefusedClosed_ReferenceFreeForTheNextDay()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 0);
        hall.Reject(CheckIn("APT-3"), 1, QueueError.Closed);
        hall.Do(HallCommand.CloseDay(), 2);
        hall.Do(HallCommand.OpenDay(), 3);

        hall.Do(CheckIn("APT-3", slotMinute: 3), 3);
        Assert.Equal(PriorityPolicy.Appointment, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void Redefine_AppointmentCheckedIn_StillRefused_TheNewGracePeriodApplies()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        hall.Do(CheckIn("APT-1"), 0);
        var next = hall.Redefine(d with { Priority = d.Priority with { AppointmentGracePeriod = TimeSpan.FromMinutes(20) } }, At(1));

        next.Reject(CheckIn("APT-1"), 2, QueueError.AlreadyCheckedIn);
        next.Do(CheckIn("APT-2"), 18);
        Assert.Equal(PriorityPolicy.Appointment, next.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void IssueTicket_SameAppointmentWhileItsTicketWaits_AlreadyCheckedInNamingTheTicket()
    {
        var hall = Open(OneItem(), 1);
        var first = hall.Do(CheckIn("APT-7"), 0);
        var r = hall.Reject(CheckIn("APT-7"), 1, QueueError.AlreadyCheckedIn); // no second ticket, no second number
        Assert.Contains("APT-7", r.Message, StringComparison.Ordinal);
        Assert.Contains($"ticket {first.Number}, which is waiting", r.Message, StringComparison.Ordinal);
        Assert.Equal(1, hall.TotalWaiting);

        Assert.Equal("A002", hall.Do(CheckIn("APT-8"), 1).Number.ToString()); // the refused check-in used no number
    }

    /// <summary>
    /// A code is the same booking however the citizen types it: " ab12" at the kiosk for the booked "AB12" is that
    /// appointment (one visit), not a second one with a second ticket. The ticket keeps the code as first checked in.
    /// </summary>
    [Theory]
    [InlineData("ab12")]
    [InlineData(" AB12")]
    [InlineData(" ab12\r\n")]
    [InlineData("Ab12\t")]
    public void IssueTicket_SameAppointmentTypedInOtherCaseOrWithSpaces_AlreadyCheckedIn(string typed)
    {
        var hall = Open(OneItem(), 1);
        var first = hall.Do(CheckIn("AB12"), 0);

        var r = hall.Reject(CheckIn(typed), 1, QueueError.AlreadyCheckedIn);

        Assert.Contains($"ticket {first.Number}, which is waiting", r.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Appointment '{typed.Trim()}' was already checked in", r.Message, StringComparison.Ordinal); // no line end inside
        Assert.Equal(1, hall.TotalWaiting);
        Assert.Equal("AB12", hall.SaveState().Tickets.Single(t => t.Id == first.Ticket).Appointment); // as booked
        var saved = MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState()));
        Hall.Restore(OneItem(), saved).Reject(CheckIn(typed), 2, QueueError.AlreadyCheckedIn); // also after a restore
    }

    /// <summary>
    /// A kiosk that lost the answer retries its request with the same id; the code may come in typed or scanned anew
    /// (" ab12" after "AB12"). The hall matches codes that way, so the retry is the same check-in: its first ticket, not a
    /// refusal as "a different command".
    /// </summary>
    [Theory]
    [InlineData("ab12")]
    [InlineData(" AB12")]
    [InlineData(" ab12\r\n")]
    public void IssueTicket_RetriedWithTheCodeTypedInOtherCaseOrWithSpaces_ReturnsTheFirstTicket(string typed)
    {
        var hall = Open(OneItem(), 1);
        var first = hall.Do(CheckIn("AB12").WithRequestId(Press), 0);
        var sequence = hall.Sequence;

        var retry = hall.Do(CheckIn(typed).WithRequestId(Press), 1);

        Assert.Equal(first, retry);
        Assert.Equal(sequence, hall.Sequence);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void IssueTicket_RequestIdReusedForAnotherCode_StillRefusedAsAnotherCommand()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(CheckIn("AB12").WithRequestId(Press), 0);

        var r = hall.Reject(CheckIn("AB13").WithRequestId(Press), 1, QueueError.RequestIdReused);

        Assert.Equal($"Request id {Press} was already used for a different command.", r.Message);
    }

    [Fact]
    public void Restore_StateSavedWhileCodesWereMatchedExactly_ARetryMatchesItsCodeExactlyToo()
    {
        // As that hall answered: "ab12" after "AB12" was another appointment, so another command.
        var d = OneItem();
        var old = Hall.Restore(d, Open(d, 1).SaveState() with { AppointmentReferencesIgnoreCase = false });
        old.Do(CheckIn("AB12").WithRequestId(Press), 0);

        old.Reject(CheckIn("ab12").WithRequestId(Press), 1, QueueError.RequestIdReused);
    }

    [Fact]
    public void RequestId_RememberedWhileCodesWereMatchedExactly_RetriedAsTypedOnceTheyAreNot_ReturnsTheFirstTicket()
    {
        // An engine recovering a journal written while codes were matched exactly switches the hall to matching them
        // ignoring case: a check-in remembered before the switch, retried as it was typed, is still the same command.
        var d = OneItem();
        var old = Hall.Restore(d, Open(d, 1).SaveState() with { AppointmentReferencesIgnoreCase = false });
        var first = old.Do(CheckIn(" ab12").WithRequestId(Press), 0);
        old.MatchReferencesIgnoringCase();

        Assert.Equal(first, old.Do(CheckIn(" ab12").WithRequestId(Press), 1));
    }

    [Fact]
    public void Restore_StateSavedWhileCodesWereMatchedExactly_MatchesThemExactlyAsThatHallDid()
    {
        // A state (or a journal's hall record) from before: its hall answers every later command as it did, so a journal
        // written then replays to the same hall. "ab12" after "AB12" was another appointment.
        var d = OneItem();
        var hall = Open(d, 1);
        hall.Do(CheckIn("AB12"), 0);
        var old = Hall.Restore(d, hall.SaveState() with { AppointmentReferencesIgnoreCase = false });

        old.Do(CheckIn("ab12"), 1);
        old.Reject(CheckIn("ab12"), 2, QueueError.AlreadyCheckedIn);
        Assert.False(old.SaveState().AppointmentReferencesIgnoreCase);
        Assert.True(hall.SaveState().AppointmentReferencesIgnoreCase);
    }

    [Fact]
    public void IssueTicket_SameAppointmentAfterItsVisitEnded_StillRefusedThatDay()
    {
        var hall = Open(OneItem(d => d with { RetainedCompletedTickets = 1 }), 1);
        hall.Do(CheckIn("APT-7"), 0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Reject(CheckIn("APT-7", slotMinute: 180), 3, QueueError.AlreadyCheckedIn); // one visit, whatever slot is claimed

        for (var i = 0; i < 3; i++)
        {
            hall.Issue(4);
            hall.Serve(1, 4);
            hall.Do(HallCommand.Finish(1), 4); // the finished appointment ticket is forgotten: its slot is reused
        }

        var r = hall.Reject(CheckIn("APT-7"), 5, QueueError.AlreadyCheckedIn);
        Assert.Contains("ticket A001", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueTicket_SameAppointmentAfterItsTicketWasDroppedAsANoShow_MessageSaysANoShow()
    {
        // The citizen who missed the call and checks in again was told the first ticket "is noshow".
        var hall = Open(OneItem(d => d with { NoShow = new() { MaxNoShows = 1 } }), 1);
        hall.Do(CheckIn("APT-7"), 0);
        hall.Call(1, 1);
        hall.Do(HallCommand.NoShow(1), 2);
        var r = hall.Reject(CheckIn("APT-7"), 3, QueueError.AlreadyCheckedIn);
        Assert.Equal("Appointment 'APT-7' was already checked in today as ticket A001, which is a no-show; an appointment is one visit.", r.Message);
    }

    [Fact]
    public void IssueTicket_SameAppointmentRetriedWithTheSameRequestId_ReturnsTheFirstTicket()
    {
        var hall = Open(OneItem(), 1);
        var command = CheckIn("APT-7").WithRequestId(Press);
        var first = hall.Do(command, 0);
        var retry = hall.Do(command, 1);
        Assert.Equal(first, retry);
        Assert.Empty(hall.Events());
        hall.Reject(CheckIn("APT-7").WithRequestId(Guid.NewGuid()), 1, QueueError.AlreadyCheckedIn); // another press: another request
    }

    [Fact]
    public void IssueTicket_AppointmentWithoutItsSlot_RefusedNamingTheSlot_ReferenceStillFree()
    {
        var hall = Open(OneItem(), 1);

        // A check-in that forgot its slot (default(DateTimeOffset)) was a very late check-in: a Normal ticket, and the
        // reference used up for the day, so the real check-in with the slot was then refused as AlreadyCheckedIn.
        var r = hall.Reject(HallCommand.IssueTicket(1, appointment: "APT-9"), 1, QueueError.InvalidArgument);

        Assert.Contains("AppointmentSlot", r.Message, StringComparison.Ordinal);
        hall.Do(CheckIn("APT-9", slotMinute: 5), 2);
        Assert.Equal(PriorityPolicy.Appointment, hall.Single(HallEventKind.TicketIssued).PriorityClass);
    }

    [Fact]
    public void IssueTicket_AppointmentCheckedIn_RefusalSurvivesSaveAndRestore()
    {
        var d = OneItem(d => d with { RetainedCompletedTickets = 1 });
        var hall = Open(d, 1);
        hall.Do(CheckIn("APT-7"), 0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 1);
        hall.Issue(2);
        hall.Serve(1, 2);
        hall.Do(HallCommand.Finish(1), 2); // the appointment's ticket is no longer in the state's tickets
        hall.Do(CheckIn("APT-8"), 3);

        var state = MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState()));
        Assert.Equal(["APT-7", "APT-8"], state.CheckIns!.Select(c => c.Reference));
        var restored = Hall.Restore(d, state);
        restored.Reject(CheckIn("APT-7"), 4, QueueError.AlreadyCheckedIn);
        restored.Reject(CheckIn("APT-8"), 4, QueueError.AlreadyCheckedIn);
        Assert.Equal(Fingerprint(hall), Fingerprint(restored));
    }

    [Fact]
    public void Restore_StateSavedBeforeCheckInsWereKept_TakesTheLiveTicketsReferences()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        hall.Do(CheckIn("APT-7"), 0);
        var restored = Hall.Restore(d, hall.SaveState() with { CheckIns = null });
        restored.Reject(CheckIn("APT-7"), 1, QueueError.AlreadyCheckedIn);
        restored.Do(CheckIn("APT-8"), 1);
    }

    [Fact]
    public void Restore_AppointmentListedTwice_RefusedAsDamaged()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(CheckIn("APT-7"), 0);
        var state = hall.SaveState();
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(OneItem(), state with { CheckIns = [state.CheckIns![0], state.CheckIns[0]] }));
        Assert.Contains("listed twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenDay_NextDay_TheSameReferenceChecksInAgain()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(CheckIn("APT-7"), 0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.CloseDay(), 60);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        var next = hall.Do(CheckIn("APT-7", slotMinute: 24 * 60), 24 * 60); // a booking code reused on another day is another visit
        Assert.Equal(PriorityPolicy.Appointment, hall.Single(HallEventKind.TicketIssued).PriorityClass);
        Assert.Equal("A001", next.Number.ToString());
    }
}
