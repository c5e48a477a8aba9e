using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// One cell of an <see cref="IngressRing"/>: the per-slot sequence that hands the cell between producers and the
/// shard, and what was submitted. Either a command (with its hall and completion) or a control work item.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct IngressSlot
{
    /// <summary>Position + 1 once a producer has published the cell; position + capacity once the shard freed it.</summary>
    public long Sequence;

    /// <summary>The command (when <see cref="WorkItem"/> is null).</summary>
    public HallCommand Command;

    /// <summary>The hall's index in its shard.</summary>
    public int HallIndex;

    /// <summary>Where the command's result goes.</summary>
    public CommandCompletion? Completion;

    /// <summary>A control item (snapshot, test hook) to run on the shard instead of a command.</summary>
    public ShardWorkItem? WorkItem;
}
