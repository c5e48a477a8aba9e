using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// An operator's keys across a restart and a rotation (docs/server.md, "Devices and keys"), and keys sent wrongly:
/// Unauthenticated (no key the server knows) or PermissionDenied (a key it knows, out of its role or halls), each with a
/// message.
/// </summary>
public sealed class KeyLifecycleTests(ITestOutputHelper output) : IDisposable
{
    private const string HallB = "hall-b";

    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(TestDevices.HallA));
        s.Halls.Add(TestHalls.Small(HallB));
    });

    [Fact]
    public async Task Restart_EachRolesKeyOnItsService_Accepted_OnAnotherRolesOrHallsPermissionDenied()
    {
        await using (var first = await StartAsync())
        {
            await first.TakeAsync(HallB);
        }

        await using var server = await StartAsync();
        Assert.Equal(HallB, (await server.Kiosk().ListServicesAsync(new() { Hall = HallB }).Bounded()).Hall);
        Assert.Equal(HallB, (await server.Terminal().GetWindowInfoAsync(new() { Hall = HallB, Window = 1 }).Bounded()).Hall);
        Assert.Equal(HallB, (await server.Evaluator().GetPadAsync(new() { Hall = HallB, Window = 1 }).Bounded()).Hall);
        Assert.Equal(HallB, (await server.Dashboard().GetSnapshotAsync(new() { Hall = HallB }).Bounded()).Hall);
        Assert.Equal(2, (await server.Admin().ListHallsAsync(new()).Bounded()).Halls.Count);
        using (var screen = server.Display().Watch(new() { Hall = HallB }))
        {
            Assert.Equal(HallB, (await screen.ResponseStream.NextAsync()).Snapshot.Hall);
        }

        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Admin(TestDevices.Kiosk).ListHallsAsync(new()));
        Assert.Contains("may not call /queuecore.v1.Admin/ListHalls", e.Status.Detail, StringComparison.Ordinal);
        e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Kiosk(TestDevices.KioskOfHallA).TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }));
        Assert.Contains($"not allowed to act on hall '{HallB}'", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("A002", (await server.TakeAsync(HallB)).Number); // nothing refused took a number
    }

    [Fact]
    public async Task KeyRotated_OldKeyUnauthenticated_RetryUnderTheNewKeyGetsTheFirstTicket()
    {
        // docs: keep the device's Id when rotating its key, or a retry across the change is a new request.
        await using var server = await StartAsync();
        var take = new TakeTicketRequest { Hall = HallB, Services = { 1 }, RequestId = Guid.NewGuid().ToString() };
        var taken = await server.Kiosk().TakeTicketAsync(take).Bounded();
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        var index = Enumerable.Range(0, 64).First(i => configuration[$"QueueCoreServer:Devices:{i}:Id"] == TestDevices.Kiosk.Id);
        const string rotated = "kiosk-key-rotated-0123456789";
        configuration[$"QueueCoreServer:Devices:{index}:Key"] = rotated;
        configuration.Reload();

        var e = await Rpc.FailsAsync(StatusCode.Unauthenticated, () => server.Kiosk().TakeTicketAsync(take));
        Assert.Contains("not a known device's key", e.Status.Detail, StringComparison.Ordinal);
        var retried = await new Kiosk.KioskClient(server.As(rotated)).TakeTicketAsync(take).Bounded();
        Assert.Equal((taken.Id, taken.Number), (retried.Id, retried.Number));
    }

    [Theory]
    [InlineData("authorization", "Basic a2lvc2sta2V5LTAxMjM0NTY3ODk=")]
    [InlineData("authorization", "Bearer")]
    [InlineData("authorization", "Bearer kiosk-key-0123456789 extra")]
    [InlineData("authorization", "kiosk-key-0123456789")]
    [InlineData("x-api-key", "kiosk-key-012345678")]
    public async Task GarbledKeyHeader_UnauthenticatedSayingHowToSendTheKey(string header, string value)
    {
        await using var server = await StartAsync();
        var kiosk = new Kiosk.KioskClient(server.Channel);

        var e = await Assert.ThrowsAsync<RpcException>(() => kiosk.ListServicesAsync(new() { Hall = HallB }, new Metadata { { header, value } }).ResponseAsync.WaitAsync(Rpc.Timeout));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("'authorization: Bearer <key>' or 'x-api-key: <key>'", e.Status.Detail, StringComparison.Ordinal);
    }
}
