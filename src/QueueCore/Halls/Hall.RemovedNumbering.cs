namespace QueueCore;

/// <remarks>
/// This part: numbering that outlives its category. A redefinition may remove a category and a later one add it back
/// the same day, or give its prefix (in either letter case: B001 and b001 are called alike) to another category. The numbers the prefix gave today are on paper in citizens'
/// hands, on screens and in the day's records, so the prefix goes on after them until the next day opens: a number is
/// never given twice in a day.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>Per prefix no category of the definition carries: the last number it gave today (only prefixes that
    /// gave one), in prefix order. Cleared when a day opens.</summary>
    private SavedCategory[] _removedNumbering = [];

    /// <summary>
    /// After each category took its own saved numbering (matched by id): moves it past every number its prefix gave
    /// today under another category or one since removed, and keeps the prefixes no category carries any more.
    /// </summary>
    private void RestoreNumbering(HallState state)
    {
        var last = new Dictionary<string, SavedCategory>(StringComparer.OrdinalIgnoreCase); // "b" goes on after B001: both are called "B one"
        foreach (var saved in state.Categories.Concat(state.RemovedCategories))
        {
            if (saved.Sequence > 0 && (!last.TryGetValue(saved.Prefix, out var seen) || saved.Sequence > seen.Sequence))
            {
                last[saved.Prefix] = saved;
            }
        }

        foreach (var c in _categories)
        {
            if (last.Remove(c.Prefix, out var saved))
            {
                c.Sequence = Math.Max(c.Sequence, saved.Sequence);
            }
        }

        _removedNumbering = [.. last.Values.OrderBy(s => s.Prefix, StringComparer.Ordinal)];
        if (_redefining)
        {
            RequireDistinctFromRemovedNumbering();
        }
    }

    /// <summary>
    /// A definition may not hold prefixes where one is the other followed by digits ("B" and "B1": B101 from both);
    /// a prefix that numbers on after its category left is held to the same rule until the next day opens. Only a
    /// redefinition is refused: a saved state (the journal's) that predates the rule is restored as it was.
    /// </summary>
    private void RequireDistinctFromRemovedNumbering()
    {
        foreach (var c in _categories)
        {
            foreach (var removed in _removedNumbering)
            {
                Require(!HallCompiler.SpellsWithDigits(c.Prefix, removed.Prefix) && !HallCompiler.SpellsWithDigits(removed.Prefix, c.Prefix),
                    $"category '{c.Id}' has the prefix '{c.Prefix}', and the prefix '{removed.Prefix}' (category '{removed.Id}', since removed or given another prefix) numbered tickets today, so their tickets could get the same numbers; a prefix may not be another's followed by digits until the next day opens and numbering starts again");
            }
        }
    }
}
