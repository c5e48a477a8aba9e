using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>What a freshly started server is like.</summary>
public class StartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Start_ConfiguredHalls_DayOpenAndFeedsMissNothing()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("hall-1"));
            s.Halls.Add(TestHalls.Small("hall-2"));
        });

        foreach (var hall in new[] { "hall-1", "hall-2" })
        {
            // Kiosks read the hall's figures as of a moment ago (refreshed after a change, within QueueCoreServer:FiguresRefresh).
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = hall }).Bounded()).DayOpen));
            using var screen = server.Display().Watch(new() { Hall = hall });
            await screen.ResponseStream.NextAsync();
            await server.OpenAsync(hall, 1);
            await server.CallAsync(hall, window: 1);
            await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null); // the feed has read past the day's opening
        }

        // The feeds were subscribed before the days opened: none had to start over from a snapshot.
        Assert.DoesNotContain(server.Logs, log => log.Contains("lagged", StringComparison.Ordinal));
        Assert.Empty(server.ErrorLogs);
    }

    [Fact]
    public async Task Start_OpenDayOnStartFalse_HallStaysClosedUntilAnAdminOpensIt()
    {
        // "false leaves the opening to Admin.OpenDay": kiosks are refused (the citizen reads why) until the manager opens it.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("hall-1"));
            s.Settings["QueueCoreServer:OpenDayOnStart"] = "false";
        });

        Assert.False((await server.Admin().ListHallsAsync(new()).Bounded()).Halls.Single().DayOpen);
        var refused = await Rpc.FailsAsync(
            global::Grpc.Core.StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }));
        Assert.Equal(nameof(QueueError.Closed), refused.Reason());
        var offered = await server.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded();
        Assert.All(offered.Services, s => Assert.Equal("The hall is not issuing tickets now.", s.NotIssuingReason));

        Assert.True((await server.Admin().OpenDayAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen);
        Assert.Equal("A001", (await server.TakeAsync("hall-1")).Number);
    }

    [Fact]
    public async Task Start_NoHallsConfigured_ServesTheDemoHall()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var list = await server.Kiosk().ListServicesAsync(new() { Hall = TestHalls.Demo }).Bounded();
        Assert.Equal("City Government Service Center", list.HallName);
        Assert.Equal(9, list.Services.Count);
    }
}
