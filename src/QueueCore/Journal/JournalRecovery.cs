namespace QueueCore;

/// <summary>
/// What the engine found in its journal when it started (<see cref="QueueEngine.Recovery"/>): the halls it rebuilt,
/// how many records it replayed and how long that took, and where the log was cut if it was damaged.
/// </summary>
public sealed record JournalRecovery
{
    /// <summary>The data directory.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The journal's identity: an opaque id made when the journal was created (or, for a journal an engine before
    /// identities wrote, at its first start under this one; logged at Information, event 1066), kept across restarts,
    /// roll-overs and the archive, and by a copy of the directory. The halls' event sequence numbers go on across
    /// restarts within one journal only; an engine on a fresh or another journal directory numbers them again, under
    /// another identity. So a reader that resumes by sequence number across restarts (a call screen) keeps the identity
    /// with its number, and takes a fresh snapshot when it changed. An older copy of the directory restored in its place
    /// keeps the identity while its halls' numbers go back to the copy's: a reader kept off through the restore until a
    /// hall numbered past its last number resumes as if the copy's events followed those it saw. Nothing outside the
    /// directory records how far the journal went, so the engine cannot tell; delete the copy's <c>journal-id</c> file
    /// when restoring it (a new identity: every reader takes one fresh snapshot).
    /// </summary>
    public string JournalId { get; init; } = "";

    /// <summary>The generation the halls were recovered from (0 when the directory held no journal).</summary>
    public required long Generation { get; init; }

    /// <summary>The generation the engine writes from now on.</summary>
    public required long NewGeneration { get; init; }

    /// <summary>The ids of the halls recovered.</summary>
    public required IReadOnlyList<string> Halls { get; init; }

    /// <summary>Journal records read and replayed (snapshots and commands).</summary>
    public required long Records { get; init; }

    /// <summary>
    /// Commands replayed on top of the halls' last snapshots (or hall records), all halls together. Zero after a
    /// graceful stop (each shard snapshots its halls as it stops); after a crash, the commands since the last snapshots.
    /// </summary>
    public long Commands { get; init; }

    /// <summary>
    /// The <see cref="QueueEngine.RulesVersion"/> of the engine that wrote the generation recovered from: 0 when it was
    /// written before rules versions were recorded, or its <c>ready</c> marker is lost (then it is unknown).
    /// </summary>
    public int WrittenUnderRules { get; init; }

    /// <summary>
    /// The halls whose commands after their last snapshot were written under another <see cref="QueueEngine.RulesVersion"/>
    /// than this engine's (a crash, then an upgrade; or a journal from before rules versions were recorded) and replayed
    /// under this engine's rules all the same: the tickets are kept, but a command the new rules treat differently (a
    /// transfer now refused, a cap) may have left the hall otherwise than the clerks saw it. Each is also logged at
    /// Warning (event 1063, <c>JournalTailReplayedUnderOtherRules</c>). Empty after a graceful stop, which leaves
    /// nothing to replay.
    /// </summary>
    public IReadOnlyList<OtherRulesTail> OtherRulesTails { get; init; } = [];

    /// <summary>Bytes of journal read.</summary>
    public required long Bytes { get; init; }

    /// <summary>How long reading and replaying took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Where a record was damaged (a flipped byte, a bad length, a record that does not decode), each as
    /// "segment at byte N: why", files missing (a generation's <c>ready</c> marker, a shard's segment), and a shard log
    /// cut short of the records its generation's start wrote (which its <c>ready</c> marker records), or whose first
    /// segment, once segment 0 went to the archive, is cut to zero bytes, inside the snapshots it begins with or between two of them (their
    /// fsync let the older segments go, so they were on disk: never a torn tail). Recovery
    /// replays no hall's commands across the damage (see <see cref="LostHalls"/> for what it keeps past it); the
    /// damaged generation is kept beside the new one for inspection. Empty when the journal was intact.
    /// </summary>
    public required IReadOnlyList<string> Damage { get; init; }

    /// <summary>
    /// The ids of halls the journal held that recovery could not rebuild at all: the damaged record was the first the
    /// log held of the hall (its record at the start of the generation, or when it was added) and no snapshot of it
    /// follows the damage, or the log was cut short of the hall's record at the start of the generation, which the
    /// generation's <c>ready</c> marker names, or the snapshots its log began with are gone (named from the log's part in
    /// the archive, else from the marker). Each is also logged at Error with the damage's position. The engine does not have them; a
    /// hall added again (from configuration) starts with an empty day, and its ticket numbers start again at the first
    /// (A001): the journal cannot show which numbers it had handed out (the only record of them was the damaged one;
    /// commands carry no numbers), so a number may go to two citizens that day, and the health check says so while
    /// the hall is back. A hall is named by a whole record of the log (a snapshot whose mark was damaged still names
    /// it), the archive or the marker; only when none does, by the id its damaged record shows, unless a whole record
    /// gives that id to another hall (a flip can make it read one). A hall none of these names is logged by its key at
    /// Error without being listed here. Empty when nothing was lost.
    /// </summary>
    /// <remarks>
    /// Recovery keeps what it can past damage: a hall with a snapshot (or a hall record) after it is rebuilt from there
    /// with its commands since; a hall replayed up to the damage and without one keeps its state at the damage (its
    /// later commands are not replayed, since the damaged record may have been one of them, and that is logged at
    /// Error naming the hall); its numbering and ticket ids go on past what those commands and the damaged bytes could
    /// have handed out, so no number on a lost ticket is called for someone else. Bytes no whole record shows (a damaged
    /// record, a run of destroyed bytes, a missing stretch between segments) count as many issues, in every category, as
    /// they could hold at an issue record's smallest size. A generation's first segment cut short, as the end of the log,
    /// inside the records its start wrote lost everything after the cut unread: the halls before it move their numbering
    /// past all the segment could still have held (its generation's <c>SegmentBytes</c>, which the <c>ready</c> marker
    /// records, and a batch more): a large gap in the numbers, never one number for two citizens. So do the halls of a
    /// live log whose first segment (after the archive took the older ones) is cut inside the round of snapshots it
    /// begins with: the commands acknowledged after that round in the segment are gone unread too.
    /// </remarks>
    public IReadOnlyList<string> LostHalls { get; init; } = [];

    /// <summary>
    /// Where a log ended inside a record: the write a crash cut short. Expected after a crash; not damage. In durable
    /// mode it was never acknowledged, so nothing is lost; in batched mode the commands of the last flush interval may
    /// have been acknowledged and are gone (the mode's stated window of loss), this record's included.
    /// </summary>
    public required IReadOnlyList<string> TornTails { get; init; }
}
