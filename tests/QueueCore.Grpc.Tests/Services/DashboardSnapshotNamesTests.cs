extern alias server;

using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// What a dashboard page needs to write in the hall's words: its language, its time zone and its classes' names (the
/// figures count waiting tickets by class id).
/// </summary>
public sealed class DashboardSnapshotNamesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GetSnapshot_NamesTheHallsLanguageTimeZoneAndClasses()
    {
        var hall = TestHalls.Small("hall-n") with
        {
            Priority = new()
            {
                Classes = [new() { Id = "elderly", Name = "Elderly / caring", HeadStart = TimeSpan.FromMinutes(10) }, new() { Id = "walk-in" }],
                NormalClass = "walk-in",
                AppointmentClass = "walk-in",
                Rules = [new() { Class = "elderly", MinAge = 70 }],
            },
        };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(hall);
        });
        await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("hall-zh")), Language = "zh-CN" }).Bounded();

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = "hall-n" }).Bounded();
        var chinese = await server.Dashboard().GetSnapshotAsync(new() { Hall = "hall-zh" }).Bounded();

        Assert.Equal(("en", "zh-CN"), (snapshot.Language, chinese.Language));
        Assert.Equal(HallCatalogOf(hall), snapshot.TimeZone);
        Assert.Equal(
            [("elderly", "Elderly / caring"), ("walk-in", "walk-in")],
            snapshot.ClassNames.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)));
    }

    private static string HallCatalogOf(HallDefinition hall) => server::QueueCore.Grpc.Hosting.HallCatalog.Of(hall).IanaTimeZone;
}
