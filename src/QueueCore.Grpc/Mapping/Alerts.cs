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
        var (kind, text) = e.Kind switch
        {
            HallEventKind.WaitLimitPassed => (AlertKind.WaitLimit,
                $"{number} has waited past the wait limit of {catalog.ServiceName(e.Service)}."),
            HallEventKind.QueueLengthWarning => (AlertKind.QueueLength,
                string.Create(CultureInfo.InvariantCulture, $"{e.Value} tickets wait for {catalog.ServiceName(e.Service)}.")),
            HallEventKind.ServiceTimePassed => (AlertKind.ServiceTime,
                string.Create(CultureInfo.InvariantCulture, $"{number} has been served at window {e.Window} past the service time limit.")),
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
}
