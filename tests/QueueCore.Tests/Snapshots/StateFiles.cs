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
}
