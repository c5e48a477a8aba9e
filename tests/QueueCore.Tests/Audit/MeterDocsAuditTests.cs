using System.Diagnostics.Metrics;
using QueueCore.Tests.Engine;
using QueueCore.Tests.Journal;
using QueueCore.Tests.Samples;

namespace QueueCore.Tests.Audit;

/// <summary>
/// An integrator builds dashboards and alerts from the instruments' names, units and tags, and reads them from the
/// docs: docs/engine.md named the figures ("commands, errors, events, ...") but no instrument, unit or tag.
/// </summary>
public class MeterDocsAuditTests
{
    [Fact]
    public async Task QueueCoreMeter_EveryInstrument_IsDocumentedWithItsUnitAndTags()
    {
        var published = new Dictionary<string, (string? Unit, HashSet<string> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "QueueCore")
            {
                lock (published)
                {
                    published[instrument.Name] = (instrument.Unit, []);
                }

                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (published)
            {
                foreach (var tag in tags)
                {
                    published[instrument.Name].Tags.Add(tag.Key);
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        listener.Start();
        using var kit = new JournalKit();
        await using (var engine = kit.Engine())
        {
            var hall = engine.AddHall(EngineTestKit.Hall());
            engine.Start();
            await EngineTestKit.OpenAsync(hall, 1);
            await hall.IssueTicketAsync(1).Bounded();
            Assert.False((await hall.RateAsync(1, 9).Bounded()).IsSuccess); // an error, for its tags
            listener.RecordObservableInstruments();
        }

        var doc = Readmes.Read("docs/engine.md").Split('\n');
        Assert.NotEmpty(published);
        foreach (var (name, (unit, tags)) in published)
        {
            var row = Array.Find(doc, l => l.StartsWith($"| `{name}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/engine.md has no row for the instrument {name}.");
            Assert.Contains($"`{unit}`", row, StringComparison.Ordinal);
            foreach (var tag in tags)
            {
                Assert.Contains($"`{tag}`", row, StringComparison.Ordinal);
            }
        }
    }
}
