using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The clerk's other keys: recall, no-show, transfer, park and resume, cancel; and a kiosk asking where its ticket stands.</summary>
public class TerminalOperationTests(ITestOutputHelper output)
{
    private const string Hall = "ops";

    private static Task<ServerKit> StartAsync(ITestOutputHelper output) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3));
    });

    /// <summary>A server whose clock moves only when the test advances <paramref name="time"/>; the small hall unless <paramref name="hall"/>.</summary>
    private static Task<ServerKit> StartAsync(ITestOutputHelper output, FakeTimeProvider time, QueueCore.HallDefinition? hall = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Time = time;
        s.Halls.Add(hall ?? TestHalls.Small(Hall, windows: 3));
    });

    /// <summary>A clock at 9:00 on a Monday, for <see cref="StartAsync(ITestOutputHelper, FakeTimeProvider, QueueCore.HallDefinition?)"/>.</summary>
    private static FakeTimeProvider AtNine() => new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Recall_TheScreenShowsTheCallAgainMarkedAsARecall()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync(); // snapshot
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded();

        var recalled = await terminal.RecallAsync(new() { Hall = Hall, Window = 2 }).Bounded();

        Assert.Equal(ticket.Id, recalled.Id);
        var first = await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);
        var again = await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);
        Assert.False(first.Call.Recall);
        Assert.True(again.Call.Recall);
        Assert.Equal(("A001", 2), (again.Call.Number, again.Call.Window));
    }

    [Fact]
    public async Task TransferToServiceAndToWindow_TheTicketWaitsThereAndIsCalledThere()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 3 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var moved = await terminal.TransferAsync(new() { Hall = Hall, Window = 1, Service = 2 }).Bounded();
        Assert.Equal((ticket.Id, V1.TicketState.Waiting, 2), (moved.Id, moved.State, moved.Service));

        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var sent = await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 3 }).Bounded();
        Assert.Equal(ticket.Id, sent.Id);
        var queue = await terminal.GetQueueAsync(new() { Hall = Hall, Window = 3 }).Bounded();
        var queued = Assert.Single(queue.Tickets);
        Assert.Equal((ticket.Id, V1.QueueReason.OwnQueue), (queued.Ticket, queued.Reason));
        Assert.Equal(ticket.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 3 }).Bounded()).Id);

        var missing = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => terminal.TransferAsync(new() { Hall = Hall, Window = 3 }));
        Assert.Contains("target", missing.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ToAPausedWindow_WaitsThereAlertsPastItsLimitAndGoesBackToItsItemWhenTheWindowCloses()
    {
        // terminal.proto's promises for a paused target: accepted, the ticket waits in its queue (no other window calls
        // it), its item's wait limit still alerts the dashboard, and closing the window sends it back to its item's queue.
        var time = AtNine();
        await using var server = await StartAsync(output, time, TestHalls.Small(Hall, windows: 3, waitLimit: TimeSpan.FromMinutes(5)));
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await watch.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = "break" }).Bounded();

        var sent = await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2, Ticket = called.Id }).Bounded();

        Assert.Equal((V1.TicketState.Waiting, 0), (sent.State, sent.Window));
        Assert.Equal([called.Id], (await terminal.GetQueueAsync(new() { Hall = Hall, Window = 2 }).Bounded()).Tickets.Select(t => t.Ticket));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }));
        var alerted = await time.AdvanceUntilAlertAsync(watch, AlertKind.WaitLimit);
        Assert.Equal(called.Id, alerted.Alerts.Single(a => a.Kind == AlertKind.WaitLimit).Ticket);

        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();

        Assert.Equal([called.Id], (await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 1 }).Bounded()).Tickets.Select(t => t.Ticket));
        Assert.Equal(called.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
    }

    [Fact]
    public async Task GetQueueAndGetServiceQueue_PositionsAreOneBasedPlacesInTheQueue()
    {
        await using var server = await StartAsync(output);
        for (var i = 0; i < 6; i++)
        {
            await server.TakeAsync(Hall);
        }

        var first = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 2, Count = 4 }).Bounded();
        var later = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 2, Offset = 2, Count = 4 }).Bounded();
        var service = await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 1 }).Bounded();

        Assert.Equal([1, 2, 3, 4], first.Tickets.Select(t => t.Position));
        Assert.Equal([3, 4, 5, 6], later.Tickets.Select(t => t.Position));
        Assert.Equal(first.Tickets[2].Ticket, later.Tickets[0].Ticket);
        Assert.Equal([1, 2, 3, 4, 5, 6], service.Tickets.Select(t => t.Position));
    }

    [Fact]
    public async Task GetQueueAndGetServiceQueue_EachTicketsClassAsTheHallNamesIt()
    {
        // The terminal's queue shows the class as the rest of the terminal does ("Elderly / caring", not "elderly").
        await using var server = await StartAsync(output);
        await server.TakeAsync(Hall);
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, Attributes = new() { Age = 72 } }).Bounded();

        var window = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var service = await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 1 }).Bounded();

        (string, string, string)[] expected = [("A002", "elderly", "Elderly / caring"), ("A001", "normal", "Normal")];
        Assert.Equal(expected, window.Tickets.Select(t => (t.Number, t.PriorityClass, t.PriorityClassName)));
        Assert.Equal(expected, service.Tickets.Select(t => (t.Number, t.PriorityClass, t.PriorityClassName)));
    }

    [Fact]
    public async Task GetQueueAndGetServiceQueue_CountUnset_PagesOfFifty_OffsetPastTheEnd_EmptyPageWithTheTotal()
    {
        // Both requests say "default 50, at most 500": a screen that leaves count unset pages through a long queue in
        // fifties, and one that pages past the end gets an empty page, not an error, with the queue's length.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
            Traffic.Unlimited(s);
        });
        for (var i = 0; i < 55; i++)
        {
            await server.TakeAsync(Hall);
        }

        var window = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        var service = await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 1 }).Bounded();
        var rest = await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 1, Offset = 50 }).Bounded();
        var past = await server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 2, Offset = 1000 }).Bounded();

        Assert.Equal((50, 55), (window.Tickets.Count, window.Total));
        Assert.Equal((50, 55), (service.Tickets.Count, service.Total));
        Assert.Equal([51, 52, 53, 54, 55], rest.Tickets.Select(t => t.Position));
        Assert.Equal((0, 55, 1000), (past.Tickets.Count, past.Total, past.Offset));
    }

    [Fact]
    public async Task GetQueue_TicketOverdueSinceTheLastCommand_ListedFirstAsCallNextCallsIt()
    {
        // A quiet half hour: no command since 9:05. The terminal's queue was the hall as it stood at 9:05 (the elderly
        // ticket first, the normal one waited 5 minutes), while the clerk's Next at 9:31 called the normal ticket, overdue
        // since 9:30: the screen listed one order and the key called another.
        var time = AtNine();
        await using var server = await StartAsync(output, time, TestHalls.Small(Hall, windows: 3) with { Priority = new() { MaxWait = TimeSpan.FromMinutes(30) } });
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var normal = await server.TakeAsync(Hall);
        time.Advance(TimeSpan.FromMinutes(5));
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, Attributes = new() { Age = 80 } }).Bounded();
        time.Advance(TimeSpan.FromMinutes(26));

        var queue = await terminal.GetQueueAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var service = await server.Dashboard().GetServiceQueueAsync(new() { Hall = Hall, Service = 1 }).Bounded();
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(normal.Id, called.Id);
        Assert.Equal((normal.Id, V1.QueueReason.Overdue), (queue.Tickets[0].Ticket, queue.Tickets[0].Reason));
        Assert.Equal(normal.Id, service.Tickets[0].Ticket);
        Assert.Equal(time.GetUtcNow(), queue.Time.ToDateTimeOffset()); // the queue as it stands now
        Assert.Equal(TimeSpan.FromMinutes(31), queue.Tickets[0].Waited.ToTimeSpan());
    }

    [Fact]
    public async Task GetQueue_OverflowDelayPassedSinceTheLastCommand_ListedCallableNotLater()
    {
        // Window 1 takes item 2 as overflow after 10 minutes. Twelve quiet minutes after the ticket was taken, the queue
        // still said "callable at 9:10" (OverflowLater) at 9:12, and Next called it.
        var time = AtNine();
        var small = TestHalls.Small(Hall, windows: 2);
        await using var server = await StartAsync(output, time, small with
        {
            Windows = [new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] }],
        });
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1);
        var ticket = await server.TakeAsync(Hall, service: 2);
        time.Advance(TimeSpan.FromMinutes(12));

        var queue = await terminal.GetQueueAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(ticket.Id, called.Id);
        var listed = Assert.Single(queue.Tickets);
        Assert.Equal((ticket.Id, V1.QueueReason.Overflow, null), (listed.Ticket, listed.Reason, listed.EligibleAt));
    }

    [Fact]
    public async Task CallTicket_TwoTerminalsRaceForOneTicket_OneCallsItTheOtherIsRefused()
    {
        // Two clerks pick the same number from their queue lists at once: the ticket goes to one window only, and the
        // other terminal is told where it went (it read "Ticket A001 is not waiting (it is called)": called where?), and
        // its window stays idle.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        for (var round = 0; round < 10; round++)
        {
            var ticket = await server.TakeAsync(Hall);
            var outcomes = await Task.WhenAll(OutcomeAsync(1, ticket.Id), OutcomeAsync(2, ticket.Id));

            var winner = Assert.Single(outcomes, o => o.Window > 0).Window;
            var refused = Assert.Single(outcomes, o => o.Window == 0).Error!;
            Assert.Equal((StatusCode.FailedPrecondition, nameof(QueueError.TicketWrongState)), (refused.StatusCode, refused.Reason()));
            Assert.Equal($"Ticket {ticket.Number} is not waiting (it is called to window {winner}).", refused.Status.Detail);
            var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            Assert.Equal([(ticket.Number, winner)], snapshot.AtWindows.Select(t => (t.Number, t.Window)));
            await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = winner }).Bounded();
        }

        async Task<(int Window, RpcException? Error)> OutcomeAsync(int window, long ticket)
        {
            try
            {
                return ((await terminal.CallTicketAsync(new() { Hall = Hall, Window = window, Ticket = ticket }).Bounded()).Window, null);
            }
            catch (RpcException e)
            {
                return (0, e);
            }
        }
    }

    [Fact]
    public async Task CallNextAndCallTicket_TwoTerminalsRaceForOneTicket_OneWindowCallsIt()
    {
        // One clerk presses Next while another picks the same (only) number from the list: one window calls it, the
        // other is refused (nothing else waits, or the ticket is called elsewhere), never both.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        for (var round = 0; round < 10; round++)
        {
            var ticket = await server.TakeAsync(Hall);
            var outcomes = await Task.WhenAll(
                OutcomeAsync(() => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 })),
                OutcomeAsync(() => terminal.CallTicketAsync(new() { Hall = Hall, Window = 2, Ticket = ticket.Id })));

            var winner = Assert.Single(outcomes, o => o.Error is null);
            Assert.Equal(ticket.Id, winner.Ticket!.Id);
            var refused = Assert.Single(outcomes, o => o.Error is not null).Error!;
            Assert.Contains(refused.Reason(), new[] { nameof(QueueError.NothingWaiting), nameof(QueueError.TicketWrongState) });
            var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            Assert.Equal([(ticket.Number, winner.Ticket.Window)], snapshot.AtWindows.Select(t => (t.Number, t.Window)));
            await terminal.StartServingAsync(new() { Hall = Hall, Window = winner.Ticket.Window }).Bounded();
            await terminal.FinishAsync(new() { Hall = Hall, Window = winner.Ticket.Window }).Bounded();
        }

        static async Task<(V1.Ticket? Ticket, RpcException? Error)> OutcomeAsync(Func<AsyncUnaryCall<V1.Ticket>> call)
        {
            try
            {
                return (await call().Bounded(), null);
            }
            catch (RpcException e)
            {
                return (null, e);
            }
        }
    }

    [Fact]
    public async Task Finish_TicketWithAnotherItem_WaitsForItAheadOfLaterTickets()
    {
        // One visit, two items: after the first item the ticket queues for the second with the standing it had, ahead
        // of a ticket for that item taken after it.
        var time = AtNine();
        await using var server = await StartAsync(output, time);
        var terminal = server.Terminal();
        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        time.Advance(TimeSpan.FromMinutes(1));
        var later = await server.TakeAsync(Hall, service: 2);
        await server.OpenAsync(Hall, 1);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        time.Advance(TimeSpan.FromMinutes(5));

        var finished = await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal((visit.Id, V1.TicketState.Waiting, 2, 0), (finished.Id, finished.State, finished.Service, finished.Position));
        var queue = await terminal.GetQueueAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal([visit.Id, later.Id], queue.Tickets.Select(t => t.Ticket));
        Assert.Equal(visit.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
    }

    [Fact]
    public async Task ParkAndResume_TheTicketLeavesTheWindowAndComesBackToWait()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // parked while being served: a document is missing

        var parked = await terminal.ParkAsync(new()
        {
            Hall = Hall, Window = 1, Reason = "fetching a document", ReturnAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
        }).Bounded();
        Assert.Equal((ticket.Id, V1.TicketState.Parked), (parked.Id, parked.State));
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal("fetching a document", Assert.Single(snapshot.Parked).Note);

        var resumed = await terminal.ResumeParkedAsync(new() { Hall = Hall, Window = 1, Ticket = ticket.Id }).Bounded();
        Assert.Equal(V1.TicketState.Waiting, resumed.State);
        Assert.Equal(ticket.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
    }

    [Fact]
    public async Task Park_ReturnTimePasses_TheTicketComesBackByItselfWithItsResumeHeadStart()
    {
        var time = AtNine();
        await using var server = await StartAsync(output, time);
        var terminal = server.Terminal();
        var issuedAt = time.GetUtcNow();
        var ticket = await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.ParkAsync(new() { Hall = Hall, Window = 1, ReturnAt = Timestamp.FromDateTimeOffset(issuedAt.AddMinutes(5)) }).Bounded();

        // The hall's clock is the fake one: a minute at a time past the return time.
        for (var minute = 0; minute < 10; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Rpc.EventuallyAsync(async () =>
            Assert.Equal(V1.TicketState.Waiting, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded()).State));
        var page = await terminal.GetQueueAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var queued = Assert.Single(page.Tickets);
        Assert.Equal((ticket.Id, V1.QueueReason.OwnQueue), (queued.Ticket, queued.Reason)); // back to the window that parked it
        Assert.Equal(TimeSpan.FromMinutes(10), queued.HeadStart.ToTimeSpan()); // normal class: the resume head start alone
        Assert.Equal(page.Time.ToDateTimeOffset() - issuedAt, queued.Waited.ToTimeSpan()); // since issue, time parked included
        Assert.True(queued.Waited.ToTimeSpan() >= TimeSpan.FromMinutes(5), $"waited {queued.Waited}");
    }

    [Theory]
    [InlineData(-62135596800L, false)] // 0001-01-01: present, so not "no return time"
    [InlineData(-3600L, true)] // an hour ago
    public async Task Park_ReturnAtNotLaterThanNow_InvalidArgumentAndTheTicketStays(long seconds, bool fromNow)
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var returnAt = fromNow
            ? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(seconds))
            : new Timestamp { Seconds = seconds };

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => terminal.ParkAsync(new() { Hall = Hall, Window = 1, ReturnAt = returnAt }));

        Assert.Contains("return_at must be later than now", e.Status.Detail, StringComparison.Ordinal);
        var ticket = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = called.Id }).Bounded();
        Assert.Equal(V1.TicketState.Called, ticket.State);
    }

    [Theory]
    [InlineData(365 * 24 * 60, false, "may be at most 24 hours ahead (by 2026-11-24 09:00:00 hall time); 2027-11-23 09:00:00 was given")] // next year
    [InlineData(17 * 60, true, "returns the same day, by 2026-11-24 00:00:00; 2026-11-24 02:00:00 was given")] // 2 a.m. tomorrow
    public async Task Park_ReturnAtTooFarAhead_InvalidArgumentInHallTimeAndTheTicketStays(int minutes, bool hours, string expected)
    {
        // The clerk typed a return time no window would reach; with hours, item 1 issues tickets 08:00-17:00 (the hall keeps UTC).
        var time = AtNine();
        var small = TestHalls.Small(Hall, windows: 3);
        var hall = !hours ? small : small with
        {
            Services = [.. small.Services.Select(s => s.Id == 1 ? s with { IssuingHours = [new() { From = new(8, 0), To = new(17, 0) }] } : s)],
        };
        await using var server = await StartAsync(output, time, hall);
        var terminal = server.Terminal();
        await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        var called = await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var returnAt = Timestamp.FromDateTimeOffset(time.GetUtcNow().AddMinutes(minutes));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => terminal.ParkAsync(new() { Hall = Hall, Window = 1, ReturnAt = returnAt }));

        Assert.Contains(expected, e.Status.Detail, StringComparison.Ordinal);
        var ticket = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = called.Id }).Bounded();
        Assert.Equal(V1.TicketState.Serving, ticket.State);
    }

    [Theory]
    [InlineData(false, "2026-11-24T09:00:00Z")] // 24 hours ahead
    [InlineData(true, "2026-11-24T00:00:00Z")] // item 1 issues 08:00-17:00: back by midnight, hall time (UTC)
    public async Task GetWindowInfo_TicketBeingServed_ParkReturnByIsTheLatestReturnTheParkTakes(bool hours, string expected)
    {
        // The terminal offered parks of up to 480 minutes, and the server refused those past the item's day only once the
        // clerk had chosen one: the view now says how late a park may return, and it is exactly the bound Park applies.
        var time = AtNine();
        var small = TestHalls.Small(Hall, windows: 3);
        var hall = !hours ? small : small with
        {
            Services = [.. small.Services.Select(s => s.Id == 1 ? s with { IssuingHours = [new() { From = new(8, 0), To = new(17, 0) }] } : s)],
        };
        await using var server = await StartAsync(output, time, hall);
        var terminal = server.Terminal();
        await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Null((await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded()).ParkReturnBy); // called, not served
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var by = (await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded()).ParkReturnBy;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), by.ToDateTimeOffset());
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => terminal.ParkAsync(new() { Hall = Hall, Window = 1, ReturnAt = Timestamp.FromDateTimeOffset(by.ToDateTimeOffset().AddSeconds(1)) }));
        var parked = await terminal.ParkAsync(new() { Hall = Hall, Window = 1, ReturnAt = by }).Bounded();
        Assert.Equal(V1.TicketState.Parked, parked.State);
    }

    [Fact]
    public async Task NoShowAndCancel_TheTicketLeavesTheQueue()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        var first = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        var second = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var noShow = await terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(first.Id, noShow.Id);

        var cancelled = await terminal.CancelAsync(new() { Hall = Hall, Window = 1, Ticket = second.Id, Reason = "left" }).Bounded();
        Assert.Equal(V1.TicketState.Cancelled, cancelled.State);
        var again = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.CancelAsync(new() { Hall = Hall, Window = 1, Ticket = second.Id }));
        Assert.Equal(nameof(QueueError.TicketWrongState), again.Reason());
    }

    [Fact]
    public async Task NoShow_AsTerminalProtoSays_RequeuedThenDroppedThenTheWindowPaused()
    {
        // terminal.proto: re-queued until the MaxNoShows-th no-show (2), which drops the ticket; PauseWindowAfter (3)
        // unanswered calls in a row pause the window, which its stream shows and CallNext is refused for.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        var first = await server.TakeAsync(Hall);
        var second = await server.TakeAsync(Hall);
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        using var watch = terminal.WatchWindow(new() { Hall = Hall, Window = 1 });
        await watch.ResponseStream.NextAsync();

        Assert.Equal(first.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        var requeued = await terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((V1.TicketState.Waiting, 0, 1), (requeued.State, requeued.Window, requeued.Position)); // behind the second

        Assert.Equal(second.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        await terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(first.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        var dropped = await terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((first.Id, V1.TicketState.NoShow, 0), (dropped.Id, dropped.State, dropped.Window));

        var paused = await watch.ResponseStream.NextMatchingAsync(u => u.Change == WindowUpdate.Types.Change.Window);
        Assert.Equal(V1.WindowState.Paused, paused.State);
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal(nameof(QueueError.WindowNotOpen), e.Reason());
        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal("3 calls in a row unanswered", info.Figures.PauseReason);
    }

    [Fact]
    public async Task Replies_TicketAtNoWindow_WindowZeroAsGetTicketSays()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        var kiosk = server.Kiosk();
        var two = await kiosk.TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        var other = await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);

        Assert.Equal(1, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Window);
        Assert.Equal(1, (await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Window);
        var finished = await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded(); // its next item waits
        await AssertAtNoWindowAsync(finished, two.Id, V1.TicketState.Waiting);

        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = two.Id }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var parked = await terminal.ParkAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await AssertAtNoWindowAsync(parked, two.Id, V1.TicketState.Parked);

        await terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = other.Id }).Bounded();
        var noShow = await terminal.NoShowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await AssertAtNoWindowAsync(noShow, other.Id, state: null);

        async Task AssertAtNoWindowAsync(Ticket reply, long id, V1.TicketState? state)
        {
            Assert.Equal(id, reply.Id);
            if (state is { } expected)
            {
                Assert.Equal(expected, reply.State);
            }

            var asked = await kiosk.GetTicketAsync(new() { Hall = Hall, Ticket = id }).Bounded();
            Assert.Equal((reply.State, 0), (asked.State, asked.Window));
            Assert.Equal(0, reply.Window);
        }
    }

    [Fact]
    public async Task NoShow_RequeuedAndPushedToAnotherAutoWindow_ReplyNamesTheWindowItIsCalledTo()
    {
        // The absent citizen's ticket is re-queued and the other idle auto window calls it at once: the reply said
        // "called, window 1" (the window that marked it absent) while screens and GetTicket said window 2.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = true }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Auto = true }).Bounded();
        var ticket = await server.TakeAsync(Hall);
        var absentAt = (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded()).Window;

        var noShow = await terminal.NoShowAsync(new() { Hall = Hall, Window = absentAt }).Bounded();

        var now = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded();
        Assert.Equal((V1.TicketState.Called, 3 - absentAt), (now.State, now.Window));
        Assert.Equal((ticket.Id, now.State, now.Window), (noShow.Id, noShow.State, noShow.Window));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FinishAndCallNext_IdleWindowNothingWaits_NothingWaitingInEitherMode(bool auto)
    {
        // An auto window answered OK with ticket id 0, the reply the contract gives for "finished; nothing waits": the
        // browser terminal said "Finished; nothing waits." though nothing was at the window.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Auto = auto }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }));

        Assert.Equal(nameof(QueueError.NothingWaiting), e.Reason());
    }

    [Fact]
    public async Task GetTicket_SaysWhereTheTicketStands()
    {
        await using var server = await StartAsync(output);
        var kiosk = server.Kiosk();
        var first = await kiosk.TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        var second = await kiosk.TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();

        var standing = await kiosk.GetTicketAsync(new() { Hall = Hall, Ticket = second.Id }).Bounded();

        Assert.Equal((second.Number, V1.TicketState.Waiting, 1), (standing.Number, standing.State, standing.Position));
        Assert.Equal(0, (await kiosk.GetTicketAsync(new() { Hall = Hall, Ticket = first.Id }).Bounded()).Position);
        await Rpc.FailsAsync(StatusCode.NotFound, () => kiosk.GetTicketAsync(new() { Hall = Hall, Ticket = 999_999 }));
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => kiosk.GetTicketAsync(new() { Hall = Hall, Ticket = 0 }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task GetQueue_DemoHallUnderMixedTraffic_FirstCallableEntryIsWhatTheNextKeyCalls(int seed)
    {
        // "The queue its window would call, in dispatch order": on the demo hall (comprehensive windows, category
        // windows with overflow skills, the caring window for elderly citizens, priority classes, visits of two items),
        // what a terminal lists first (leaving out overflow tickets not callable yet) is the ticket its Next key calls;
        // a visit that goes on to its next item at the same window is the one exception, as it was at the window, not in
        // the queue, when the queue was read.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            Traffic.Unlimited(s);
        });
        const string hall = TestHalls.Demo;
        var random = new Random(seed);
        int[] items = [101, 102, 103, 201, 202, 301, 302, 401, 402];
        int[] windows = [1, 5, 6, 7, 8, 9, 11, 12];
        var terminal = server.Terminal();
        foreach (var window in windows)
        {
            await terminal.OpenWindowAsync(new() { Hall = hall, Window = window, Auto = false }).Bounded();
        }

        var calls = 0;
        for (var step = 0; step < 300; step++)
        {
            if (random.Next(3) > 0)
            {
                var attributes = random.Next(8) switch
                {
                    0 => new TicketAttributes { Age = 75 },
                    1 => new TicketAttributes { Disabled = true },
                    2 => new TicketAttributes { KeyEnterprise = true },
                    3 => new TicketAttributes { GreenChannel = true },
                    _ => new TicketAttributes(),
                };
                var request = new TakeTicketRequest { Hall = hall, Attributes = attributes, Services = { items[random.Next(items.Length)] } };
                if (random.Next(4) == 0 && items[random.Next(items.Length)] is var second && second != request.Services[0])
                {
                    request.Services.Add(second);
                }

                await server.Kiosk().TakeTicketAsync(request).Bounded();
                continue;
            }

            var at = windows[random.Next(windows.Length)];
            var atWindow = (await terminal.GetWindowInfoAsync(new() { Hall = hall, Window = at }).Bounded()).Current;
            var queue = await terminal.GetQueueAsync(new() { Hall = hall, Window = at, Count = 5 }).Bounded();
            var head = queue.Tickets.FirstOrDefault(t => t.Reason != QueueCore.Grpc.V1.QueueReason.OverflowLater);
            var called = await terminal.FinishAndCallNextAsync(new() { Hall = hall, Window = at }).ResponseAsync
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default).WaitAsync(Rpc.Timeout);
            if (called is not null && atWindow is not null && called.Id == atWindow.Ticket)
            {
                continue;
            }

            var listed = string.Join(" ", queue.Tickets.Select(t => $"{t.Number}/{t.PriorityClass}/{t.Reason}"));
            Assert.True((called is null or { Id: 0 }) ? head is null : head?.Ticket == called.Id,
                $"step {step}, window {at}: listed [{listed}], called {called?.Number ?? "nothing"}");
            calls++;
        }

        Assert.True(calls > 50, $"only {calls} calls compared");
    }
}
