using System.Diagnostics.Metrics;
using QueueCore.Tests.Engine;
using QueueCore.Tests.Journal;
using QueueCore.Tests.Samples;

namespace QueueCore.Tests.Audit;

/// <summary>
/// The other way round: every row of docs/engine.md's table is an instrument the meter publishes, of the kind the row
/// says, so a renamed or dropped instrument cannot leave a dashboard built from the doc reading nothing.
/// </summary>
public class MeterDocsTableAuditTests
{
    [Fact]
    public async Task EngineDocTable_EveryRow_IsAnInstrumentOfThatKindAndUnit()
    {
        var published = new Dictionary<string, Instrument>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == "QueueCore")
            {
                lock (published)
                {
                    published[instrument.Name] = instrument;
                }
            }
        };
        listener.Start();
        using var kit = new JournalKit();
        await using (var engine = kit.Engine())
        {
            engine.AddHall(EngineTestKit.Hall());
            engine.Start();
        }

        var rows = Readmes.Read("docs/engine.md").Split('\n')
            .Where(l => l.StartsWith("| `queuecore.", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToList();
        Assert.Equal(published.Count, rows.Count);
        foreach (var row in rows)
        {
            var name = row[1].Trim('`');
            Assert.True(published.TryGetValue(name, out var instrument), $"docs/engine.md has a row for {name}, which the meter does not publish.");
            Assert.Equal(row[2], KindOf(instrument));
            Assert.Equal(row[3], $"`{instrument.Unit}`");
        }
    }

    private static string KindOf(Instrument instrument) => instrument.GetType().GetGenericTypeDefinition().Name switch
    {
        "Counter`1" => "counter",
        "ObservableCounter`1" => "observable counter",
        "ObservableUpDownCounter`1" => "observable up-down counter",
        "UpDownCounter`1" => "up-down counter",
        "Histogram`1" => "histogram",
        "ObservableGauge`1" => "observable gauge",
        "Gauge`1" => "gauge",
        var other => other,
    };
}
