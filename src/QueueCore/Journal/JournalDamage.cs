namespace QueueCore;

/// <summary>Where a journal stops being readable, and why: recovery cuts the log here and replays nothing after it.</summary>
/// <param name="Segment">The segment file.</param>
/// <param name="Offset">The byte offset in the segment of the first frame that is not whole and intact.</param>
/// <param name="Status">What is wrong with it.</param>
/// <param name="Torn">The segment simply ends inside a frame (what a crash mid-write leaves), rather than holding damaged bytes.</param>
internal sealed record JournalDamage(string Segment, long Offset, string Status, bool Torn)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Segment} at byte {Offset}: {Status}";
}
