using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.DependencyInjection;

/// <summary>What an exporter reads from the container's meter factory when engines share it.</summary>
public sealed class AddQueueCoreMetricsTests
{
    [Fact]
    public async Task Collect_SecondEngineOnTheContainersMeterFactory_EachInstrumentOnceWithBothEnginesInIt()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(EngineTestKit.Morning));
        services.AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1);
            o.Halls.Add(EngineTestKit.Hall("first"));
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var first = provider.GetRequiredService<QueueEngine>();
        Assert.True(first.TryGetHall("first", out var firstHall));

        // An integrator running a second engine (another set of halls) hands it the container's factory, as DI does.
        var second = new QueueEngine(EngineTestKit.Options(shards: 1), provider.GetRequiredService<TimeProvider>(), meterFactory: factory);
        var secondHall = second.AddHall(EngineTestKit.Hall("second"));
        second.Start();
        await EngineTestKit.OpenAsync(firstHall, 1);
        await EngineTestKit.OpenAsync(secondHall, 1);
        for (var i = 0; i < 3; i++)
        {
            await firstHall.IssueTicketAsync(1).Bounded();
        }

        await secondHall.IssueTicketAsync(1).Bounded();

        var both = Collect(factory);

        // Each instrument once: two observable instruments of one name in one meter are exported twice (or one
        // overwrites the other), so a dashboard showed each engine's figures instead of the hall system's.
        Assert.All(both.Published, p => Assert.Equal(1, p.Value));
        Assert.Equal(1, both.Published["queuecore.ingress.depth"]);
        Assert.Equal(4, both.Sum("queuecore.commands", "IssueTicket"));
        Assert.Single(both.Measurements["queuecore.halls.faulted"]); // one figure for the meter, both engines in it

        await second.DisposeAsync();
        var after = Collect(factory);

        // The stopped engine's commands stay counted (a counter that went down would read as a reset), and its
        // halls, shards and subscribers are no longer read.
        Assert.All(after.Published, p => Assert.Equal(1, p.Value));
        Assert.Equal(4, after.Sum("queuecore.commands", "IssueTicket"));
        await firstHall.IssueTicketAsync(1).Bounded();
        Assert.Equal(5, Collect(factory).Sum("queuecore.commands", "IssueTicket"));
    }

    /// <summary>Collects every QueueCore instrument of <paramref name="factory"/>'s meters once, as an exporter would.</summary>
    private static Collected Collect(IMeterFactory factory)
    {
        var collected = new Collected();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == QueueCoreDiagnostics.MeterName)
                {
                    collected.Published[instrument.Name] = collected.Published.GetValueOrDefault(instrument.Name) + 1;
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var kind = tags.ToArray().FirstOrDefault(t => t.Key == "queuecore.command.kind").Value as string;
            if (!collected.Measurements.TryGetValue(instrument.Name, out var list))
            {
                collected.Measurements[instrument.Name] = list = [];
            }

            list.Add((kind, value));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return collected;
    }

    private sealed class Collected
    {
        public Dictionary<string, int> Published { get; } = [];

        public Dictionary<string, List<(string? Kind, long Value)>> Measurements { get; } = [];

        public long Sum(string name, string kind) =>
            Measurements.GetValueOrDefault(name, []).Where(m => m.Kind == kind).Sum(m => m.Value);
    }
}
