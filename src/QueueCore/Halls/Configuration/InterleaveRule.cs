namespace QueueCore;

/// <summary>
/// A ratio between priority and normal calls a window keeps while both wait: after <see cref="PriorityCalls"/>
/// non-normal tickets in a row, the next <see cref="NormalCalls"/> calls take the best normal ticket it may serve
/// (each only if a normal ticket waits; when none does, the owed normal calls are dropped). Overdue tickets
/// (past the maximum wait) and a dedicated window's own class still come first. Each window counts its own calls, from
/// none when it opens and again when a day opens (a window left open overnight does not carry yesterday's calls into
/// the morning).
/// </summary>
/// <remarks>
/// The rule works within the tickets the window calls from, and does not change which those are: its primary items
/// while any of their tickets waits, its overflow items (past their delay) only when none does. Overflow is help for
/// other queues once the window's own are empty, and the rule protects the window's normal citizens from its
/// priority ones, so a normal ticket waiting on an overflow item neither takes an owed normal call ahead of the
/// window's primary tickets nor keeps the call owed: while primary tickets but no primary normal ones wait, owed
/// calls are dropped as when no normal ticket waits. Tickets on overflow items are served first by their own
/// windows (and their interleave rule), and any window that may serve them takes them once they pass the maximum wait.
/// </remarks>
public sealed record InterleaveRule
{
    /// <summary>Priority calls in a row before normal tickets get their turn (at least 1).</summary>
    public int PriorityCalls { get; init; } = 1;

    /// <summary>Normal calls in that turn (at least 1).</summary>
    public int NormalCalls { get; init; } = 1;
}
