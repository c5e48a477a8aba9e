namespace QueueCore;

/// <remarks>
/// This part: the day's issued counts of items since removed. A redefinition may remove an item and a later one add it
/// back the same day (the manager takes it out for the afternoon, or edits the configuration twice). Its daily cap is a
/// cap per day: the tickets it issued before its removal still count, or the cap would give its whole allowance again.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>Per item no entry of the definition carries that issued tickets since the day opened: its id and how many,
    /// in id order. Cleared when a day opens.</summary>
    private SavedService[] _removedIssued = [];

    /// <summary>
    /// After each item took its own saved counters (matched by id): an item the state holds as removed today takes its
    /// count back, and the items the definition no longer carries keep theirs.
    /// </summary>
    private void RestoreRemovedIssued(HallState state)
    {
        var kept = new List<SavedService>();
        foreach (var saved in state.Services.Concat(state.RemovedServices))
        {
            if (_serviceIndex.TryGet(saved.Id, out var s))
            {
                _services[s].IssuedToday = Math.Max(_services[s].IssuedToday, saved.IssuedToday);
            }
            else if (saved.IssuedToday > 0)
            {
                kept.Add(new SavedService { Id = saved.Id, IssuedToday = saved.IssuedToday });
            }
        }

        _removedIssued = [.. kept.OrderBy(s => s.Id)];
    }
}
