using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One cell of an <see cref="IngressRing"/>: the per-slot sequence that hands the cell between producers and the
/// shard, and what was submitted: a command, its hall and its completion. Control work never takes a slot (it has
/// its own queue, see <see cref="Shard.Post"/>), so a full ring cannot refuse it.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct IngressSlot
{
    /// <summary>Position + 1 once a producer has published the cell; position + capacity once the shard freed it.</summary>
    public long Sequence;

    /// <summary>The command.</summary>
    public HallCommand Command;

    /// <summary>The hall's index in its shard.</summary>
    public int HallIndex;

    /// <summary>Where the command's result goes.</summary>
    public CommandCompletion? Completion;
}
