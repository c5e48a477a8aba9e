using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// Hall ids that differ only in letter case ("city" and "City") name one hall to the people who use them (a manager
/// reading a list, an integrator typing /screen/City, the configuration's Profiles and DaySchedules keys, which are read
/// ignoring case): the second is refused wherever a hall comes from, naming the first.
/// </summary>
public sealed class HallIdCaseTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"queuecore-halls-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task AddHall_IdDifferingOnlyInLetterCase_AlreadyExistsNamingTheHallAndNothingAdded()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("city", windows: 2));
        });
        var json = HallConfiguration.ToJson(TestHalls.Small("City", windows: 1));

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Admin().AddHallAsync(new() { Json = json }));

        Assert.Equal("HallExists", e.Reason());
        Assert.Contains("'City'", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'city'", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("letter case", e.Status.Detail, StringComparison.Ordinal);
        var halls = await server.Admin().ListHallsAsync(new()).Bounded();
        Assert.Equal(["city"], halls.Halls.Select(h => h.Hall));
        await Rpc.FailsAsync(StatusCode.NotFound, () => server.Kiosk().ListServicesAsync(new() { Hall = "City" }));
    }

    [Fact]
    public async Task Start_TwoConfiguredHallsDifferingOnlyInLetterCase_FailsNamingBothEntries()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("city", windows: 1));
            s.Halls.Add(TestHalls.Small("City", windows: 1));
        }));

        Assert.Contains("Halls[1] has the id 'City', which differs from Halls[0]'s 'city' only in letter case", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HallsFileWithTwoHallsDifferingOnlyInLetterCase_FailsNamingBothEntries()
    {
        File.WriteAllText(_file, $$"""
            { "QueueCore": { "Halls": [ {{HallConfiguration.ToJson(TestHalls.Small("north", windows: 1))}}, {{HallConfiguration.ToJson(TestHalls.Small("NORTH", windows: 1))}} ] } }
            """);

        var e = await Assert.ThrowsAnyAsync<Exception>(() => ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings["QueueCoreServer:HallsFile"] = _file;
        }));

        Assert.Contains("Halls[1] has the id 'NORTH', which differs from Halls[0]'s 'north' only in letter case", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfiguredHallDifferingOnlyInCaseFromOneTheJournalHolds_FailsNamingBoth()
    {
        // An admin added "annex" at run time (the journal keeps it); the operator then configured "Annex": the start
        // served both, two halls a manager and the kiosks' integrator cannot tell apart.
        using var day = new JournaledDay();
        await using (var first = await day.StartAsync(s => s.Output = output))
        {
            await first.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("annex", windows: 1)) }).Bounded();
        }

        var e = await Assert.ThrowsAnyAsync<Exception>(() => day.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("Annex", windows: 1));
        }));

        Assert.Contains("'Annex'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'annex'", e.Message, StringComparison.Ordinal);
        Assert.Contains("letter case", e.Message, StringComparison.Ordinal);
    }
}
