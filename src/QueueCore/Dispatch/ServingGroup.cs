using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// A group of <see cref="IdleWindows"/> that may serve one item, and how: the group, the class its windows are
/// dedicated to (-1: none), whether the item is an overflow skill of theirs and after what delay (ticks). 16 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct ServingGroup(long DelayTicks, int Group, short DedicatedClass, bool Overflow);
