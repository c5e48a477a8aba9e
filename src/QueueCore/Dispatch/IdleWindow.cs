using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// An idle auto-mode window in <see cref="IdleWindows"/>: its key in the hall's window-selection order (idle since,
/// served today, busy time today, last turn, or 0 for fixed order), its id (the tie-break) and its dense index. Key
/// and id sit in the entry, so comparing candidates never touches the windows themselves.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct IdleWindow(long Key, int Id, int Window)
{
    /// <summary>Whether this window is preferred to <paramref name="other"/>: the smaller key, then the smaller id.</summary>
    public bool Before(in IdleWindow other) => Key < other.Key || (Key == other.Key && Id < other.Id);
}
