using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace QueueCore.Tests.Engine;

/// <summary>
/// The figure a hall's SRE watches first: how many citizens wait in each hall now. The meter had command and queue
/// figures only, so a dashboard or an alert on a hall's queue had to poll every hall's snapshot over gRPC.
/// </summary>
public sealed class TicketsWaitingMetricTests
{
    [Fact]
    public async Task TicketsWaiting_ThroughAHallDay_ReadsEachHallsWaitingTicketsAndZeroAfterTheClose()
    {
        var (engine, h1) = EngineTestKit.Started(EngineTestKit.Options(shards: 2));
        await using var lifetime = engine;
        var h2 = engine.AddHall(EngineTestKit.Hall("h2"));
        await EngineTestKit.OpenAsync(h1, 1);
        await EngineTestKit.OpenAsync(h2, 1);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await h1.IssueTicketAsync(1).Bounded()).IsSuccess);
        }

        Assert.True((await h1.CallNextAsync(1).Bounded()).IsSuccess); // one of the three at the window: no longer waiting
        Assert.True((await h2.IssueTicketAsync(1).Bounded()).IsSuccess);

        Assert.Equal(new Dictionary<string, long> { ["h1"] = 2, ["h2"] = 1 }, Waiting(engine));

        Assert.True((await h1.CloseDayAsync(DayClosePolicy.CancelWaiting).Bounded()).IsSuccess);

        Assert.Equal(new Dictionary<string, long> { ["h1"] = 0, ["h2"] = 1 }, Waiting(engine)); // closed: zero, not gone
    }

    /// <summary>The instrument's figures by hall, collected once as an exporter would.</summary>
    private static Dictionary<string, long> Waiting(QueueEngine engine)
    {
        using var collector = new MetricCollector<long>(engine.Metrics.Meter, "queuecore.tickets.waiting");
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["queuecore.hall"]!, m => m.Value);
    }
}
