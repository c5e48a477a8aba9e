using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QueueCore;

/// <summary>
/// The engine's health for ASP.NET Core / generic-host health checks, from <see cref="QueueEngine.GetHealth"/>:
/// Unhealthy (or the registration's failure status) when the engine is not started or stopped, a shard thread is not
/// running or its loop stopped going round, or the journal cannot write; Degraded when a hall is faulted (the description
/// names it: it alone refuses its commands, the other halls serve on), an ingress ring is fuller than
/// <see cref="QueueCoreHealthCheckOptions.DegradedDepthRatio"/>, subscribers lagged, or the start's recovery found damage,
/// lost halls or commands written under other rules (<see cref="JournalRecovery.OtherRulesTails"/>); Healthy otherwise. The data
/// holds per-shard depth, running and heartbeat age, the lagged subscribers and the faulted halls.
/// </summary>
public sealed class QueueCoreHealthCheck : IHealthCheck
{
    private readonly QueueEngine _engine;
    private readonly QueueCoreHealthCheckOptions _options;

    /// <summary>A check of <paramref name="engine"/> with <paramref name="options"/> (default thresholds if null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A threshold is out of range, or <see cref="QueueCoreHealthCheckOptions.HeartbeatTimeout"/> is not longer than the
    /// engine's <see cref="QueueEngineOptions.TickInterval"/> (the message names it and its value).
    /// </exception>
    public QueueCoreHealthCheck(QueueEngine engine, QueueCoreHealthCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options?.Validate();
        if (options is not null)
        {
            CheckAgainst(options, engine.Options);
        }

        _engine = engine;
        _options = options ?? new QueueCoreHealthCheckOptions();
    }

    /// <summary>
    /// Throws when <paramref name="options"/>' heartbeat timeout is not longer than <paramref name="engine"/>'s tick
    /// interval. Also run when a container creates its engine, so a check registered with the health checks builder
    /// (built on the first health request) fails the host's start instead of every request.
    /// </summary>
    [SuppressMessage("Usage", "CA2208:Instantiate argument exceptions correctly", Justification = "Names the threshold at fault, HeartbeatTimeout, as Validate does: what the caller set, not the whole options.")]
    internal static void CheckAgainst(QueueCoreHealthCheckOptions options, QueueEngineOptions engine)
    {
        if (options.HeartbeatTimeout is { } timeout && timeout <= engine.TickInterval)
        {
            // An idle shard goes round its loop once per tick interval: a shorter timeout would call every quiet shard
            // stuck, and a health endpoint that cries wolf each night is soon ignored.
            throw new ArgumentOutOfRangeException(
                nameof(options.HeartbeatTimeout),
                timeout,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"HeartbeatTimeout must be longer than the engine's TickInterval ({engine.TickInterval}), the longest an idle shard takes to go round its loop; it is {timeout}."));
        }
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = _engine.GetHealth();
        var staleAfter = _options.HeartbeatTimeout ?? ((2 * _engine.Options.TickInterval) + TimeSpan.FromSeconds(10));
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);

        if (!health.IsStarted || health.IsStopped)
        {
            unhealthy.Add(health.IsStopped ? "the engine is stopped" : "the engine is not started");
        }

        foreach (var shard in health.Shards)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"shard.{shard.Id}");
            data[key + ".depth"] = shard.Depth;
            data[key + ".running"] = shard.IsRunning;
            if (shard.SinceHeartbeat is { } since)
            {
                data[key + ".heartbeatAgeSeconds"] = since.TotalSeconds;
            }

            if (health.IsStarted && !health.IsStopped)
            {
                if (!shard.IsRunning)
                {
                    unhealthy.Add(shard.IsAbandoned ? $"shard {shard.Id} stopped after repeated failures" : $"shard {shard.Id} is not running");
                }
                else if (shard.SinceHeartbeat is { } age && age > staleAfter)
                {
                    unhealthy.Add($"shard {shard.Id} has not gone round its loop for {age.TotalSeconds:F0} s");
                }
            }

            if (shard.Depth > _options.DegradedDepthRatio * shard.Capacity)
            {
                degraded.Add($"shard {shard.Id} ingress is {shard.Depth} of {shard.Capacity}");
            }
        }

        data["laggedSubscribers"] = health.LaggedSubscribers;
        data["faultedHalls"] = health.FaultedHalls.ToArray();
        if (health.FaultedHalls.Count > 0)
        {
            // Degraded, not Unhealthy: a load balancer takes an unhealthy server out, and with it every hall that still serves.
            degraded.Add($"faulted halls: {string.Join(", ", health.FaultedHalls)}");
        }

        if (health.JournalFailure is { } journalFailure)
        {
            unhealthy.Add(journalFailure + " (commands are refused until the engine is restarted)");
        }

        if (health.Recovery is { } recovery)
        {
            data["journal.recoveredHalls"] = recovery.Halls.Count;
            data["journal.recordsReplayed"] = recovery.Records;
            data["journal.commandsReplayed"] = recovery.Commands;
            data["journal.recoveryMilliseconds"] = recovery.Elapsed.TotalMilliseconds;
            data["journal.generation"] = recovery.NewGeneration;
            if (recovery.Damage.Count > 0)
            {
                data["journal.damage"] = recovery.Damage.ToArray();
                degraded.Add($"the journal was damaged and cut at start: {string.Join("; ", recovery.Damage)}");
            }

            if (recovery.OtherRulesTails.Count > 0)
            {
                // A crash followed by an upgrade: the tickets are there, but staff should check these halls' queues.
                data["journal.otherRulesTails"] = recovery.OtherRulesTails.Select(t => t.Hall).ToArray();
                degraded.Add(
                    $"halls whose commands since their last snapshot were written under other rules and replayed under rules version {QueueEngine.RulesVersion}: " +
                    string.Join(", ", recovery.OtherRulesTails.Select(t => $"{t.Hall} ({t.Commands} commands, rules version {t.WrittenUnder})")));
            }

            if (recovery.LostHalls.Count > 0)
            {
                data["journal.lostHalls"] = recovery.LostHalls.ToArray();
                degraded.Add($"halls lost to the journal's damage: {string.Join(", ", recovery.LostHalls)}");
                NumberingRestarted(recovery, data, degraded);
            }
        }

        if (_options.DegradedWhenSubscribersLag && health.LaggedSubscribers > 0)
        {
            degraded.Add($"{health.LaggedSubscribers} lagged subscribers");
        }

        HealthCheckResult result;
        if (unhealthy.Count > 0)
        {
            var status = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
            result = new HealthCheckResult(status, "QueueCore: " + string.Join("; ", unhealthy.Concat(degraded)), data: data);
        }
        else
        {
            result = degraded.Count > 0
                ? HealthCheckResult.Degraded("QueueCore: " + string.Join("; ", degraded), data: data)
                : HealthCheckResult.Healthy("QueueCore: every shard is running", data);
        }

        return Task.FromResult(result);
    }

    /// <summary>
    /// Lost halls the engine has again (configuration or an admin added them back) started their numbering over: the
    /// journal cannot say which numbers they had handed out (the damaged record was the first it held of them, and
    /// commands carry no numbers), so the same number may go to two citizens that day. Staff must hear of it.
    /// </summary>
    private void NumberingRestarted(JournalRecovery recovery, Dictionary<string, object> data, List<string> degraded)
    {
        var again = new List<string>();
        var first = new List<string>();
        foreach (var id in recovery.LostHalls)
        {
            if (_engine.TryGetHall(id, out var hall))
            {
                again.Add(id);
                first.Add($"{id} at {string.Join("/", hall.Definition.Categories.Select(c => new TicketNumber(c.Prefix, 1, c.NumberWidth)))}");
            }
        }

        if (again.Count > 0)
        {
            data["journal.numberingRestarted"] = again.ToArray();
            degraded.Add(
                $"lost halls added again restarted their ticket numbers ({string.Join(", ", first)}): numbers they handed out " +
                "earlier the same day are not in the journal and may be handed out a second time");
        }
    }
}
