namespace QueueCore;

public sealed partial class QueueEngine
{
    /// <summary>
    /// Under <see cref="_lifecycle"/>, at each removal: drops the days removed halls left whose date has ended (a hall
    /// added again with the id now starts its day fresh anyway), keeping only their ticket serials. The engine keeps
    /// one removed hall per id; without this each kept its day's check-ins and counts for good. Rare and short: one
    /// pass over the removed ids.
    /// </summary>
    private void ForgetEndedLeftDays()
    {
        long now;
        try
        {
            now = TimeProvider.GetUtcNow().UtcTicks;
        }
        catch (Exception) // a broken clock: keep them until a later removal reads it
        {
            return;
        }

        foreach (var entry in _removed.Values)
        {
            if (entry.IsRemoved && entry.LeftDay is { IsSerialOnly: false } day && day.Until <= now)
            {
                entry.KeepOnlySerial(); // the ids go on whenever the id is added again: a held id never names another citizen's ticket
            }
        }
    }

    /// <summary>
    /// At the start, with a journal: each day a removed hall left, recovered (<see cref="JournalRecordKind.LeftDay"/>),
    /// becomes the removed hall of its id, as at its removal, so a hall added again with the id carries it; those whose
    /// date ended keep only their serial. The shards take turns writing them into the new generation, and their rounds
    /// write them again until a hall added again takes them. Removals number on after theirs.
    /// </summary>
    private void KeepLeftDays(IReadOnlyList<(string Id, SavedLeftDay Day)> leftDays)
    {
        lock (_lifecycle)
        {
            foreach (var (id, day) in leftDays)
            {
                _removed[id] = HallEntry.LeftBehind(id, day.ToCarriedDay(), day.Removal);
                _removals = Math.Max(_removals, day.Removal);
            }

            ForgetEndedLeftDays();
            var i = 0;
            foreach (var entry in _removed.Values.OrderBy(e => e.Id, StringComparer.Ordinal))
            {
                _shards[i++ % _shards.Length].Journal!.AppendLeftDay(entry, entry.LeftDay);
            }
        }
    }

    /// <summary>
    /// Test hook: how many hall entries the engine holds (live halls, tombstones and the removed halls they chain to),
    /// each counted once. Bounded by the ids ever removed, however often one id is removed and added again.
    /// </summary>
    internal int RetainedHallEntries()
    {
        var seen = new HashSet<HallEntry>(ReferenceEqualityComparer.Instance);
        lock (_lifecycle)
        {
            foreach (var entry in _shards.SelectMany(s => s.Halls).Concat(_removed.Values))
            {
                for (var e = entry; e is not null && seen.Add(e); e = e.Predecessor)
                {
                }
            }
        }

        return seen.Count;
    }
}
