extern alias server;

using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using server::QueueCore.Grpc.Feeds;
using server::QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// Streams opened with a device's key end when QueueCoreServer:Devices changes so that the device may no longer hold
/// them (its key removed, its role, halls or window changed), instead of running until they reconnect.
/// </summary>
public class StreamAccessTests(ITestOutputHelper output)
{
    private const string Hall = "hall-s";
    private const string OtherHall = "hall-t";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall));
        s.Halls.Add(TestHalls.Small(OtherHall));
    });

    [Fact]
    public async Task OpenStreams_KeysRemovedFromDevices_EndUnauthenticatedSayingTheKeyWasRevoked()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        using var window = server.Terminal(TestDevices.TerminalOfWindow1).WatchWindow(new() { Hall = Hall, Window = 1 });
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        await window.ResponseStream.NextAsync();
        await figures.ResponseStream.NextAsync();

        // The operator replaces the three devices' keys (a lost tablet, a stolen screen); no restart, no new call.
        Change(server, (TestDevices.Display, "Key", "display-key-replaced-000001"),
            (TestDevices.TerminalOfWindow1, "Key", "terminal-w1-key-replaced-01"),
            (TestDevices.Dashboard, "Key", "dashboard-key-replaced-0001"));

        foreach (var ended in await Task.WhenAll(
            screen.ResponseStream.EndsWithAsync(StatusCode.Unauthenticated),
            window.ResponseStream.EndsWithAsync(StatusCode.Unauthenticated),
            figures.ResponseStream.EndsWithAsync(StatusCode.Unauthenticated)))
        {
            Assert.Contains("revoked", ended.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("KeyRevoked", ended.Reason());
        }
    }

    [Fact]
    public async Task OpenStreams_DevicesScopeChanged_EndPermissionDeniedSayingTheScopeChanged()
    {
        await using var server = await StartAsync();
        using var screen = server.Display().Watch(new() { Hall = Hall });
        using var window = server.Terminal(TestDevices.TerminalOfWindow1).WatchWindow(new() { Hall = Hall, Window = 1 });
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        await window.ResponseStream.NextAsync();
        await figures.ResponseStream.NextAsync();

        // The screen moves to another hall, the terminal to another window, the dashboard becomes a kiosk.
        Change(server, (TestDevices.Display, "Halls:0", OtherHall), (TestDevices.TerminalOfWindow1, "Window", "2"),
            (TestDevices.Dashboard, "Role", "kiosk"));

        var (onScreen, atWindow, onDashboard) = (
            screen.ResponseStream.EndsWithAsync(StatusCode.PermissionDenied),
            window.ResponseStream.EndsWithAsync(StatusCode.PermissionDenied),
            figures.ResponseStream.EndsWithAsync(StatusCode.PermissionDenied));
        Assert.Contains($"may no longer act on hall '{Hall}'", (await onScreen).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("now bound to window 2, not window 1", (await atWindow).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("now a kiosk", (await onDashboard).Status.Detail, StringComparison.Ordinal);
        foreach (var ended in (RpcException[])[await onScreen, await atWindow, await onDashboard])
        {
            Assert.Contains("scope changed", ended.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("ScopeChanged", ended.Reason());
        }
    }

    [Fact]
    public async Task OpenStream_OtherDevicesChanged_GoesOnWithNothingLost()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();

        // Another device revoked, and the screen's own entry written again with the same key and scope.
        Change(server, (TestDevices.Evaluator, "Key", "evaluator-key-replaced-0001"), (TestDevices.Display, "Halls:0", "*"));

        var called = await server.CallAsync(Hall, window: 1);
        var update = await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);
        Assert.Equal(called.Id, update.Call.Ticket);
    }

    [Fact]
    public async Task DevicesChanged_OnlyADeviceAdded_NoOpenStreamIsWoken()
    {
        // Adding a kiosk changes no open stream's device: waking every stream of every hall to check its key again was
        // work for nothing (5,000 screens at each save of appsettings.json).
        await using var server = await StartAsync();
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        var feed = server.Services.GetRequiredService<HallFeeds>().Get(Hall);
        var wakes = feed.Wakes;

        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        var index = TestDevices.All.Count;
        configuration[$"QueueCoreServer:Devices:{index}:Id"] = "kiosk-new";
        configuration[$"QueueCoreServer:Devices:{index}:Role"] = "kiosk";
        configuration[$"QueueCoreServer:Devices:{index}:Key"] = "kiosk-new-key-0123456789";
        configuration[$"QueueCoreServer:Devices:{index}:Halls:0"] = "*";
        configuration.Reload();

        var list = await new Kiosk.KioskClient(server.As("kiosk-new-key-0123456789")).ListServicesAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(Hall, list.Hall); // the new kiosk is let in
        Assert.Equal(wakes, feed.Wakes);
    }

    [Fact]
    public async Task DevicesChanged_OneDeviceChanged_OnlyItsStreamsCheckTheirKeyAgain()
    {
        // A stream checks its key again (hashes it, finds its device, reads its method's roles) only when its identity is
        // not one the current devices gave; a device left as it was keeps its identity, so its streams pass at a glance.
        await using var server = await StartAsync();
        var devices = server.Services.GetRequiredService<DeviceKeys>();
        var display = devices.Current.FindPrincipal(TestDevices.Display.Key)!;
        var terminal = devices.Current.FindPrincipal(TestDevices.TerminalOfWindow1.Key)!;

        Change(server, (TestDevices.TerminalOfWindow1, "Window", "2"));

        Assert.Same(display, devices.Current.FindPrincipal(TestDevices.Display.Key));
        Assert.True(devices.Current.Issued(display));
        Assert.False(devices.Current.Issued(terminal));
        Assert.Equal("2", devices.Current.FindPrincipal(TestDevices.TerminalOfWindow1.Key)!.FindFirst(DeviceClaims.Window)?.Value);
    }

    /// <summary>Rewrites fields of configured devices and reloads the configuration, as an operator saving appsettings.json.</summary>
    private static void Change(ServerKit server, params (TestDevice Device, string Field, string Value)[] changes)
    {
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        foreach (var (device, field, value) in changes)
        {
            var index = Enumerable.Range(0, 64).First(i => configuration[$"QueueCoreServer:Devices:{i}:Id"] == device.Id);
            configuration[$"QueueCoreServer:Devices:{index}:{field}"] = value;
        }

        configuration.Reload();
    }
}
