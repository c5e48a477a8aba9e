using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>Each device does what its role and scope allow, and nothing else.</summary>
public class RoleAndScopeTests(ITestOutputHelper output)
{
    private const string HallB = "hall-b";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(TestDevices.HallA));
        s.Halls.Add(TestHalls.Small(HallB));
    });

    [Fact]
    public async Task Refusals_OfKeyRoleHallOrWindow_CarryTheirKindInTheStatusDetails()
    {
        // "The error kind in the status details" for every refusal, not only the engine's: a client branches on the
        // ErrorInfo's reason (as it does on NothingWaiting), and these refusals had no details at all.
        await using var server = await StartAsync();
        var refusals = new (string Reason, Task<RpcException> Refused)[]
        {
            ("Unauthenticated", Rpc.FailsAsync(StatusCode.Unauthenticated, () => new Kiosk.KioskClient(server.As((string?)null)).ListServicesAsync(new() { Hall = HallB }))),
            ("Unauthenticated", Rpc.FailsAsync(StatusCode.Unauthenticated, () => new Kiosk.KioskClient(server.As("no-such-key-0123456789")).ListServicesAsync(new() { Hall = HallB }))),
            ("PermissionDenied", Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Terminal(TestDevices.Kiosk).CallNextAsync(new() { Hall = HallB, Window = 1 }))),
            ("PermissionDenied", Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Kiosk(TestDevices.KioskOfHallA).TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }))),
            ("PermissionDenied", Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Terminal(TestDevices.TerminalOfWindow1).CallNextAsync(new() { Hall = HallB, Window = 2 }))),
            ("InvalidArgument", Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().ListServicesAsync(new() { Hall = "" }))),
        };
        foreach (var (reason, refused) in refusals)
        {
            var e = await refused;
            Assert.True(reason == e.Reason(), $"{e.Status}: reason {e.Reason() ?? "(none)"}, expected {reason}");
        }
    }

    [Fact]
    public async Task Terminal_CalledByKiosk_PermissionDenied()
    {
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied,
            () => server.Terminal(TestDevices.Kiosk).CallNextAsync(new() { Hall = HallB, Window = 1 }));
        Assert.Contains("kiosk-1", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeTicket_ByDisplay_PermissionDenied()
    {
        await using var server = await StartAsync();
        await Rpc.FailsAsync(StatusCode.PermissionDenied,
            () => server.Kiosk(TestDevices.Display).TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }));
    }

    [Fact]
    public async Task DisplayWatch_ByDashboard_PermissionDenied()
    {
        await using var server = await StartAsync();
        using var call = server.Display(TestDevices.Dashboard).Watch(new() { Hall = HallB });
        await call.ResponseStream.EndsWithAsync(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Terminal_BoundToWindow1ActingOnWindow2_PermissionDenied()
    {
        await using var server = await StartAsync();
        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);
        await terminal.OpenWindowAsync(new() { Hall = HallB, Window = 1 }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => terminal.OpenWindowAsync(new() { Hall = HallB, Window = 2 }));
        Assert.Contains("window 1", e.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => terminal.CallNextAsync(new() { Hall = HallB, Window = 2 }));
        using var watch = terminal.WatchWindow(new() { Hall = HallB, Window = 2 });
        await watch.ResponseStream.EndsWithAsync(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Terminal_BoundToWindow1_WindowLeftUnset_InvalidArgumentNamingTheField()
    {
        // A terminal app that forgot to fill the window (proto3 sends 0) was told it "may not act on window 0", which
        // reads as a permissions problem; an unbound terminal was told the field is missing, as every device should be.
        await using var server = await StartAsync();
        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => terminal.CallNextAsync(new() { Hall = HallB }));
        Assert.Contains("window", e.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Evaluator().RateAsync(new() { Hall = HallB, Score = 5 }));
    }

    [Fact]
    public async Task KioskOfOneHall_HallIdWithAControlCharacter_InvalidArgumentNamingTheCharacter()
    {
        // A hall id no hall can have (a control character, from a client's mangled string) was answered PermissionDenied
        // for a device scoped to one hall, which sent its integrator looking at the device's scope, not at the request.
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => server.Kiosk(TestDevices.KioskOfHallA).TakeTicketAsync(new() { Hall = "hall\u0001b", Services = { 1 } }));
        Assert.Contains("hall has U+0001 (white space or a control character) at position 5", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluator_BoundToWindow1RatingWindow2_PermissionDenied()
    {
        await using var server = await StartAsync();
        await Rpc.FailsAsync(StatusCode.PermissionDenied,
            () => server.Evaluator().RateAsync(new() { Hall = HallB, Window = 2, Score = 5 }));
    }

    [Fact]
    public async Task Terminal_BoundToWindow1_CannotCancelATicketCalledToWindow2()
    {
        await using var server = await StartAsync();
        var (clerk2, ticket) = await CalledAtWindow2Async(server);
        var terminal1 = server.Terminal(TestDevices.TerminalOfWindow1);

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => terminal1.CancelAsync(new() { Hall = HallB, Window = 1, Ticket = ticket.Id }));
        Assert.Contains("not window 1's", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("NotEligible", e.Reason());

        var serving = await clerk2.StartServingAsync(new() { Hall = HallB, Window = 2 }).Bounded(); // still called there
        Assert.Equal(ticket.Id, serving.Id);
    }

    [Fact]
    public async Task Evaluator_BoundToWindow1_CannotRateAServiceFinishedAtWindow2()
    {
        await using var server = await StartAsync();
        var (clerk2, ticket) = await CalledAtWindow2Async(server);
        await clerk2.StartServingAsync(new() { Hall = HallB, Window = 2 }).Bounded();
        await clerk2.FinishAsync(new() { Hall = HallB, Window = 2 }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Evaluator().RateAsync(new() { Hall = HallB, Window = 1, Ticket = ticket.Id, Score = 1 }));
        Assert.Contains("last service was at window 2", e.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.NotFound,
            () => server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = HallB, Window = 999, Score = 4 }));
        var rated = await server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = HallB, Window = 2, Score = 5 }).Bounded();
        Assert.Equal(ticket.Id, rated.Ticket);
    }

    /// <summary>A ticket taken in hall B and called to window 2 by a terminal of any window.</summary>
    private static async Task<(Terminal.TerminalClient Clerk, Ticket Ticket)> CalledAtWindow2Async(ServerKit server)
    {
        var clerk = server.Terminal();
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }).Bounded();
        await clerk.OpenWindowAsync(new() { Hall = HallB, Window = 2 }).Bounded();
        await clerk.CallNextAsync(new() { Hall = HallB, Window = 2 }).Bounded();
        return (clerk, ticket);
    }

    [Fact]
    public async Task Kiosk_OfHallAIssuingInHallB_PermissionDenied()
    {
        await using var server = await StartAsync();
        var kiosk = server.Kiosk(TestDevices.KioskOfHallA);
        Assert.Equal("A001", (await kiosk.TakeTicketAsync(new() { Hall = TestDevices.HallA, Services = { 1 } }).Bounded()).Number);

        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => kiosk.TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }));
        Assert.Contains(HallB, e.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => kiosk.ListServicesAsync(new() { Hall = HallB }));
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = HallB }).Bounded();
        Assert.Equal(0, snapshot.TotalWaiting);
    }

    [Fact]
    public async Task Admin_BoundToWindow1_ActsAtNoOtherWindow_YetChangesAnyWindowOfItsHalls()
    {
        // As the devices' documentation says: an admin's Window binds what it does at a window (Terminal, Evaluator), not
        // its hall administration, which changes the hall's definition as a whole (RedefineHall rewrites every window).
        var adminOfWindow1 = new TestDevice("admin-w1", "admin", "admin-w1-key-0123456789", ["*"], Window: 1);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(HallB));
            s.Devices = [.. TestDevices.All, adminOfWindow1];
        });

        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Terminal(adminOfWindow1).OpenWindowAsync(new() { Hall = HallB, Window = 2 }));
        Assert.Contains("is bound to window 1 and may not act on window 2", e.Status.Detail, StringComparison.Ordinal);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Evaluator(adminOfWindow1).RateAsync(new() { Hall = HallB, Window = 2, Score = 5 }));

        var info = await server.Admin(adminOfWindow1).RemoveWindowAsync(new() { Hall = HallB, Window = 3 }).Bounded();
        Assert.Equal(2, info.Windows);
    }

    public static TheoryData<string> NotAdmins => [.. TestDevices.All.Where(d => d.Role != "admin").Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(NotAdmins))]
    public async Task Admin_CalledByAnyOtherRole_PermissionDenied(string deviceId)
    {
        await using var server = await StartAsync();
        var device = TestDevices.All.Single(d => d.Id == deviceId);
        var admin = server.Admin(device);

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => admin.ListHallsAsync(new()));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => admin.RemoveHallAsync(new() { Hall = HallB }));
        Assert.Equal(2, (await server.Admin().ListHallsAsync(new()).Bounded()).Halls.Count);
    }

    [Fact]
    public async Task Call_WithoutKey_Unauthenticated()
    {
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.Unauthenticated,
            () => new Kiosk.KioskClient(server.As((string?)null)).ListServicesAsync(new() { Hall = HallB }));
        Assert.Contains("x-api-key", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithUnknownKey_Unauthenticated()
    {
        await using var server = await StartAsync();
        await Rpc.FailsAsync(StatusCode.Unauthenticated,
            () => new Kiosk.KioskClient(server.As("no-such-key-0123456789")).TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }));
        using var stream = new Display.DisplayClient(server.As("no-such-key-0123456789")).Watch(new() { Hall = HallB });
        await stream.ResponseStream.EndsWithAsync(StatusCode.Unauthenticated);
    }

    [Theory]
    [InlineData(null, "/queuecore.v1.Kiosk/ListServices", "16", "Send the device's key as 'authorization: Bearer <key>' or 'x-api-key: <key>'; none was given,")]
    [InlineData("kiosk", "/queuecore.v1.Terminal/CallNext", "7", "may not call /queuecore.v1.Terminal/CallNext.")]
    public async Task Refusal_BeforeTheService_StatusMessageEncodedAsGrpcSays(string? role, string path, string status, string message)
    {
        // The refusals the server writes itself (no key, a role that does not belong) percent-encoded ':', '/', ';' and
        // ',' too; grpc-js decodes only what the protocol encodes, so a Node kiosk showed "authorization%3A Bearer".
        await using var server = await StartAsync();
        using var http = new HttpClient { Timeout = Rpc.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.GrpcAddress, path))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]), // an empty message
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (role is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", TestDevices.All.First(d => d.Role == role).Key);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.Headers.GetValues("grpc-status").Single());
        Assert.Contains(message, response.Headers.GetValues("grpc-message").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithApiKeyPaddedWithWhiteSpace_AcceptedAsABearerTokenIs()
    {
        // A bearer token was trimmed and gRPC-Web's HTTP/1.1 trims every header value, but over gRPC (HTTP/2, which keeps a
        // value's spaces) the same padded x-api-key was "not a known device's key": one device, refused on one transport.
        await using var server = await StartAsync();
        var kiosk = new Kiosk.KioskClient(server.Channel);
        var headers = new Metadata { { "x-api-key", $" {TestDevices.Kiosk.Key}  " } };
        var list = await kiosk.ListServicesAsync(new() { Hall = HallB }, headers).Bounded();
        Assert.Equal(HallB, list.Hall);
    }

    [Fact]
    public async Task Call_WithBearerToken_Accepted()
    {
        await using var server = await StartAsync();
        var kiosk = new Kiosk.KioskClient(server.Channel);
        var headers = new Metadata { { "authorization", $"Bearer {TestDevices.Kiosk.Key}" } };
        var list = await kiosk.ListServicesAsync(new() { Hall = HallB }, headers).Bounded();
        Assert.Equal(HallB, list.Hall);
    }
}
