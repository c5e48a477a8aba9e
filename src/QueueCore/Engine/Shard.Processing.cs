namespace QueueCore;

/// <remarks>This part: applying commands and ticks, and publishing their events.</remarks>
internal sealed partial class Shard
{
    private static readonly HallCommand TickCommand = HallCommand.Tick();

    /// <summary>Applies one queued item and frees its slot.</summary>
    private void Process(ref IngressSlot slot)
    {
        if (slot.WorkItem is { } item)
        {
            var index = slot.HallIndex;
            _ring.ReleaseHead(ref slot);
            RunWorkItem(item, index);
            return;
        }

        var completion = slot.Completion!;
        if (!completion.TryTake())
        {
            _ring.ReleaseHead(ref slot); // cancelled before we got to it: not applied, the caller already has its result
            completion.Release();
            return;
        }

        var entry = Halls[slot.HallIndex];
        var kind = slot.Command.Kind;
        CommandResult result;
        try
        {
            result = entry.Hall.Apply(in slot.Command, _time.GetUtcNow());
            Publish(entry);
            NoteDue(entry.Hall);
        }
        catch (Exception ex) // a hall bug must not kill the shard: the caller gets an error, the other halls go on
        {
            Log.CommandFailed(_logger, ex, entry.Id, kind);
            result = CommandResult.Fail(QueueError.Unavailable, $"Hall '{entry.Id}' failed to apply {kind}: {ex.Message}");
        }

        _metrics.CommandApplied(kind, result.Error);
        _ring.ReleaseHead(ref slot);
        completion.Complete(in result); // last: the caller's events are already in its subscriptions
    }

    private void RunWorkItem(ShardWorkItem item, int hallIndex)
    {
        var halls = Halls;
        var entry = (uint)hallIndex < (uint)halls.Length ? halls[hallIndex] : null;
        try
        {
            item.Execute(this, entry);
        }
        catch (Exception ex) // same rule as commands: log, keep the shard alive
        {
            Log.WorkItemFailed(_logger, ex, Id, item.GetType().Name);
        }
    }

    /// <summary>Applies a tick to every hall whose next due instant has passed, and recomputes the earliest.</summary>
    private void RunTimers(long now)
    {
        var at = new DateTimeOffset(now, TimeSpan.Zero);
        var earliest = long.MaxValue;
        foreach (var entry in Halls)
        {
            var due = Due(entry.Hall);
            if (due <= now)
            {
                try
                {
                    var result = entry.Hall.Apply(in TickCommand, at);
                    Publish(entry);
                    _metrics.CommandApplied(CommandKind.Tick, result.Error);
                }
                catch (Exception ex) // a hall bug: log it, go on with the other halls
                {
                    Log.CommandFailed(_logger, ex, entry.Id, CommandKind.Tick);
                    _metrics.CommandApplied(CommandKind.Tick, QueueError.Unavailable);
                }

                due = Due(entry.Hall);
                if (due <= now)
                {
                    due = now + _tickIntervalTicks; // a hall that stays due must not make the shard spin on it
                }
            }

            earliest = Math.Min(earliest, due);
        }

        _earliestDue = earliest;
        _nextScan = now + _tickIntervalTicks;
    }

    /// <summary>Pulls the shard's earliest due instant forward if the hall's moved before it.</summary>
    private void NoteDue(Hall hall)
    {
        var due = Due(hall);
        if (due < _earliestDue)
        {
            _earliestDue = due;
        }
    }

    private static long Due(Hall hall) => hall.NextDue is { } due ? due.UtcTicks : long.MaxValue;

    /// <summary>Hands the events of the last apply to the hall's subscribers (never blocks).</summary>
    private void Publish(HallEntry entry)
    {
        var events = entry.Hall.LastEvents;
        if (events.IsEmpty)
        {
            return;
        }

        _metrics.EventsPublished(events.Length);
        foreach (var subscriber in entry.Subscribers)
        {
            if (subscriber.Publish(events))
            {
                Log.SubscriberLagged(_logger, entry.Id, subscriber.Capacity, subscriber.LastPublished);
                _metrics.SubscriberLagged(entry.Id);
            }
        }
    }
}
