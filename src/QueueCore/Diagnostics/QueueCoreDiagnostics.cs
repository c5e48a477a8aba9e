using System.Diagnostics;

namespace QueueCore;

/// <summary>
/// The names under which QueueCore reports: a <see cref="System.Diagnostics.Metrics.Meter"/> and an
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="MeterName"/> ("QueueCore").
/// </summary>
/// <remarks>
/// Metrics: <c>queuecore.commands</c> (tag <c>queuecore.command.kind</c>), <c>queuecore.command.errors</c> (tags
/// kind and <c>queuecore.error</c>; submits refused before reaching a hall, because its shard's ring stayed full or the
/// engine or shard stopped, included under their own error; not a call cancelled before it was submitted, nor one to a
/// hall id the engine does not have, which no shard sees) and
/// <c>queuecore.events</c>, all three observable (read when a listener collects, so no listener runs per command);
/// <c>queuecore.subscriber.lagged</c> and <c>queuecore.hall.faults</c> (tag <c>queuecore.hall</c>); the observable
/// up-down counters (counts now, which add up across shards) <c>queuecore.ingress.depth</c> (tag
/// <c>queuecore.shard</c>), <c>queuecore.halls.faulted</c>, <c>queuecore.subscribers.lagging</c> and <c>queuecore.tickets.waiting</c> (tag
/// <c>queuecore.hall</c>). With a journal:
/// <c>queuecore.journal.bytes</c> (By), <c>queuecore.journal.sync.duration</c> (a histogram in seconds, with bucket
/// boundaries advised from 0.1 ms to 10 s) and <c>queuecore.journal.snapshots</c>, tagged with
/// <c>queuecore.shard</c>. Every instrument measures a <see cref="long"/> but the fsync histogram, a
/// <see cref="double"/>. Engines created with the same <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (as a
/// DI container's) share its meter and each instrument in it once: the figures are the sum over the engines (ingress
/// depth per shard number), and a stopped engine's counts stay in the counters' totals. An engine created without a
/// factory has a meter of its own. A listener that throws loses its measurement and nothing else. Activities:
/// <c>QueueCore.AddHall</c> (tag <c>queuecore.hall</c>); <c>QueueCore.Stop</c>, which lasts until the queued commands
/// are applied and the shards stopped (status Error when a shard was left behind); and, only while a listener listens
/// to the source (an exporter with the source added), <c>QueueCore.Command</c> for each
/// <see cref="HallHandle.SubmitAsync"/>, from the submit to its result, as a child of the caller's current activity
/// (tags <c>queuecore.hall</c>, <c>queuecore.command.kind</c>, <c>queuecore.sequence</c>, and
/// <c>queuecore.ticket</c> with <c>queuecore.ticket.number</c>, or <c>queuecore.error</c> with status Error and the
/// result's message). Without a listener no activity is started: a submit checks one field. For a health endpoint see <see cref="QueueCoreHealthCheck"/> and
/// <see cref="QueueEngine.GetHealth"/>.
/// </remarks>
public static class QueueCoreDiagnostics
{
    /// <summary>The meter's name: pass it to your metrics exporter.</summary>
    public const string MeterName = "QueueCore";

    /// <summary>The activity source's name: pass it to your tracing exporter.</summary>
    public const string ActivitySourceName = "QueueCore";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}
