extern alias server;

using QueueCore.Grpc.Tests.Kit;
using HallCatalog = server::QueueCore.Grpc.Hosting.HallCatalog;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>What the kiosk is told about an item's hours, in hall time, on the nights the hall's clocks change.</summary>
public sealed class HallCatalogTests
{
    [Fact]
    public void NotIssuingReason_HoursStartingInTheSkippedHour_NamesTheTimeTheyStart()
    {
        // New York, 8 March 2026: at 02:00 EST the clocks go to 03:00 EDT. Hours from 02:30 start at 03:00 that night (the
        // engine issues from then); "again from 02:30" named a time the hall's clocks never showed.
        var small = TestHalls.Small("hall-dst");
        var item = small.Services[1] with { IssuingHours = [new() { From = new(2, 30), To = new(6, 0) }] };
        var catalog = HallCatalog.Of(small with { TimeZone = "America/New_York", Services = [small.Services[0], item] });
        var night = new DateTimeOffset(2026, 3, 8, 6, 30, 0, TimeSpan.Zero); // 01:30 EST

        var reason = catalog.NotIssuingReason(item, 0, dayOpen: true, night);

        Assert.Equal("Tickets 02:30-06:00 (hall time); again from 03:00.", reason);
    }
}
