using System.Globalization;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Mapping;

/// <summary>The hall events a manager is alerted to, as alerts with a line to read.</summary>
public static class Alerts
{
    /// <summary>The alert an event raises, or null.</summary>
    public static Alert? Of(in HallEvent e, HallDefinition definition)
    {
        var catalog = HallCatalog.Of(definition);
        var number = e.Number.IsEmpty ? "" : e.Number.ToString();
        var service = catalog.Service(e.Service);
        // The service by name (by id when it has none), and the limit passed, as the contract's example reads: "A023 has
        // waited past the 20 min limit for Business registration".
        var name = string.IsNullOrEmpty(service?.Name) ? string.Create(CultureInfo.InvariantCulture, $"service {e.Service}") : service.Name;
        var (kind, text) = e.Kind switch
        {
            HallEventKind.WaitLimitPassed => (AlertKind.WaitLimit,
                $"{number} has waited past the {Limit(service?.WaitLimit, "wait")} for {name}."),
            HallEventKind.QueueLengthWarning => (AlertKind.QueueLength,
                string.Create(CultureInfo.InvariantCulture, $"{e.Value} tickets wait for {name}.")),
            HallEventKind.ServiceTimePassed => (AlertKind.ServiceTime,
                string.Create(CultureInfo.InvariantCulture, $"{number} has been served at window {e.Window} past the {Limit(service?.ServiceTimeLimit, "service time")} for {name}.")),
            HallEventKind.IdleTimePassed => (AlertKind.WindowIdle,
                string.Create(CultureInfo.InvariantCulture, $"Window {e.Window} has been idle past the idle limit.")),
            _ => (AlertKind.Unspecified, ""),
        };
        return kind == AlertKind.Unspecified ? null : new Alert
        {
            Kind = kind,
            Sequence = e.Sequence,
            Time = e.Time.ToProto(),
            Service = e.Service,
            Window = e.Window,
            Ticket = e.Ticket,
            Number = number,
            Text = text,
        };
    }

    /// <summary>"20 min limit" ("1.5 min limit"), or "wait limit" when the limit is not known any more (changed since).</summary>
    private static string Limit(TimeSpan? limit, string what) => limit is { } l
        ? string.Create(CultureInfo.InvariantCulture, $"{l.TotalMinutes:0.#} min limit")
        : what + " limit";
}
