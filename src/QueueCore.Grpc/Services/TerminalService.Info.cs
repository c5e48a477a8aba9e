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
        var catalog = HallCatalog.Of(hall.Definition);
        catalog.RequireWindow(window);

        // One snapshot on the hall's shard, with what the reply sends (no waiting tickets); the mapping is the dashboard's,
        // so a terminal and a dashboard agree.
        var snapshot = (await hall.GetSnapshotAsync(SnapshotDetail.Parked, context.CancellationToken).ConfigureAwait(false)).ToProto(hall.Definition);
        var figures = snapshot.Windows.First(w => w.Window == window);
        var info = new WindowInfo
        {
            Hall = snapshot.Hall,
            HallName = snapshot.HallName,
            Sequence = snapshot.Sequence,
            Time = snapshot.Time,
            TimeZone = catalog.IanaTimeZone,
            Figures = figures,
            Current = figures.CurrentTicket == 0 ? null : snapshot.AtWindows.FirstOrDefault(t => t.Ticket == figures.CurrentTicket),
        };
        info.Parked.AddRange(snapshot.Parked.Take(MaxParkedListed));
        info.Services.AddRange(hall.Definition.Services.Select(s => new TransferService { Service = s.Id, Name = s.Name, Category = s.Category }));
        info.Windows.AddRange(snapshot.Windows.Where(w => w.Window != window).Select(w => new TransferWindow { Window = w.Window, Name = w.Name, State = w.State }));
        return info;
    }
}
