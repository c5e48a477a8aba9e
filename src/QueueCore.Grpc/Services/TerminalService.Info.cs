using Grpc.Core;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

public sealed partial class TerminalService
{
    /// <summary>The most parked tickets a <see cref="WindowInfo"/> lists.</summary>
    public const int MaxParkedListed = 50;

    /// <inheritdoc/>
    public override async Task<WindowInfo> GetWindowInfo(WindowRequest request, ServerCallContext context)
    {
        var hall = halls.Get(request.Hall);
        var window = Window(request.Window);
        HallCatalog.Of(hall.Definition).RequireWindow(window);

        // One snapshot on the hall's shard, with what the reply sends (no waiting tickets); the mapping is the dashboard's,
        // so a terminal and a dashboard agree. Without the open alerts the detail also lists: WindowInfo has no field for
        // them, and the mapping made an Alert of each only to drop it.
        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Parked, context.CancellationToken).ConfigureAwait(false);
        var info = WindowInfoOf((snapshot with { OpenAlerts = [] }).ToProto(hall.Definition), HallCatalog.Of(hall.Definition), window);
        info.Language = halls.Profile(hall.Id).Language; // the terminal writes its own texts in it, as the kiosk does
        info.ParkReturnBy = (await ParkReturnByAsync(hall, info, snapshot.Time, snapshot.DayOpen, context.CancellationToken).ConfigureAwait(false))?.ToProto();
        return info;
    }

    /// <summary>
    /// The latest return time a Park of the ticket being served at the window is taken with at <paramref name="now"/>
    /// (the hall's time of the view): the hall's bound for the ticket's item, then the day schedule's, as
    /// <see cref="Park"/> checks them (the schedule's through the same <see cref="ScheduledParkBound"/>). Before now while
    /// the scheduled opening is held up, when every return is refused. Null without a ticket being served. The terminal
    /// offered parks of up to 480 minutes and the server refused those past these bounds only once the clerk had chosen one.
    /// </summary>
    private async Task<DateTimeOffset?> ParkReturnByAsync(HallHandle hall, WindowInfo info, DateTimeOffset now, bool dayOpen, CancellationToken cancellationToken)
    {
        var catalog = HallCatalog.Of(hall.Definition);
        if (info.Figures.State != V1.WindowState.Serving || info.Current is not { } ticket || catalog.Service(ticket.Service) is not { } service)
        {
            return null;
        }

        var by = catalog.LatestParkReturn(service, now);
        if (options.Value.ScheduleOf(info.Hall) is { } schedule)
        {
            var scheduled = (await ScheduledParkBound.OfAsync(schedule, catalog, hall, now, dayOpen, cancellationToken).ConfigureAwait(false)).LatestReturn;
            by = scheduled < by ? scheduled : by;
        }

        return by;
    }

    /// <summary>
    /// The reply to <see cref="GetWindowInfo"/> for <paramref name="window"/> from the hall's snapshot; NotFound, as the
    /// window's check gives, when the snapshot lacks it (an admin removed it after the check).
    /// </summary>
    internal static WindowInfo WindowInfoOf(V1.HallSnapshot snapshot, HallCatalog catalog, int window)
    {
        var figures = snapshot.Windows.FirstOrDefault(w => w.Window == window) ?? throw GrpcErrors.UnknownWindow(snapshot.Hall, window);
        var info = new WindowInfo
        {
            Hall = snapshot.Hall,
            HallName = snapshot.HallName,
            Sequence = snapshot.Sequence,
            Time = snapshot.Time,
            TimeZone = catalog.IanaTimeZone,
            NormalClass = catalog.Definition.Priority.NormalClass,
            Figures = figures,
            Current = figures.CurrentTicket == 0 ? null : snapshot.AtWindows.FirstOrDefault(t => t.Ticket == figures.CurrentTicket),
        };
        info.Parked.AddRange(snapshot.Parked.Take(MaxParkedListed));
        info.Services.AddRange(catalog.Definition.Services.Select(s => new TransferService { Service = s.Id, Name = s.Name, Category = s.Category }));
        info.Windows.AddRange(snapshot.Windows.Where(w => w.Window != window).Select(w => new TransferWindow { Window = w.Window, Name = w.Name, State = w.State }));
        return info;
    }
}
