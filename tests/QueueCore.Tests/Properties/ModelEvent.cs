namespace QueueCore.Tests.Properties;

/// <summary>
/// An event as the model predicts it: what happened, to which ticket, at which window (id, 0 for none), for which
/// item (id, -1 for none) and the kind's number (see <see cref="HallEventKind"/>).
/// </summary>
internal readonly record struct ModelEvent(HallEventKind Kind, long Ticket, int Window, int Service, int Value)
{
    /// <summary>Kinds whose number the model does not predict (positions and measured handling times).</summary>
    public static bool ValueIgnored(HallEventKind kind) => kind is HallEventKind.TicketIssued or HallEventKind.ServiceFinished;

    /// <summary>Kinds the model does not follow at all (queue-length warnings and ratings are not modelled).</summary>
    public static bool Followed(HallEventKind kind) => kind is not (HallEventKind.QueueLengthWarning or HallEventKind.Rated or HallEventKind.HallRedefined);

    public static ModelEvent Of(in HallEvent e) =>
        new(e.Kind, e.Ticket, e.Window, e.Service, ValueIgnored(e.Kind) ? 0 : e.Value);

    public override string ToString() => $"{Kind} ticket {Ticket} window {Window} item {Service} value {Value}";
}
