namespace QueueCore;

/// <remarks>This part: applying commands and ticks, and publishing their events.</remarks>
internal sealed partial class Shard
{
    private static readonly HallCommand TickCommand = HallCommand.Tick();

    private static readonly CommandResult EngineFailed = CommandResult.Fail(
        QueueError.Unavailable, "The engine failed while processing the command (see the logs); it was not applied.");

    /// <summary>The most queued commands that share one clock reading.</summary>
    private const int MaxClockShare = 32;

    private readonly CommandResult _clockFailed;
    private bool _clockFailing; // shard thread only: the last clock read threw
    private long _clockNow; // shard thread only: the last reading for commands (UTC ticks)...
    private long _clockCovers; // ...which every ring position below this one was claimed before
    private bool _clockRead; // ...and whether it succeeded

    /// <summary>Applies one queued command, frees its slot and completes it: exactly once, whatever throws.</summary>
    private void Process(ref IngressSlot slot)
    {
        var completion = slot.Completion!;
        if (!completion.TryTake())
        {
            _ring.ReleaseHead(ref slot); // cancelled before we got to it: not applied, the caller already has its result
            completion.Release();
            return;
        }

        CommandResult result;
        try
        {
            result = Apply(slot.HallIndex, in slot.Command, _ring.Taken);
        }
        catch (Exception ex) // an engine bug (everything outside is guarded where it is called): the caller still gets an answer
        {
            Log.WorkItemFailed(_logger, ex, Id, nameof(Process));
            result = EngineFailed;
        }

        _ring.ReleaseHead(ref slot);
        if (_journal is null)
        {
            if (_inlineOwn is not null && completion != _inlineOwn)
            {
                completion.CompleteOnPool(in result); // another caller's: its continuation must not queue behind this caller
            }
            else
            {
                CompleteOrSkip(completion, in result, taken: true); // last: the caller's events are already in its subscriptions
            }
        }
        else
        {
            _journal.Hold(completion, in result); // answered once its record (and every one before it) is safe
        }
    }

    /// <summary>The result of one command (at ring <paramref name="position"/>): applied to an active hall, or refused without touching it.</summary>
    private CommandResult Apply(int hallIndex, in HallCommand command, long position)
    {
        var entry = Halls[hallIndex];
        CommandResult result;
        if (!entry.IsActive)
        {
            result = entry.Refusal; // faulted (HallFaulted) or removed (UnknownHall): nothing is applied
        }
        else if (!ClockFor(position, out var now))
        {
            result = _clockFailed;
        }
        else
        {
            result = ApplyToHall(entry, in command, now);
        }

        Tally.Applied(command.Kind, result.Error);
        return result;
    }

    /// <summary>
    /// The instant a queued command is applied at. Reading the clock took a tenth of the shard's time per command, so
    /// up to <see cref="MaxClockShare"/> queued commands share a reading, but only commands claimed before it was
    /// taken: the ring's claimed positions are read first, then the clock, so every command's instant still lies
    /// between its submission and its application, as with a reading of its own.
    /// </summary>
    private bool ClockFor(long position, out long now)
    {
        if (position >= _clockCovers)
        {
            var claimed = _ring.Position; // acquire: the positions claimed so far, before the clock is read
            _clockRead = TryReadClock(out _clockNow);
            _clockCovers = _clockRead ? Math.Min(claimed, position + MaxClockShare) : position + 1; // a failed read is retried
        }

        now = _clockNow;
        return _clockRead;
    }

    /// <summary>Applies to the hall and publishes its events; a hall that throws is isolated.</summary>
    private CommandResult ApplyToHall(HallEntry entry, in HallCommand command, long now)
    {
        var hall = entry.Hall;
        try
        {
            var at = new DateTimeOffset(now, TimeSpan.Zero);
            if (_journal is not null && !EnsureJournaled(entry))
            {
                return _journalFailed;
            }

            var result = hall.Apply(in command, at);
            if (_journal is not null && command.Kind != CommandKind.QueryTicket && command.TextsFit)
            {
                // Queries change nothing: no record. Nor does a text over its limit (refused before the hall's clock
                // moves), which could be megabytes.
                _journal.AppendCommand(entry.Index, in command, at);
            }

            if (entry.FailWhen is { } fail && fail(command))
            {
                ThrowHelper.InvalidOperation($"Injected fault in hall '{entry.Id}' (test hook).");
            }

            Publish(entry, hall.LastEvents);
            NoteDue(hall);
            return result;
        }
        catch (Exception ex) // the hall's state is unknown: isolate it; the other halls go on
        {
            return Fault(entry, ex, command.Kind);
        }
    }

    /// <summary>Completes a taken command (or lets go of a cancelled one); a synchronous continuation that throws is logged.</summary>
    private void CompleteOrSkip(CommandCompletion completion, in CommandResult result, bool taken = false)
    {
        try
        {
            if (taken || completion.TryTake())
            {
                completion.Complete(in result);
            }
            else
            {
                completion.Release(); // cancelled: the caller already has its result
            }
        }
        catch (Exception ex) // only with RunContinuationsAsynchronously off: the caller's code ran here and threw
        {
            Log.ContinuationFailed(_logger, ex, Id);
        }
    }

    /// <summary>Applies a tick to every active hall whose next due instant has passed, and recomputes the earliest.</summary>
    private void RunTimers(long now)
    {
        var earliest = long.MaxValue;
        foreach (var entry in Halls)
        {
            if (entry.IsActive)
            {
                earliest = Math.Min(earliest, TickIfDue(entry, now));
            }
        }

        _earliestDue = earliest;
        _nextScan = now + _tickIntervalTicks;
    }

    /// <summary>Ticks the hall if it is due; returns its next due instant.</summary>
    private long TickIfDue(HallEntry entry, long now)
    {
        var hall = entry.Hall;
        CommandResult result;
        long next;
        try
        {
            next = Due(hall);
            if (next > now)
            {
                return next;
            }

            var at = new DateTimeOffset(now, TimeSpan.Zero);
            if (_journal is not null && !EnsureJournaled(entry))
            {
                return now + _tickIntervalTicks; // nothing is applied while the journal cannot write
            }

            result = hall.Apply(in TickCommand, at);
            _journal?.AppendCommand(entry.Index, in TickCommand, at);
            if (entry.FailWhen is { } fail && fail(TickCommand))
            {
                ThrowHelper.InvalidOperation($"Injected fault in hall '{entry.Id}' (test hook).");
            }

            Publish(entry, hall.LastEvents);
            next = Due(hall);
            if (next <= now)
            {
                next = now + _tickIntervalTicks; // a hall that stays due must not make the shard spin on it
            }
        }
        catch (Exception ex) // the hall's state is unknown: isolate it; the other halls go on
        {
            result = Fault(entry, ex, CommandKind.Tick);
            next = long.MaxValue;
        }

        Tally.Applied(CommandKind.Tick, result.Error);
        return next;
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

    private static long Due(Hall hall) => hall.NextDueTicks;

    /// <summary>
    /// Before applying to a hall with a journal: records the hall first if the journal does not hold it yet; false
    /// when the journal failed (then nothing more is applied: it could not be made safe).
    /// </summary>
    private bool EnsureJournaled(HallEntry entry)
    {
        if (_journal!.Writer.Failure is not null)
        {
            return false;
        }

        if (!entry.Journaled)
        {
            _journal.AppendHall(entry);
        }

        return true;
    }

    /// <summary>Publishes the events now, or with a journal once their command's record is safe.</summary>
    private void Publish(HallEntry entry, ReadOnlySpan<HallEvent> events)
    {
        if (events.IsEmpty)
        {
            return;
        }

        if (_journal is null)
        {
            PublishNow(entry, events);
        }
        else
        {
            _journal.Hold(entry, events);
        }
    }

    /// <summary>Records the events in the hall's history and hands them to its subscribers (never blocks, never allocates).</summary>
    private void PublishNow(HallEntry entry, ReadOnlySpan<HallEvent> events)
    {
        entry.History?.Append(events);
        Tally.EventsPublished(events.Length);
        foreach (var subscriber in entry.Subscribers)
        {
            if (subscriber.Publish(events))
            {
                Lagged(entry, subscriber);
            }
        }
    }

    private void Lagged(HallEntry entry, SubscriptionBuffer subscriber)
    {
        Log.SubscriberLagged(_logger, entry.Id, subscriber.Capacity, subscriber.LastPublished);
        _metrics.SubscriberLagged(entry.Id);
    }
}
