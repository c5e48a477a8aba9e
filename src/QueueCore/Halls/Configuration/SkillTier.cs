namespace QueueCore;

/// <summary>Whether a window serves an item first or only as overflow.</summary>
public enum SkillTier : byte
{
    /// <summary>Served first.</summary>
    Primary = 0,

    /// <summary>Served only when no primary ticket is eligible, and after the overflow delay.</summary>
    Overflow = 1,
}
