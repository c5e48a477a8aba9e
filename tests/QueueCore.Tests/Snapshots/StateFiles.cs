using MessagePack;

namespace QueueCore.Tests.Snapshots;

/// <summary>Saved states as older versions of the hall wrote them (MessagePack arrays with fewer keys).</summary>
internal static class StateFiles
{
    /// <summary>The keys a <see cref="HallState"/> and a <see cref="SavedWindow"/> had before the per-window mean wait
    /// and the per-clerk figures were kept.</summary>
    private const int HallStateKeys = 21, SavedWindowKeys = 19;

    /// <summary><paramref name="state"/> (a saved <see cref="HallState"/>) as the hall wrote it before the mean wait and
    /// the clerks' figures: the keys added for them cut off.</summary>
    public static byte[] AsSavedBeforeClerkFigures(byte[] state)
    {
        var fields = (object[])MessagePackSerializer.Deserialize<object>(state)!;
        var windows = (object[])fields[7];
        for (var i = 0; i < windows.Length; i++)
        {
            windows[i] = ((object[])windows[i])[..SavedWindowKeys];
        }

        return MessagePackSerializer.Serialize<object>(fields[..HallStateKeys]);
    }

    /// <summary><paramref name="state"/> (a saved <see cref="HallState"/>) as the hall wrote it before a rating knew the
    /// clerk who finished the service: <see cref="SavedTicket.RatableClerk"/> and the windows' last finished clerk and
    /// rating cut off.</summary>
    public static byte[] AsSavedBeforeRatingsKeptTheirClerk(byte[] state)
    {
        const int SavedTicketKeys = 28, SavedWindowKeysThen = 23;
        var fields = (object[])MessagePackSerializer.Deserialize<object>(state)!;
        foreach (var (list, keys) in new[] { (7, SavedWindowKeysThen), (8, SavedTicketKeys) })
        {
            var entries = (object[])fields[list];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = ((object[])entries[i])[..keys];
            }
        }

        return MessagePackSerializer.Serialize<object>(fields);
    }
}
