using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Audit;

/// <summary>Second audit: a lagging reader as the meter and the health figures report it, and after it resynchronises.</summary>
public class LagMetricsAuditTests
{
    [Fact]
    public async Task LaggedReader_CountedWithItsHall_LaggingUntilResync_HealthFollows()
    {
        var lagged = new ConcurrentQueue<(long Value, object? Hall)>();
        var lagging = new ConcurrentQueue<long>();
        using var listener = new MeterListener();
        await using var engine = new QueueEngine(EngineTestKit.Options(1));
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == "QueueCore" && i.Name is "queuecore.subscriber.lagged" or "queuecore.subscribers.lagging")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        var mine = engine.Metrics.Meter; // other tests' engines, running alongside, report on meters of their own
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            if (!ReferenceEquals(i.Meter, mine))
            {
                return;
            }

            if (i.Name == "queuecore.subscriber.lagged")
            {
                object? hall = null;
                foreach (var t in tags)
                {
                    if (t.Key == "queuecore.hall")
                    {
                        hall = t.Value;
                    }
                }

                lagged.Enqueue((v, hall));
            }
            else
            {
                lagging.Enqueue(v);
            }
        });
        listener.Start();
        var hall = engine.AddHall(EngineTestKit.Hall("lag-audit2"));
        engine.Start();
        using var reader = hall.Subscribe(bufferSize: 2);
        await EngineTestKit.OpenAsync(hall, 1);
        for (var i = 0; i < 5; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        listener.RecordObservableInstruments();
        Assert.Contains(lagged, m => m.Value == 1 && Equals(m.Hall, "lag-audit2"));
        Assert.Equal(1, lagging.Last());
        Assert.Equal(1, engine.GetHealth().LaggedSubscribers);

        while ((await reader.ReadAsync().Bounded()).Status == EventReadStatus.Event)
        {
        }

        await reader.ResyncAsync().Bounded();
        listener.RecordObservableInstruments();
        Assert.Equal(0, lagging.Last());
        Assert.Equal(0, engine.GetHealth().LaggedSubscribers);
        var next = await hall.IssueTicketAsync(1).Bounded();
        var read = await reader.ReadAsync().Bounded();
        Assert.Equal(EventReadStatus.Event, read.Status);
        Assert.Equal(next.Sequence, read.Event.Sequence);
    }
}
