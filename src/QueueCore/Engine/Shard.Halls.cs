namespace QueueCore;

/// <remarks>This part: what control work does to a hall on the shard: isolate, swap, remove, attach a subscriber.</remarks>
internal sealed partial class Shard
{
    /// <summary>
    /// The hall threw: isolate it (later commands are refused), forget its history (its last events were never
    /// published) and make its subscribers resynchronise, so nobody sees a silent gap.
    /// </summary>
    private CommandResult Fault(HallEntry entry, Exception exception, CommandKind kind)
    {
        var refusal = CommandResult.Fail(
            QueueError.HallFaulted,
            $"Hall '{entry.Id}' threw while applying {kind} and is isolated until it is restored (HallHandle.RestoreAsync): {exception.Message}");
        entry.MarkFaulted(in refusal);
        entry.History?.Clear();
        foreach (var subscriber in entry.Subscribers)
        {
            subscriber.ForceLag();
        }

        Log.HallFaulted(_logger, exception, entry.Id, kind);
        _metrics.HallFaulted(entry.Id);
        return refusal;
    }

    /// <summary>
    /// The journal failed after the hall applied commands it had not saved: the hall in memory is ahead of what a
    /// restart recovers. Isolates it like a faulted hall (its state is not shown, its readers resynchronise and find it
    /// faulted), but its commands are refused with Unavailable, as every command is while the journal cannot write.
    /// </summary>
    private void IsolateUnsaved(HallEntry entry)
    {
        if (!entry.IsActive)
        {
            return; // faulted already, or removed
        }

        entry.MarkFaulted(CommandResult.Fail(
            QueueError.Unavailable,
            $"Hall '{entry.Id}' applied commands that its journal could not save (see the logs: a full disk or an unwritable data directory), so it is isolated: nothing a restart would take back is shown. Make the journal's directory writable and restart the engine; it recovers the hall as saved."));
        entry.History?.Clear();
        foreach (var subscriber in entry.Subscribers)
        {
            subscriber.ForceLag();
        }

        Log.HallIsolatedUnsaved(_logger, entry.Id);
    }

    /// <summary>
    /// Shard thread: puts <paramref name="hall"/> in the entry's place and clears a fault. A restored hall numbers its
    /// events from its saved state (<paramref name="resetTimeline"/>): the history is cleared and every subscriber
    /// resynchronises. A redefined hall continues its numbering: the events the change emitted are published.
    /// </summary>
    public void Swap(HallEntry entry, Hall hall, bool resetTimeline)
    {
        var reached = entry.Hall.Sequence; // the faulted or live hall's last number, before it is replaced
        entry.Replace(hall);
        _journal?.AppendHall(entry); // replay restarts the hall from here
        if (resetTimeline)
        {
            // A state from earlier numbers its next events again from its own sequence: a reader that saw the old
            // events under those numbers must resynchronise rather than be handed the new ones as what it missed.
            entry.Renumbered(hall.Sequence, reached);
            entry.History?.Clear();
            foreach (var subscriber in entry.Subscribers)
            {
                subscriber.ForceLag();
            }

            Log.HallRestored(_logger, entry.Id, hall.Sequence);
        }
        else
        {
            Publish(entry, hall.LastEvents);
            Log.HallRedefined(_logger, entry.Id, hall.Sequence);
        }

        NoteDue(hall);
    }

    /// <summary>
    /// Shard thread: leaves a tombstone in the hall's slot and completes its subscriptions. The slot stays (handles
    /// cache it, and the hot path reads it unchecked), but it takes the shard's one tombstone of the id: a removed hall
    /// is then held only by its handle and, until the id is added again, by the engine's removed halls, so an id removed
    /// and added again a thousand times costs one entry, not a thousand (each with its definition and journal copy).
    /// </summary>
    public void Remove(HallEntry entry)
    {
        if (!_tombstones.TryGetValue(entry.Id, out var tombstone))
        {
            tombstone = HallEntry.Tombstone(entry.Id, entry.Index, entry.Definition);
            _tombstones.Add(entry.Id, tombstone);
        }

        _journal?.AppendRemoved(entry.Index);
        TryReadClock(out var now); // 0 when the clock fails: the hall's own time then dates its numbering
        foreach (var subscriber in entry.MarkRemoved(tombstone.Refusal, now))
        {
            subscriber.Complete();
        }

        // Written even if a hall added again took it already: the removal's record says what it left, should a crash take
        // that hall's first record (recovery drops it when that hall is recovered).
        _journal?.AppendLeftDay(entry, entry.LeftAtRemoval);

        lock (_hallsLock) // against Add copying the array: the tombstone lands in the array it publishes
        {
            Volatile.Write(ref _halls[entry.Index], tombstone); // release: any thread sees the tombstone whole; it refuses as the entry now does
        }

        Log.HallRemoved(_logger, entry.Id, Id);
    }

    /// <summary>
    /// Shard thread, between two commands: gives <paramref name="subscription"/> the events after
    /// <paramref name="afterSequence"/> from the history, then attaches it for live events: no gap, no duplicate.
    /// When the history does not reach back that far (or the sequence is ahead of the hall, or the hall is faulted)
    /// the subscription starts lagged, so its reader takes a snapshot.
    /// </summary>
    public void Attach(HallEntry? entry, SubscriptionBuffer subscription, long afterSequence)
    {
        if (entry is null || entry.IsRemoved)
        {
            subscription.Complete();
            return;
        }

        if (entry.IsFaulted)
        {
            subscription.ForceLag();
        }
        else
        {
            var history = entry.EnsureHistory();
            var sequence = entry.Hall.Sequence;
            if (entry.IsRenumbered(afterSequence))
            {
                subscription.ForceLag(); // the reader's number may name an event of the timeline a restore replaced
            }
            else if (afterSequence != sequence)
            {
                if (history is not null && history.TryGetAfter(afterSequence, sequence, out var head, out var tail))
                {
                    if (subscription.Publish(head) | subscription.Publish(tail))
                    {
                        Lagged(entry, subscription); // the missed events do not fit its buffer
                    }
                }
                else
                {
                    subscription.ForceLag();
                }
            }
        }

        entry.Add(subscription);
    }
}
