namespace QueueCore;

/// <summary>
/// A hall whose journaled commands after its last snapshot were written by an engine with other rules
/// (<see cref="QueueEngine.RulesVersion"/>), and which recovery replayed under this engine's rules
/// (<see cref="JournalRecovery.OtherRulesTails"/>).
/// </summary>
public sealed record OtherRulesTail
{
    /// <summary>The hall's id.</summary>
    public required string Hall { get; init; }

    /// <summary>The rules version the commands were written under (0: unknown, or before versions were recorded).</summary>
    public required int WrittenUnder { get; init; }

    /// <summary>How many of the hall's commands were replayed under this engine's rules.</summary>
    public required long Commands { get; init; }
}
