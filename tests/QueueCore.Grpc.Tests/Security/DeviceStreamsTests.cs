using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// One device's key opens at most QueueCoreServer:MaxStreamsPerDevice streams at once (screens, terminals' windows,
/// dashboards' figures): a stolen or buggy device cannot open thousands and exhaust the server's memory.
/// </summary>
public class DeviceStreamsTests(ITestOutputHelper output)
{
    private const string Hall = "hall-s";

    private static readonly TestDevice OtherDisplay = new("display-2", "display", "display-2-key-0123456789", ["*"]);

    private Task<ServerKit> StartAsync(int cap, FakeTimeProvider? time = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Time = time;
        s.Halls.Add(TestHalls.Small(Hall));
        s.Devices = [.. TestDevices.All, OtherDisplay];
        s.Settings["QueueCoreServer:MaxStreamsPerDevice"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });

    [Fact]
    public async Task Watch_OneStreamOverTheDevicesCap_ResourceExhaustedNamingTheLimitUntilOneCloses()
    {
        const int cap = 3;
        await using var server = await StartAsync(cap);
        var screens = new List<AsyncServerStreamingCall<V1.DisplayUpdate>>();
        try
        {
            for (var i = 0; i < cap; i++)
            {
                screens.Add(server.Display().Watch(new() { Hall = Hall }));
                await screens[^1].ResponseStream.NextAsync(); // open: its snapshot came
            }

            using (var over = server.Display().Watch(new() { Hall = Hall }))
            {
                var e = await over.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
                Assert.Contains("display-1", e.Status.Detail, StringComparison.Ordinal);
                Assert.Contains($"{cap} streams", e.Status.Detail, StringComparison.Ordinal);
                Assert.Contains("QueueCoreServer:MaxStreamsPerDevice", e.Status.Detail, StringComparison.Ordinal);
                Assert.Equal("TooManyStreams", e.Reason());
            }

            // Another device's key has its own allowance.
            using (var other = server.Display(OtherDisplay).Watch(new() { Hall = Hall }))
            {
                await other.ResponseStream.NextAsync();
            }

            // A screen that goes away frees its place (the server sees the cancel a moment later).
            screens[0].Dispose();
            screens.RemoveAt(0);
            await Rpc.EventuallyAsync(async () =>
            {
                var again = server.Display().Watch(new() { Hall = Hall });
                try
                {
                    await again.ResponseStream.NextAsync();
                }
                catch
                {
                    again.Dispose();
                    throw;
                }

                screens.Add(again);
            });
        }
        finally
        {
            screens.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task WatchWindowAndWatchFigures_OverTheDevicesCap_ResourceExhausted()
    {
        await using var server = await StartAsync(1);
        using var window = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await window.ResponseStream.NextAsync();
        await figures.ResponseStream.NextAsync();

        using var secondWindow = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 2 });
        using var secondFigures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        Assert.Contains("terminal-any", (await secondWindow.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted)).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("dashboard-1", (await secondFigures.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted)).Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_OverTheCap_LoggedOnceAMinutePerDeviceNamingItsRoleAndTheSetting()
    {
        // A wall of screens sharing one display key retries all day: the operator learns of it, once a minute, not per retry.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(1, time);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        using var dashboard = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await dashboard.ResponseStream.NextAsync();

        for (var retry = 0; retry < 5; retry++)
        {
            using var over = server.Display().Watch(new() { Hall = Hall });
            await over.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
        }

        using (var overFigures = server.Dashboard().WatchFigures(new() { Hall = Hall }))
        {
            await overFigures.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted); // another device: its own warning
        }

        string[] Warnings(string device) => [.. server.Logs.Where(l => l.StartsWith("[Warning]", StringComparison.Ordinal) && l.Contains($"'{device}'", StringComparison.Ordinal))];
        var warning = Assert.Single(Warnings("display-1"));
        Assert.Contains("Device 'display-1' (display)", warning, StringComparison.Ordinal);
        Assert.Contains("holds 1 streams, its limit (QueueCoreServer:MaxStreamsPerDevice)", warning, StringComparison.Ordinal);
        Assert.Contains("(dashboard)", Assert.Single(Warnings("dashboard-1")), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(59));
        using (var over = server.Display().Watch(new() { Hall = Hall }))
        {
            await over.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
        }

        Assert.Single(Warnings("display-1"));

        time.Advance(TimeSpan.FromSeconds(1));
        using (var over = server.Display().Watch(new() { Hall = Hall }))
        {
            await over.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
        }

        Assert.Equal(2, Warnings("display-1").Length);
    }
}
