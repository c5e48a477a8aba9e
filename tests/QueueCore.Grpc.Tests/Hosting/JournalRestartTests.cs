using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>With its journal on, a restarted server still has every ticket it handed out, and says what it recovered in its health report.</summary>
public sealed class JournalRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "queuecore-server-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Restart_TicketsAndTheOpenDaySurvive_RecoveryLogged()
    {
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen));
            taken = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        }

        await using var again = await StartAsync();
        var recovery = again.Services.GetRequiredService<QueueEngine>().Recovery!;
        Assert.Equal(["hall-1"], recovery.Halls);
        Assert.Empty(recovery.Damage);
        var health = await again.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(1, Assert.Single(health.Entries).Value.Data["journal.recoveredHalls"]);
        var second = await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        Assert.Equal(taken.Position + 1, second.Position); // the first ticket still waits ahead of it
        Assert.Equal("A002", second.Number); // the day went on: numbering did not restart
        Assert.DoesNotContain(again.Logs, l => l.Contains("lagged behind the hall", StringComparison.Ordinal)); // a recovered hall's feed starting is no fault
    }

    [Fact]
    public async Task Restart_DayClosedBeforeIt_StaysClosed_NumberingNotRestarted()
    {
        // The server used to open every hall's day at start, so a restart (or a crash) after the day was closed reopened
        // the hall for kiosks and gave A001 a second time the same day.
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen));
            Assert.Equal("A001", (await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded()).Number);
            await server.Admin().CloseDayAsync(new() { Hall = "hall-1" }).Bounded();
        }

        await using var again = await StartAsync();
        Assert.False((await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }));

        // Opened by hand, it is a new day as before the restart.
        await again.Admin().OpenDayAsync(new() { Hall = "hall-1" }).Bounded();
        Assert.Equal("A001", (await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded()).Number);
    }

    [Fact]
    public async Task Restart_HallAddedAtRunTime_KeepsItsRegionAndLanguage()
    {
        await using (var server = await StartAsync())
        {
            var json = HallConfiguration.ToJson(TestHalls.Small("added"));
            await server.Admin().AddHallAsync(new() { Json = json, Region = "north", Language = "zh-CN" }).Bounded();
            await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("gone")), Region = "north" }).Bounded();
            await server.Admin().RemoveHallAsync(new() { Hall = "gone" }).Bounded();
        }

        await using var again = await StartAsync();

        // The journal brings the hall back; its profile, which the journal does not hold, comes back with it.
        var info = Assert.Single((await again.Admin().ListHallsAsync(new() { Region = "north" }).Bounded()).Halls);
        Assert.Equal(("added", "north", "zh-CN"), (info.Hall, info.Region, info.Language));
        var suggested = await again.Kiosk().SuggestHallsAsync(new() { Region = "north", Service = 1 }).Bounded();
        Assert.Equal(["added"], suggested.Halls.Select(h => h.Hall));
        Assert.DoesNotContain("gone", await File.ReadAllTextAsync(Path.Combine(_data, "hall-profiles.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_HallConfigurationEdited_EditAppliedAndTheQueueKept()
    {
        // The journal's definition used to win without a word: a hall manager's edit of appsettings.json did nothing.
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen));
            taken = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        }

        await using var again = await StartAsync(TestHalls.Small("hall-1") with { Name = "Edited Hall" });
        await Rpc.EventuallyAsync(async () => Assert.Equal("Edited Hall", (await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).HallName));
        var second = await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        Assert.Equal(taken.Position + 1, second.Position); // the first ticket still waits ahead of it
        Assert.Equal("A002", second.Number);
    }

    private Task<ServerKit> StartAsync(HallDefinition? hall = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(hall ?? TestHalls.Small("hall-1"));
        s.Settings["QueueCore:Engine:Journal:Directory"] = _data;
    });
}
