using System.Reflection;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>
/// A faulted hall, as a bug in the hall's state machine leaves it: through the engine's own test hook
/// (<c>HallEntry.FailWhen</c>, internal to the engine, so reached by reflection: these tests see the engine's public
/// surface only).
/// </summary>
internal static class HallFaults
{
    /// <summary>The hall throws at the end of its next command (a tick included), and is isolated until it is restored.</summary>
    public static void FailNextCommand(HallHandle hall)
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
        var entry = typeof(HallHandle).GetProperty("Entry", Internal)!.GetValue(hall)!;
        var once = 0;
        entry.GetType().GetProperty("FailWhen", Internal)!.SetValue(entry, new Func<HallCommand, bool>(_ => Interlocked.Exchange(ref once, 1) == 0));
    }
}
