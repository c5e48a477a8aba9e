using System.Globalization;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Mapping;

/// <summary>The hall events a manager is alerted to, and the alerts open in a snapshot, as alerts with a line to read.</summary>
public static class Alerts
{
    /// <summary>The alert an event raises, or null.</summary>
    public static Alert? Of(in HallEvent e, HallDefinition definition)
    {
        if (e.Kind is not (HallEventKind.WaitLimitPassed or HallEventKind.QueueLengthWarning or HallEventKind.ServiceTimePassed or HallEventKind.IdleTimePassed))
        {
            return null;
        }

        var service = HallCatalog.Of(definition).Service(e.Service);
        var limit = e.Kind switch
        {
            HallEventKind.WaitLimitPassed => service?.WaitLimit,
            HallEventKind.ServiceTimePassed => service?.ServiceTimeLimit,
            HallEventKind.IdleTimePassed => definition.WindowIdleLimit,
            _ => null,
        };
        var alert = Build(e.Kind, e.Service, e.Window, e.Ticket, e.Number, waiting: e.Value, limit, definition);
        alert.Sequence = e.Sequence;
        alert.Time = e.Time.ToProto();
        alert.Elapsed = e.Kind == HallEventKind.QueueLengthWarning ? null : TimeSpan.FromSeconds(e.Value).ToProto();
        return alert;
    }

    /// <summary>An alert open in a snapshot (<see cref="QueueCore.HallSnapshot.OpenAlerts"/>): no sequence, as the hall
    /// keeps which alerts are open, not the events that raised them; as time, when its condition began
    /// (<see cref="OpenAlert.Since"/>), unset when the hall does not know.</summary>
    public static Alert Of(OpenAlert open, HallDefinition definition)
    {
        var queue = open.Kind == HallEventKind.QueueLengthWarning;
        var alert = Build(open.Kind, open.Service, open.Window, open.Ticket, open.Number, open.Waiting, queue ? null : open.Limit, definition);
        alert.Elapsed = queue ? null : open.Elapsed.ToProto();
        alert.Time = open.Since == default ? null : open.Since.ToProto();
        return alert;
    }

    /// <summary>The alert's kind, subject and text (<paramref name="waiting"/>: a queue-length alert's tickets waiting).</summary>
    private static Alert Build(HallEventKind kind, int serviceId, int window, long ticket, TicketNumber ticketNumber, int waiting, TimeSpan? limit, HallDefinition definition)
    {
        var number = ticketNumber.IsEmpty ? "" : ticketNumber.ToString();
        var service = HallCatalog.Of(definition).Service(serviceId);
        // The service by name (by id when it has none), and the limit passed, as the contract's example reads: "A023 has
        // waited past the 20 min limit for Business registration".
        var name = string.IsNullOrEmpty(service?.Name) ? string.Create(CultureInfo.InvariantCulture, $"service {serviceId}") : service.Name;
        var text = kind switch
        {
            HallEventKind.WaitLimitPassed => $"{number} has waited past the {Limit(limit, "wait")} for {name}.",
            HallEventKind.QueueLengthWarning => string.Create(CultureInfo.InvariantCulture, $"{waiting} {(waiting == 1 ? "ticket waits" : "tickets wait")} for {name}."),
            HallEventKind.ServiceTimePassed =>
                $"{number} has been served at {Window("window", window, definition)} past the {Limit(limit, "service time")} for {name}.",
            _ => $"{Window("Window", window, definition)} has been idle past the idle limit.",
        };
        return new Alert
        {
            Kind = KindOf(kind),
            Service = serviceId,
            Window = window,
            Ticket = ticket,
            Number = number,
            Text = text,
            Limit = limit?.ToProto(),
            // The count the English text gives, for a page that writes its own sentence (the dashboard's Chinese).
            Waiting = kind == HallEventKind.QueueLengthWarning ? waiting : 0,
        };
    }

    /// <summary>The alert kind of an alert's event kind (one of the four <see cref="Of(in HallEvent, HallDefinition)"/> takes).</summary>
    internal static AlertKind KindOf(HallEventKind kind) => kind switch
    {
        HallEventKind.WaitLimitPassed => AlertKind.WaitLimit,
        HallEventKind.QueueLengthWarning => AlertKind.QueueLength,
        HallEventKind.ServiceTimePassed => AlertKind.ServiceTime,
        _ => AlertKind.WindowIdle,
    };

    /// <summary>
    /// "window 5 (Passport desk)", as a manager looks for it in the hall: the id, as calls name it, then the window's name
    /// when it says more than the id (<see cref="CallText.NamesWindow"/>: not "Window 5" over window 5). The id alone for
    /// a window without a name, or one removed since.
    /// </summary>
    private static string Window(string word, int window, HallDefinition definition)
    {
        var name = HallCatalog.Of(definition).WindowName(window);
        return CallText.NamesWindow(window, name)
            ? string.Create(CultureInfo.InvariantCulture, $"{word} {window} ({name.Trim()})")
            : string.Create(CultureInfo.InvariantCulture, $"{word} {window}");
    }

    /// <summary>"20 min limit" ("1.5 min limit"), or "wait limit" when the limit is not known any more (changed since).</summary>
    private static string Limit(TimeSpan? limit, string what) => limit is { } l
        ? string.Create(CultureInfo.InvariantCulture, $"{l.TotalMinutes:0.#} min limit")
        : what + " limit";
}
