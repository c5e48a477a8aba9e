namespace QueueCore;

/// <summary>
/// The issue commands recovery skipped for a hall kept as it stood at a damage (ShardReplay.Salvage.cs): what their
/// tickets' numbers and ids may have been, so the hall hands out neither again (<see cref="Hall.SkipNumbersPastDamage"/>).
/// </summary>
internal sealed class SkippedIssues
{
    /// <summary>Issues since the last skipped day opening, by their first item's id (the item whose category numbers the ticket).</summary>
    public Dictionary<int, int> ByFirstItem { get; } = [];

    /// <summary>A day opening was skipped: the numbers in hands start again at 1.</summary>
    public bool DayOpened { get; private set; }

    /// <summary>Every skipped issue (each took a ticket id).</summary>
    public int All { get; private set; }

    /// <summary>Counts a skipped command that could have issued or renumbered.</summary>
    public void Add(in HallCommand command)
    {
        if (command.Kind == CommandKind.OpenDay)
        {
            ByFirstItem.Clear();
            DayOpened = true;
        }
        else if (command.Kind == CommandKind.IssueTicket && command.Services.AsSpan() is [var first, ..])
        {
            All++;
            ByFirstItem[first] = ByFirstItem.GetValueOrDefault(first) + 1;
        }
    }
}
