using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Audit;

/// <summary>
/// An integrator's check of every role's calls with bad input, read from the contracts alone (common.proto's field rules,
/// each call's comments, issue 11's status list): each refusal has the status the contracts name, the error kind in its
/// details, and a message that names what was wrong.
/// </summary>
public class ContractStatusTests(ITestOutputHelper output)
{
    private const string Hall = "hall-audit";

    /// <summary>One refusal: the call, the status and error kind the contracts name, and a word the message must carry.</summary>
    private sealed record Refusal(string Name, StatusCode Code, string Reason, string Mentions, Func<Task> Call);

    private static Refusal Unary<T>(string name, StatusCode code, string reason, string mentions, Func<AsyncUnaryCall<T>> call) =>
        new(name, code, reason, mentions, () => call().ResponseAsync.WaitAsync(Rpc.Timeout));

    private static Refusal Stream<T>(string name, StatusCode code, string reason, string mentions, Func<AsyncServerStreamingCall<T>> call) =>
        new(name, code, reason, mentions, async () =>
        {
            using var streaming = call();
            using var timeout = new CancellationTokenSource(Rpc.Timeout);
            await streaming.ResponseStream.MoveNext(timeout.Token);
        });

    [Fact]
    public async Task EveryRole_BadOrUnknownInput_TheStatusAndKindTheContractsName_WithAMessageNamingIt()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
        });
        var kiosk = server.Kiosk();
        var terminal = server.Terminal();
        var window1 = server.Terminal(TestDevices.TerminalOfWindow1);
        var dashboard = server.Dashboard();
        var admin = server.Admin();
        const StatusCode invalid = StatusCode.InvalidArgument, notFound = StatusCode.NotFound, denied = StatusCode.PermissionDenied;
        const string bad = "InvalidArgument", unknownWindow = "UnknownWindow", unknownTicket = "UnknownTicket";
        Refusal[] refusals =
        [
            // Fields every service reads the same way (common.proto).
            Unary("no hall", invalid, bad, "hall", () => kiosk.ListServicesAsync(new())),
            Stream("no hall on a stream", invalid, bad, "hall", () => server.Display().Watch(new())),
            Unary("unknown hall", notFound, "UnknownHall", "nope", () => kiosk.ListServicesAsync(new() { Hall = "nope" })),
            Stream("unknown hall on a stream", notFound, "UnknownHall", "nope", () => dashboard.WatchFigures(new() { Hall = "nope" })),
            Unary("ticket 0", invalid, bad, "ticket", () => kiosk.GetTicketAsync(new() { Hall = Hall })),
            Unary("ticket not held", notFound, unknownTicket, "9223372036854775807", () => kiosk.GetTicketAsync(new() { Hall = Hall, Ticket = long.MaxValue })),
            Unary("window 0", invalid, bad, "window", () => terminal.OpenWindowAsync(new() { Hall = Hall })),
            Unary("window 0 from a bound terminal", invalid, bad, "window", () => window1.CallNextAsync(new() { Hall = Hall })),
            Unary("window not held", notFound, unknownWindow, "2147483647", () => terminal.CallNextAsync(new() { Hall = Hall, Window = int.MaxValue })),
            Unary("negative service", invalid, bad, "services", () => kiosk.TakeTicketAsync(new() { Hall = Hall, Services = { -1 } })),
            Unary("service not held", notFound, "UnknownService", "9999", () => kiosk.TakeTicketAsync(new() { Hall = Hall, Services = { 9999 } })),
            Unary("request_id not a UUID", invalid, bad, "request_id", () => kiosk.TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, RequestId = new string('x', 100_000) })),

            // Kiosk.
            Unary("suggestions past 100", invalid, bad, "max_halls", () => kiosk.SuggestHallsAsync(new() { Region = "r", MaxHalls = 101 })),

            // Terminal.
            Unary("negative clerk", invalid, bad, "clerk", () => terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = -1 })),
            Unary("call a ticket not held", notFound, unknownTicket, "999999", () => terminal.CallTicketAsync(new() { Hall = Hall, Window = 1, Ticket = 999999 })),
            Unary("cancel ticket 0", invalid, bad, "ticket", () => terminal.CancelAsync(new() { Hall = Hall, Window = 1 })),
            Unary("cancel a ticket not held", notFound, unknownTicket, "999999", () => terminal.CancelAsync(new() { Hall = Hall, Window = 1, Ticket = 999999 })),
            Unary("resume a ticket not held", notFound, unknownTicket, "999999", () => terminal.ResumeParkedAsync(new() { Hall = Hall, Window = 1, Ticket = 999999 })),
            Unary("reason over 200", invalid, bad, "reason", () => terminal.CancelAsync(new() { Hall = Hall, Window = 1, Ticket = 1, Reason = new string('r', 201) })),
            Unary("queue of a window not held", notFound, unknownWindow, "99", () => terminal.GetQueueAsync(new() { Hall = Hall, Window = 99 })),
            Unary("queue offset negative", invalid, bad, "offset", () => terminal.GetQueueAsync(new() { Hall = Hall, Window = 1, Offset = -1 })),
            Unary("queue page over 500", invalid, bad, "count", () => terminal.GetQueueAsync(new() { Hall = Hall, Window = 1, Count = 501 })),
            Unary("info of a window not held", notFound, unknownWindow, "99", () => terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 99 })),
            Stream("watch a window not held", notFound, unknownWindow, "99", () => terminal.WatchWindow(new() { Hall = Hall, Window = 99 })),

            // Display.
            Stream("screen of window 0", invalid, bad, "windows", () => server.Display().Watch(new() { Hall = Hall, Windows = { 0 } })),
            Stream("screen of a window not held", notFound, unknownWindow, "99", () => server.Display().Watch(new() { Hall = Hall, Windows = { 99 } })),
            Stream("screen of 51 recent calls", invalid, bad, "recent_calls", () => server.Display().Watch(new() { Hall = Hall, RecentCalls = 51 })),
            Stream("screen after a negative sequence", invalid, bad, "after_sequence", () => server.Display().Watch(new() { Hall = Hall, AfterSequence = -1 })),

            // Evaluator.
            Unary("score 0", invalid, bad, "score", () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1 })),
            Unary("rate a ticket not held", notFound, unknownTicket, "999999", () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 3, Ticket = 999999 })),

            // Dashboard.
            Unary("service queue of a service not held", notFound, "UnknownService", "9999", () => dashboard.GetServiceQueueAsync(new() { Hall = Hall, Service = 9999 })),
            Unary("service queue of a negative service", invalid, bad, "service", () => dashboard.GetServiceQueueAsync(new() { Hall = Hall, Service = -1 })),
            Stream("figures every millisecond", invalid, bad, "interval", () => dashboard.WatchFigures(new() { Hall = Hall, Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1)) })),

            // Admin.
            Unary("hall not held", notFound, "UnknownHall", "nope", () => admin.RemoveHallAsync(new() { Hall = "nope" })),
            Unary("service missing", invalid, bad, "service", () => admin.PutServiceAsync(new() { Hall = Hall })),
            Unary("manager's pause of a window not held", notFound, unknownWindow, "99", () => admin.PauseWindowAsync(new() { Hall = Hall, Window = 99 })),
            Unary("day already open", StatusCode.FailedPrecondition, "DayWrongState", "open day", () => admin.OpenDayAsync(new() { Hall = Hall })),

            // Roles and scopes.
            Unary("a screen takes a ticket", denied, "PermissionDenied", "display", () => server.Kiosk(TestDevices.Display).TakeTicketAsync(new() { Hall = Hall, Services = { 1 } })),
            Unary("a pad calls a ticket", denied, "PermissionDenied", "evaluator", () => server.Terminal(TestDevices.Evaluator).CallNextAsync(new() { Hall = Hall, Window = 1 })),
            Unary("a dashboard reads a window's queue", denied, "PermissionDenied", "dashboard", () => server.Terminal(TestDevices.Dashboard).GetQueueAsync(new() { Hall = Hall, Window = 1 })),
            Unary("a kiosk rates", denied, "PermissionDenied", "kiosk", () => server.Evaluator(TestDevices.Kiosk).RateAsync(new() { Hall = Hall, Window = 1, Score = 3 })),
            Unary("a terminal reads the hall's snapshot", denied, "PermissionDenied", "terminal", () => server.Dashboard(TestDevices.Terminal).GetSnapshotAsync(new() { Hall = Hall })),
            Unary("a kiosk lists the halls", denied, "PermissionDenied", "kiosk", () => server.Admin(TestDevices.Kiosk).ListHallsAsync(new())),
            Unary("a kiosk of another hall", denied, "PermissionDenied", Hall, () => server.Kiosk(TestDevices.KioskOfHallA).ListServicesAsync(new() { Hall = Hall })),
            Unary("a terminal of another hall", denied, "PermissionDenied", Hall, () => server.Terminal(TestDevices.TerminalOfHallA).OpenWindowAsync(new() { Hall = Hall, Window = 1 })),
            Unary("a terminal on another window", denied, "PermissionDenied", "window 2", () => window1.CloseWindowAsync(new() { Hall = Hall, Window = 2 })),
            Stream("a terminal watching another window", denied, "PermissionDenied", "window 2", () => window1.WatchWindow(new() { Hall = Hall, Window = 2 })),
            Unary("no key", StatusCode.Unauthenticated, "Unauthenticated", "key", () => new Kiosk.KioskClient(server.As((string?)null)).ListServicesAsync(new() { Hall = Hall })),
            Unary("an unknown key", StatusCode.Unauthenticated, "Unauthenticated", "key", () => new Kiosk.KioskClient(server.As("not-a-device-key-0000")).ListServicesAsync(new() { Hall = Hall })),
        ];

        var wrong = new List<string>();
        foreach (var refusal in refusals)
        {
            var e = await Assert.ThrowsAsync<RpcException>(refusal.Call);
            output.WriteLine($"{refusal.Name}: {e.StatusCode} [{e.Reason()}] {e.Status.Detail}");
            if (e.StatusCode != refusal.Code || e.Reason() != refusal.Reason || !e.Status.Detail.Contains(refusal.Mentions, StringComparison.Ordinal))
            {
                wrong.Add($"{refusal.Name}: expected {refusal.Code} [{refusal.Reason}] naming '{refusal.Mentions}', got {e.StatusCode} [{e.Reason()}] {e.Status.Detail}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        var snapshot = await dashboard.GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal((0, true, 0), (snapshot.TotalWaiting, snapshot.DayOpen, snapshot.WindowsOpen)); // nothing refused changed the hall
    }

    [Fact]
    public async Task RequestId_ReusedForAnotherRequest_AlreadyExistsWhateverTheRole_TheFirstAnswerStands()
    {
        // common.proto: a request id makes a retry return the first result; the same id with other content is another
        // request, refused rather than answered with the first ticket (a kiosk would print someone else's number). The
        // id is the device's own: the terminal's same id is the terminal's request.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
        });
        var id = Guid.NewGuid().ToString();
        var first = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, RequestId = id }).Bounded();
        await server.OpenAsync(Hall, 1);

        foreach (var reuse in new Func<AsyncUnaryCall<Ticket>>[]
        {
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 2 }, RequestId = id }),
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, Attributes = new() { Age = 80 }, RequestId = id }),
        })
        {
            var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, reuse);
            Assert.Contains("already used for a different command", e.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        }

        var called = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();
        Assert.Equal(first.Id, called.Id); // the terminal's own request, carried out
        var e2 = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Terminal().RecallAsync(new() { Hall = Hall, Window = 1, RequestId = id }));
        Assert.Contains("different command", e2.Status.Detail, StringComparison.Ordinal);
        var retried = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, RequestId = id }).Bounded();
        Assert.Equal((first.Id, first.Number, V1.TicketState.Waiting), (retried.Id, retried.Number, retried.State)); // still the first ticket
    }
}
