using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;

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
