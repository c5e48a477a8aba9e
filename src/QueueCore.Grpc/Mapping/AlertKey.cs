using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Mapping;

/// <summary>
/// An alert's identity: what it is about (kind, service item, window, ticket), the same in an alert raised by an event
/// and in one read from a snapshot's open alerts, whatever its text, time and elapsed say.
/// </summary>
internal readonly record struct AlertKey(AlertKind Kind, int Service, int Window, long Ticket)
{
    /// <summary>The identity of an alert the stream sends.</summary>
    public static AlertKey Of(Alert alert) => new(alert.Kind, alert.Service, alert.Window, alert.Ticket);

    /// <summary>The identity of an alert open in a snapshot.</summary>
    public static AlertKey Of(OpenAlert open) => new(Alerts.KindOf(open.Kind), open.Service, open.Window, open.Ticket);
}
