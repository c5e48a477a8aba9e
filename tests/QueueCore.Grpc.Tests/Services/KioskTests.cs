using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using QueueCore.Grpc.V1;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>Taking tickets: retries with a request id, and the per-kiosk rate.</summary>
public class KioskTests(ITestOutputHelper output)
{
    private const string Hall = TestHalls.Demo;

    [Fact]
    public async Task TakeTicket_SameRequestIdTwice_ReturnsTheSameTicketAndIssuesOne()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var requestId = Guid.NewGuid().ToString();

        var first = await server.TakeAsync(Hall, service: 101, requestId: requestId);
        var retried = await server.TakeAsync(Hall, service: 101, requestId: requestId);

        Assert.Equal((first.Id, first.Number), (retried.Id, retried.Number));
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(1, snapshot.TotalWaiting);
        Assert.Equal("A002", (await server.TakeAsync(Hall, service: 101, requestId: Guid.NewGuid().ToString())).Number);
    }

    [Fact]
    public async Task TakeTicket_AnItemTwice_InvalidArgumentNamingServicesAndNoTicket()
    {
        // kiosk.proto: "1 to 8 items, each at most once: INVALID_ARGUMENT otherwise", naming the field as the other
        // refusals of services do.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101, 102, 101 } }));

        Assert.Contains("services", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("101", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_RetriedLater_AnswerCarriesTheFirstIssueTime()
    {
        // A kiosk that lost the answer and asks again prints the ticket it was given the first time: the time on it must
        // be when that ticket was issued (its place in the queue counts from then), not when the retry came.
        var issued = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(issued);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("hall-k"));
            s.Time = time;
        });
        var requestId = Guid.NewGuid().ToString();
        var first = await server.TakeAsync("hall-k", requestId: requestId);

        time.Advance(TimeSpan.FromMinutes(3));
        var retried = await server.TakeAsync("hall-k", requestId: requestId);

        Assert.Equal(first.Id, retried.Id);
        Assert.Equal(issued, first.IssuedAt.ToDateTimeOffset());
        Assert.Equal(issued, retried.IssuedAt.ToDateTimeOffset());
        Assert.Equal(issued.AddMinutes(3), (await server.TakeAsync("hall-k")).IssuedAt.ToDateTimeOffset()); // a new ticket, its own time
    }

    [Fact]
    public async Task TakeTicket_SameAppointmentCheckedInTwice_AlreadyExistsNamingTheFirstTicket()
    {
        // An appointment is one visit: a second check-in (another kiosk, another request id) is refused, and as
        // AlreadyExists, not as the generic FailedPrecondition of a hall in the wrong state.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        TakeTicketRequest CheckIn() => new()
        {
            Hall = Hall, Services = { 101 }, RequestId = Guid.NewGuid().ToString(),
            Appointment = new() { Code = "BK-1042", Slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
        };

        var first = await server.Kiosk().TakeTicketAsync(CheckIn()).Bounded();
        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Kiosk().TakeTicketAsync(CheckIn()));

        Assert.Contains(first.Number, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_SameAppointmentAtTwoKiosksAtOnce_OneTicketTheOtherAlreadyExists()
    {
        // A booking shared by two people, scanned at two kiosks in the same instant: one visit, one ticket.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        for (var round = 0; round < 10; round++)
        {
            var code = $"BK-R{round}";
            var outcomes = await Task.WhenAll(CheckInAsync(code), CheckInAsync(code));

            var number = Assert.Single(outcomes, o => o.Error is null).Number;
            var refused = Assert.Single(outcomes, o => o.Error is not null).Error!;
            Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
            Assert.Contains($"as ticket {number}", refused.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(10, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);

        async Task<(string? Number, RpcException? Error)> CheckInAsync(string code)
        {
            try
            {
                var request = new TakeTicketRequest
                {
                    Hall = Hall, Services = { 101 }, RequestId = Guid.NewGuid().ToString(), Appointment = new() { Code = code, Slot = slot },
                };
                return ((await server.Kiosk().TakeTicketAsync(request).Bounded()).Number, null);
            }
            catch (RpcException e)
            {
                return (null, e);
            }
        }
    }

    [Fact]
    public async Task TakeTicket_RetriedWithTheCodeTypedInOtherCase_TheFirstTicket()
    {
        // A kiosk that lost the answer retries its request; the citizen typed the code anew (" ab12" for "AB12"). The hall
        // takes that for the same booking, so the retry is the same request: the first ticket, not "a different command".
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var id = Guid.NewGuid().ToString();
        TakeTicketRequest CheckIn(string code) => new() { Hall = Hall, Services = { 101 }, RequestId = id, Appointment = new() { Code = code, Slot = slot } };

        var first = await server.Kiosk().TakeTicketAsync(CheckIn("AB12")).Bounded();
        var retry = await server.Kiosk().TakeTicketAsync(CheckIn(" ab12")).Bounded();

        Assert.Equal((first.Id, first.Number, first.IssuedAt), (retry.Id, retry.Number, retry.IssuedAt));
        Assert.Equal(1, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_AppointmentCodeBlank_InvalidArgumentAndNoAppointmentTicket()
    {
        // A scanner that read nothing sent spaces: the kiosk got a ticket with the appointment class (an on-time
        // "check-in" of an appointment nobody booked), and the next blank read was refused as "already checked in".
        await using var server = await ServerKit.StartAsync(s => s.Output = output);

        foreach (var blank in new[] { " ", "\t\r\n" })
        {
            var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().TakeTicketAsync(new()
            {
                Hall = Hall, Services = { 101 },
                Appointment = new() { Code = blank, Slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
            }));
            Assert.Contains("appointment.code", e.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_AppointmentSlotAtTheStartOfTime_InvalidArgumentNamingTheFieldAndTheCodeStillFree()
    {
        // A kiosk that sends its unset booking time (default(DateTimeOffset), 0001-01-01) sends a slot all the same: the
        // answer named the engine's AppointmentSlot, which a kiosk has never heard of, rather than appointment.slot.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        TakeTicketRequest CheckIn(DateTimeOffset slot) => new()
        {
            Hall = Hall, Services = { 101 }, Appointment = new() { Code = "BK-3", Slot = Timestamp.FromDateTimeOffset(slot) },
        };

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().TakeTicketAsync(CheckIn(default)));

        Assert.Contains("appointment.slot", e.Status.Detail, StringComparison.Ordinal);
        await server.Kiosk().TakeTicketAsync(CheckIn(DateTimeOffset.UtcNow)).Bounded(); // the refused check-in used nothing
    }

    [Fact]
    public async Task TakeTicket_AppointmentCodeWithSpacesAround_TheSameAppointmentNotASecondVisit()
    {
        // The same booking scanned again with the line end the scanner adds: "BK-7\r\n" is not "BK-7" to the hall, so
        // one appointment checked in twice, both tickets with the appointment's priority.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        TakeTicketRequest CheckIn(string code) => new()
        {
            Hall = Hall, Services = { 101 },
            Appointment = new() { Code = code, Slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
        };

        var first = await server.Kiosk().TakeTicketAsync(CheckIn("BK-7")).Bounded();
        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Kiosk().TakeTicketAsync(CheckIn(" BK-7\r\n")));

        Assert.Contains($"'BK-7' was already checked in today as ticket {first.Number}", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_TwoKiosksOfOneHallUseTheSameRequestIds_EachGetsItsOwnTickets_RetriesTheirFirst()
    {
        // Kiosks that number their requests (1, 2, 3, as UUIDs) got each other's tickets back, or a refusal: the hall
        // remembered the ids for all its devices together. An id is the calling device's own.
        var second = new TestDevice("kiosk-2", "kiosk", "kiosk-2-key-0123456789", ["*"]);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Devices = [.. TestDevices.All, second];
        });
        var one = "00000000-0000-0000-0000-000000000001";
        var two = "00000000-0000-0000-0000-000000000002";
        TakeTicketRequest Take(int service, string id) => new() { Hall = Hall, Services = { service }, RequestId = id };

        var first = await server.Kiosk().TakeTicketAsync(Take(101, one)).Bounded();
        var other = await server.Kiosk(second).TakeTicketAsync(Take(102, one)).Bounded(); // another item, the same id
        var firstAgain = await server.Kiosk().TakeTicketAsync(Take(101, two)).Bounded();
        var otherAgain = await server.Kiosk(second).TakeTicketAsync(Take(101, two)).Bounded(); // the same item and id

        Assert.Equal(4, new[] { first.Id, other.Id, firstAgain.Id, otherAgain.Id }.Distinct().Count());
        Assert.Equal(other.Id, (await server.Kiosk(second).TakeTicketAsync(Take(102, one)).Bounded()).Id); // a retry
        Assert.Equal(first.Id, (await server.Kiosk().TakeTicketAsync(Take(101, one)).Bounded()).Id);
        Assert.Equal(4, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_SameRequestIdForAnotherRequest_RefusedNotAnsweredWithTheFirstTicket()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var requestId = Guid.NewGuid().ToString();
        var first = await server.TakeAsync(Hall, service: 101, requestId: requestId);

        var items = await Rpc.FailsAsync(StatusCode.AlreadyExists,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 102 }, RequestId = requestId }));
        var age = await Rpc.FailsAsync(StatusCode.AlreadyExists,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, Attributes = new() { Age = 80 }, RequestId = requestId }));

        foreach (var e in new[] { items, age })
        {
            // The field and whose id it is; not the id the hall was given (the client's scoped to its device), which
            // the client never sent.
            Assert.StartsWith("request_id was already used for a different command by this device", e.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
            Assert.DoesNotContain(first.Number, e.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(1, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_Attributes_TheHallsRulesGiveTheClass()
    {
        // A kiosk passes attributes, never a class: the demo hall's rules make 65 and over, disability and pregnancy
        // "elderly" (caring), the key-enterprise flag "key-enterprise", and an on-time appointment "appointment".
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var now = DateTimeOffset.UtcNow;
        (TicketAttributes Attributes, AppointmentCheckIn? Appointment, string Class)[] cases =
        [
            (new(), null, "normal"),
            (new() { Age = 64 }, null, "normal"),
            (new() { Age = 65 }, null, "elderly"),
            (new() { Disabled = true }, null, "elderly"),
            (new() { Pregnant = true }, null, "elderly"),
            (new() { KeyEnterprise = true }, null, "key-enterprise"),
            (new() { GreenChannel = true }, null, "green"),
            (new(), new() { Code = "BK-1", Slot = Timestamp.FromDateTimeOffset(now.AddMinutes(5)) }, "appointment"),
            (new(), new() { Code = "BK-2", Slot = Timestamp.FromDateTimeOffset(now.AddHours(-2)) }, "normal"), // late
        ];

        foreach (var (attributes, appointment, expected) in cases)
        {
            var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, Attributes = attributes, Appointment = appointment }).Bounded();
            var queue = await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 101 }).Bounded();
            Assert.True(expected == queue.Tickets.Single(t => t.Ticket == ticket.Id).PriorityClass, $"{attributes} {appointment}: expected {expected}");
        }
    }

    [Fact]
    public async Task TakeTicket_Age75_AnswerNamesTheElderlyClassAndHowTheHallDisplaysIt()
    {
        // The kiosk prints "priority: Elderly / caring" from the answer (the class as the hall names it, not its id),
        // leaves the normal class (which ListServices names) off the ticket, and a phone asking later reads the same.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);

        var elderly = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, Attributes = new() { Age = 75 } }).Bounded();
        var walkIn = await server.TakeAsync(Hall, service: 101);
        var asked = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = elderly.Id }).Bounded();
        var list = await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();

        Assert.Equal(("elderly", false), (elderly.PriorityClass, elderly.AppointmentNotOnTime));
        Assert.Equal(("normal", false), (walkIn.PriorityClass, walkIn.AppointmentNotOnTime));
        Assert.Equal(("elderly", "Elderly / caring"), (asked.PriorityClass, asked.PriorityClassName));
        Assert.Equal(("Elderly / caring", "Normal"), (elderly.PriorityClassName, walkIn.PriorityClassName));
        Assert.Equal("normal", list.NormalClass);
    }

    [Fact]
    public async Task TakeTicket_CalledAtOnce_AnswerNamesTheWindowAsTheHallNamesIt()
    {
        // A kiosk whose ticket an auto-mode window called as it was issued sends the citizen there by number and name.
        var hall = TestHalls.Small("hall-w", windows: 2) with
        {
            Windows = [new() { Id = 1, Name = "Window 1", Skills = [new() { Category = "a" }] }, new() { Id = 2, Name = "Passport desk", Skills = [new() { Category = "a" }], AutoAssign = true }],
        };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(hall);
        });
        await server.OpenAsync("hall-w", 2);

        var called = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-w", Services = { 1 } }).Bounded();
        var waiting = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-w", Services = { 1 } }).Bounded();

        Assert.Equal((V1.TicketState.Called, 2, "Passport desk"), (called.State, called.Window, called.WindowName));
        Assert.Equal((0, ""), (waiting.Window, waiting.WindowName));
    }

    [Fact]
    public async Task TakeTicket_ClassWithoutADisplayName_AnswerNamesItByItsId()
    {
        var hall = TestHalls.Small("hall-n") with
        {
            Priority = new()
            {
                Classes = [new() { Id = "veteran", HeadStart = TimeSpan.FromMinutes(5) }, new() { Id = "walk-in" }],
                NormalClass = "walk-in",
                AppointmentClass = "veteran",
                Rules = [new() { Class = "veteran", MinAge = 80 }],
            },
        };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(hall);
        });

        var veteran = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-n", Services = { 1 }, Attributes = new() { Age = 85 } }).Bounded();
        var walkIn = await server.TakeAsync("hall-n");
        var list = await server.Kiosk().ListServicesAsync(new() { Hall = "hall-n" }).Bounded();

        Assert.Equal(("veteran", "veteran"), (veteran.PriorityClass, veteran.PriorityClassName));
        Assert.Equal(("walk-in", "walk-in"), (walkIn.PriorityClass, walkIn.PriorityClassName));
        Assert.Equal("walk-in", list.NormalClass);
    }

    [Fact]
    public async Task TakeTicket_AppointmentCheckIns_AnswerSaysTheClassAndWhetherOnTime()
    {
        // A citizen two hours late for a booking queues as a walk-in would, and the kiosk can say so: the class alone
        // ("normal", or an elderly citizen's "elderly") does not tell a late check-in from a walk-in.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var now = DateTimeOffset.UtcNow;
        Task<Ticket> CheckInAsync(string code, DateTimeOffset slot, int age = 0) => server.Kiosk().TakeTicketAsync(new()
        {
            Hall = Hall, Services = { 101 }, Attributes = new() { Age = age }, Appointment = new() { Code = code, Slot = Timestamp.FromDateTimeOffset(slot) },
        }).Bounded();

        var onTime = await CheckInAsync("BK-1", now.AddMinutes(5));
        var late = await CheckInAsync("BK-2", now.AddHours(-2));
        var lateElderly = await CheckInAsync("BK-3", now.AddHours(-2), age: 75);

        Assert.Equal(("appointment", false), (onTime.PriorityClass, onTime.AppointmentNotOnTime));
        Assert.Equal(("normal", true), (late.PriorityClass, late.AppointmentNotOnTime));
        Assert.Equal(("elderly", true), (lateElderly.PriorityClass, lateElderly.AppointmentNotOnTime));
    }

    [Fact]
    public async Task TakeTicket_LateCheckInRetried_AnswersTheSameClassAndLateness()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var request = new TakeTicketRequest
        {
            Hall = Hall, Services = { 101 }, RequestId = Guid.NewGuid().ToString(),
            Appointment = new() { Code = "BK-9", Slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-2)) },
        };

        var first = await server.Kiosk().TakeTicketAsync(request).Bounded();
        var retried = await server.Kiosk().TakeTicketAsync(request).Bounded();

        Assert.Equal((first.Id, "normal", true), (retried.Id, retried.PriorityClass, retried.AppointmentNotOnTime));
        Assert.Equal(first, retried);
    }

    [Fact]
    public async Task TakeTicket_OutsideIssuingHours_MessageSaysTheHoursAndWhenTicketsAreIssuedAgain()
    {
        // A citizen at the kiosk at 9:00 read "Service item 2 is outside its issuing hours.": not which service by its
        // name, nor when to come back; the contract gives a kiosk no other way to learn the hours.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartWithHoursOfServiceTwoAsync(time, (new(8, 30), new(8, 45)), (new(13, 30), new(16, 30)));

        var morning = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-h", Services = { 2 } }));
        time.Advance(TimeSpan.FromHours(8)); // 17:00
        var evening = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-h", Services = { 1, 2 } }));

        Assert.Equal(
            "Service item 2 (Service two) issues tickets 08:30-08:45 and 13:30-16:30 (hall time); it is 09:00: tickets again from 13:30.",
            morning.Status.Detail);
        Assert.Equal(
            "Service item 2 (Service two) issues tickets 08:30-08:45 and 13:30-16:30 (hall time); it is 17:00: no more today.",
            evening.Status.Detail);
        Assert.Equal(nameof(QueueError.Closed), evening.Reason());
    }

    [Fact]
    public async Task TakeTicket_OutsideIssuingHoursDefinedOutOfOrder_MessageListsTheHoursInTimeOrder()
    {
        // Hours configured afternoon first: the refusal read "issues tickets 13:30-16:30 and 08:30-08:45", while
        // ListServices' reason for the same item listed them in time order.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartWithHoursOfServiceTwoAsync(time, (new(13, 30), new(16, 30)), (new(8, 30), new(8, 45)));

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-h", Services = { 2 } }));

        Assert.Equal(
            "Service item 2 (Service two) issues tickets 08:30-08:45 and 13:30-16:30 (hall time); it is 09:00: tickets again from 13:30.",
            e.Status.Detail);
    }

    [Fact]
    public async Task TakeTicketAndListServices_HoursUntilMidnight_IssueToTheDaysEndAndSay24()
    {
        // Hours "20:00-24:00" (To 00:00) could not be given: the hall was refused as one whose hours end before they start.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartWithHoursOfServiceTwoAsync(time, (new(20, 0), TimeOnly.MinValue));
        async Task<string> ReasonAsync() => (await server.Kiosk().ListServicesAsync(new() { Hall = "hall-h" }).Bounded()).Services
            .Single(s => s.Service == 2) is var s ? $"{s.IssuingOpen}: {s.NotIssuingReason}" : "";

        var morning = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-h", Services = { 2 } }));
        Assert.Equal("Service item 2 (Service two) issues tickets 20:00-24:00 (hall time); it is 09:00: tickets again from 20:00.", morning.Status.Detail);
        Assert.Equal("False: Tickets 20:00-24:00 (hall time); again from 20:00.", await ReasonAsync());

        time.Advance(TimeSpan.FromHours(14.5)); // 23:30
        await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-h", Services = { 2 } }).Bounded();
        await Rpc.EventuallyAsync(async () => Assert.Equal("True: ", await ReasonAsync()));
    }

    /// <summary>Hall "hall-h" on <paramref name="time"/>, its service 2 issuing in <paramref name="hours"/>, as listed.</summary>
    private Task<ServerKit> StartWithHoursOfServiceTwoAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, params (TimeOnly From, TimeOnly To)[] hours)
    {
        var small = TestHalls.Small("hall-h");
        var two = small.Services[1] with { IssuingHours = [.. hours.Select(h => new IssuingHours { From = h.From, To = h.To })] };
        return ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(small with { Services = [small.Services[0], two] });
        });
    }

    [Fact]
    public async Task TakeTicket_OneItemAtItsDailyCap_MessageNamesTheItemAsTheCitizenKnowsIt()
    {
        // A citizen who asked for two items read "Service item 1 has reached its daily cap of 1 tickets.": an id
        // nobody at a kiosk knows, where the refusal of an item's hours names it ("Service item 2 (Service two)").
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("hall-c", dailyCap: 1));
        });
        await server.TakeAsync("hall-c");

        var e = await Rpc.FailsAsync(StatusCode.ResourceExhausted, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-c", Services = { 2, 1 } }));

        Assert.Equal("Service item 1 (Service one) has reached its daily cap of 1 ticket: no more tickets for it today.", e.Status.Detail);
        Assert.Equal(nameof(QueueError.LimitReached), e.Reason());
    }

    [Fact]
    public async Task ListServices_ItemNotIssuing_SaysWhyWithItsHoursInHallTime()
    {
        // A kiosk greys out an item it cannot offer: its citizen never reads TakeTicket's refusal with the hours, only
        // "not issuing now", and cannot tell whether to wait an hour or come back tomorrow.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var small = TestHalls.Small("hall-h");
        var afternoon = small.Services[1] with
        {
            IssuingHours = [new() { From = new TimeOnly(13, 30), To = new TimeOnly(16, 30) }, new() { From = new TimeOnly(8, 30), To = new TimeOnly(8, 45) }],
        };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(small with { Services = [small.Services[0] with { DailyCap = 1 }, afternoon] });
        });
        async Task<string[]> ReasonsAsync() => [.. (await server.Kiosk().ListServicesAsync(new() { Hall = "hall-h" }).Bounded()).Services
            .OrderBy(s => s.Service).Select(s => $"{s.Service} {s.IssuingOpen}: {s.NotIssuingReason}")];

        Assert.Equal(["1 True: ", "2 False: Tickets 08:30-08:45 and 13:30-16:30 (hall time); again from 13:30."], await ReasonsAsync());
        await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-h", Services = { 1 } }).Bounded();
        time.Advance(TimeSpan.FromHours(8)); // 17:00
        await Rpc.EventuallyAsync(async () => Assert.Equal(
            ["1 False: No more tickets for it today (at most 1 a day).", "2 False: Tickets 08:30-08:45 and 13:30-16:30 (hall time); no more today."],
            await ReasonsAsync()));
        await server.Admin().CloseDayAsync(new() { Hall = "hall-h" }).Bounded();
        await Rpc.EventuallyAsync(async () => Assert.Equal(
            ["1 False: The hall is not issuing tickets now.", "2 False: The hall is not issuing tickets now."], await ReasonsAsync()));
    }

    [Fact]
    public async Task ListServices_ItemAtItsDailyCap_SaysAnOnTimeAppointmentStillGetsItsTicket()
    {
        // The kiosk greyed out an item at its cap, so a citizen with an appointment for now could not check in, though
        // the hall issues beyond the cap to an on-time appointment. The list tells the cap apart from hours and a closed day.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var small = TestHalls.Small("hall-c");
        var morning = small.Services[1] with { DailyCap = 1, IssuingHours = [new() { From = new TimeOnly(8, 0), To = new TimeOnly(10, 0) }] };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(small with { Services = [small.Services[0] with { DailyCap = 1 }, morning] });
        });
        async Task<string[]> FlagsAsync() => [.. (await server.Kiosk().ListServicesAsync(new() { Hall = "hall-c" }).Bounded()).Services
            .OrderBy(s => s.Service).Select(s => $"{s.Service} {s.IssuingOpen} {s.DailyCapReached}")];
        Assert.Equal(["1 True False", "2 True False"], await FlagsAsync());
        await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-c", Services = { 1 } }).Bounded();
        await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-c", Services = { 2 } }).Bounded();

        await Rpc.EventuallyAsync(async () => Assert.Equal(["1 False True", "2 False True"], await FlagsAsync()));
        var booked = await server.Kiosk().TakeTicketAsync(new()
        {
            Hall = "hall-c", Services = { 1 }, Appointment = new() { Code = "AB12", Slot = Timestamp.FromDateTimeOffset(time.GetUtcNow()) },
        }).Bounded();
        Assert.False(booked.AppointmentNotOnTime);
        await Rpc.FailsAsync(StatusCode.ResourceExhausted, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-c", Services = { 1 } }));

        time.Advance(TimeSpan.FromHours(2)); // 11:00: item 2 is outside its hours as well, so no appointment gets it
        await Rpc.EventuallyAsync(async () => Assert.Equal(["1 False True", "2 False False"], await FlagsAsync()));
        await server.Admin().CloseDayAsync(new() { Hall = "hall-c" }).Bounded();
        await Rpc.EventuallyAsync(async () => Assert.Equal(["1 False False", "2 False False"], await FlagsAsync()));
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("China Standard Time")]
    public async Task ListServices_GivesTheHallsTimeZoneAsIanaIdAndTheServersTime(string zone)
    {
        // A kiosk reads an appointment's "booked for 10:30" as 10:30 today in the hall: its own clock and zone may be wrong.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero));
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(TestHalls.Small("hall-z") with { TimeZone = zone });
        });

        var list = await server.Kiosk().ListServicesAsync(new() { Hall = "hall-z" }).Bounded();

        Assert.Equal("Asia/Shanghai", list.TimeZone);
        Assert.Equal(time.GetUtcNow(), list.Time.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(151)]
    public async Task TakeTicket_AgeOutOfRange_InvalidArgumentAndNoTicket(int age)
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, Attributes = new() { Age = age } }));

        Assert.Contains("attributes.age", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task TakeTicket_MalformedRequestId_InvalidArgument(string requestId)
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, RequestId = requestId }));
        Assert.Contains("request_id", e.Status.Detail, StringComparison.Ordinal);
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(0, snapshot.TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_FasterThanTheKioskRate_ResourceExhaustedForThatKioskOnly()
    {
        var secondKiosk = new TestDevice("kiosk-2", "kiosk", "kiosk-2-key-0123456789", ["*"]);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings["QueueCoreServer:KioskTicketsPerMinute"] = "1";
            s.Settings["QueueCoreServer:KioskTicketBurst"] = "3";
            s.Devices = [.. TestDevices.All, secondKiosk];
        });

        // Requests refused before they reach the hall (a mistyped age, a hall the server does not have) spend none of
        // the kiosk's allowance: no ticket was issued, and a citizen correcting a typo must not find the kiosk busy.
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, Attributes = new() { Age = 700 } }));
        await Rpc.FailsAsync(StatusCode.NotFound, () => server.Kiosk().TakeTicketAsync(new() { Hall = "nowhere", Services = { 101 } }));
        for (var i = 0; i < 3; i++)
        {
            await server.TakeAsync(Hall, service: 101);
        }

        var e = await Rpc.FailsAsync(StatusCode.ResourceExhausted,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 } }));
        Assert.Contains("kiosk-1", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("RateLimited", e.Reason()); // not a daily cap (LimitReached) nor an overloaded shard (Overloaded)
        // When to try again (the next token of a bucket refilled one a minute), in the message and as retry-after.
        Assert.Contains("retry in 60 s", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("60", e.Trailers.GetValue("retry-after"));

        // Another kiosk has its own allowance; listing services is not rate limited.
        var other = await server.Kiosk(secondKiosk).TakeTicketAsync(new() { Hall = Hall, Services = { 101 } }).Bounded();
        Assert.Equal("A004", other.Number);
        await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
    }

    [Fact]
    public async Task TakeTicket_RetryOfATicketTakenAfterTheKioskSpentItsRate_GetsTheFirstTicket()
    {
        // The kiosk's ticket was issued but the answer was lost; by the time it retries with the same request_id its
        // allowance is spent. It was refused RateLimited, and the citizen left without the ticket the hall had issued.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings["QueueCoreServer:KioskTicketsPerMinute"] = "1";
            s.Settings["QueueCoreServer:KioskTicketBurst"] = "2";
        });
        var requestId = Guid.NewGuid().ToString();
        var first = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, RequestId = requestId }).Bounded();
        await server.TakeAsync(Hall, service: 101);
        await Rpc.FailsAsync(StatusCode.ResourceExhausted, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 } }));

        var retried = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, RequestId = requestId }).Bounded();

        Assert.Equal(first.Id, retried.Id);
        Assert.Equal(first.Number, retried.Number);
        // A request id the hall has not carried out is a new ticket, and still over the rate.
        var e = await Rpc.FailsAsync(StatusCode.ResourceExhausted,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 101 }, RequestId = Guid.NewGuid().ToString() }));
        Assert.Equal("RateLimited", e.Reason());
        Assert.Equal(2, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task TakeTicket_KioskRateSetAsHighAsItGoes_TicketsIssued()
    {
        // An operator turning the limit off with int.MaxValue tickets a minute: the server started, and every TakeTicket
        // then failed with "Bad gRPC response. HTTP status code: 500" (the limiter's period rounded to zero).
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings["QueueCoreServer:KioskTicketsPerMinute"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s.Settings["QueueCoreServer:KioskTicketBurst"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        for (var i = 1; i <= 50; i++)
        {
            Assert.Equal($"A{i:000}", (await server.TakeAsync(Hall, service: 101)).Number);
        }

        Assert.Empty(server.ErrorLogs);
    }
}
