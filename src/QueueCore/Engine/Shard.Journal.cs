namespace QueueCore;

/// <remarks>
/// This part: the journal. With a journal, every command the shard applies (ticks included, queries not) is
/// appended as a record with its instant; its result and events are held until the record is safe, then
/// released in order (events first, as without a journal). The shard never waits for the disk while it has
/// commands: it applies the next ones while the flusher writes and fsyncs the previous batch. Control work (snapshots,
/// saves, subscriptions from a sequence, redefinitions) waits until nothing is held, so it too sees only what is safe.
/// </remarks>
internal sealed partial class Shard
{
    private readonly ShardJournal? _journal;
    private readonly CommandResult _journalFailed;
    private PaddedLong _newHalls; // 1 when a hall was added that the journal has not recorded yet

    /// <summary>The shard's journal, or null when the engine runs in memory.</summary>
    internal ShardJournal? Journal => _journal;

    /// <summary>Why the journal stopped writing, if it did.</summary>
    public Exception? JournalFailure => _journal?.Writer.Failure;

    /// <summary>
    /// Records every hall the journal does not hold yet. The shard thread, or the engine's constructor before the
    /// thread starts (then the only thread touching the shard).
    /// </summary>
    internal void JournalNewHalls()
    {
        _newHalls.Write(0); // release: a hall added after this sets it again
        foreach (var entry in Halls)
        {
            if (!entry.Journaled && entry.IsActive)
            {
                _journal!.AppendHall(entry);
            }
        }
    }

    /// <summary>Commits what was appended and releases what is safe; returns how many results and runs were released.</summary>
    internal int CommitAndRelease()
    {
        var journal = _journal!;
        if (_newHalls.Read() != 0)
        {
            JournalNewHalls();
        }

        journal.Commit(Halls);
        return journal.CanRelease ? Release(journal) : 0;
    }

    /// <summary>Releases the held events and results whose records are safe (or fails them all if the journal failed).</summary>
    private int Release(ShardJournal journal, bool giveUp = false)
    {
        var durable = journal.Writer.DurablePosition;
        var failed = giveUp || journal.Writer.Failure is not null;
        var n = 0;
        var runs = journal.Runs;
        while (runs.Count != 0 && runs.Head.Position <= durable)
        {
            var run = runs.Head;
            if (run.Entry.IsActive)
            {
                PublishNow(run.Entry, journal.Events.Oldest(run.Count));
            }

            journal.Events.Skip(run.Count);
            runs.Skip(1);
            n++;
        }

        if (failed && runs.Count != 0)
        {
            // Never to be safe: nobody may see these events, nor the state they came from (a snapshot, and so a screen
            // that resynchronises from one, would show tickets a restart takes back). Their halls are isolated.
            while (runs.Count != 0)
            {
                IsolateUnsaved(runs.Head.Entry);
                journal.Events.Skip(runs.Head.Count);
                runs.Skip(1);
            }
        }

        var results = journal.Results;
        while (results.Count != 0 && (results.Head.Position <= durable || failed))
        {
            var held = results.Head;
            results.Skip(1);
            CompleteOrSkip(held.Completion, held.Position <= durable ? held.Result : _journalFailed, taken: true);
            n++;
        }

        var controls = journal.Controls;
        while (controls.Count != 0 && (controls.Peek().Position <= durable || failed))
        {
            var held = controls.Dequeue();
            try
            {
                if (held.Position <= durable)
                {
                    held.Item.CompleteHeld();
                }
                else
                {
                    if (held.Entry is not null)
                    {
                        IsolateUnsaved(held.Entry); // changed in memory, not on disk: shown nowhere, as unsaved commands
                    }

                    held.Item.Cancel(new InvalidOperationException(
                        $"Shard {Id}'s journal cannot write (see the logs: a full disk or an unwritable data directory), so the change was not saved and the hall is isolated; restart the engine once the journal works."));
                }
            }
            catch (Exception ex) // a waiter's continuation ran inline and threw: nothing more to do for it
            {
                Log.WorkItemFailed(_logger, ex, Id, held.Item.GetType().Name);
            }

            n++;
        }

        return n;
    }

    /// <summary>
    /// Shard thread, as control work finishes: when it appended records (a redefinition, a restore, a removal: the hall's
    /// new record), holds its answer until they are safe, as a command's result is, and returns true. Answered at once,
    /// a redefinition could be lost to a power cut after its caller was told it was made (and had recorded so, as the
    /// configured halls' record and the server's hall profiles do).
    /// </summary>
    internal bool HoldUntilSafe(ShardWorkItem item, HallEntry? entry)
    {
        if (_journal is null || _journal.Writer.AppendedPosition == item.AppendedBefore)
        {
            return false;
        }

        _journal.Controls.Enqueue(new HeldControl(item, entry, _journal.Writer.AppendedPosition));
        return true;
    }

    /// <summary>Whether control work is due and must wait for the journal to catch up (it sees only what is safe).</summary>
    private bool ControlWaitsForJournal() =>
        _journal!.HasHeld && _controlPending.Read() != 0 && _control.TryPeek(out var item) && item.After <= _ring.Taken;

    /// <summary>
    /// Stopping: commits what was appended and waits (bounded) until it is safe, then releases everything held. On
    /// the shard thread, or the stopping thread for a shard that never started.
    /// </summary>
    private void SettleJournal()
    {
        var journal = _journal!;
        // Counted in sleeps, not read from the clock: a test's frozen clock must not hang shutdown.
        var sleepsLeft = (long)Math.Min(_options.ShutdownTimeout.TotalMilliseconds, int.MaxValue);
        if (_newHalls.Read() != 0)
        {
            JournalNewHalls(); // halls added to an engine that stops before its shard went round
        }

        journal.Commit(Halls);
        while (journal.HasHeld)
        {
            if (journal.CanRelease)
            {
                Release(journal);
            }
            else if (sleepsLeft-- <= 0)
            {
                break;
            }
            else
            {
                Thread.Sleep(1); // only at shutdown
            }
        }

        if (journal.HasHeld)
        {
            Release(journal, giveUp: true); // the disk did not answer in time: callers are told, not left waiting
        }
    }

    /// <summary>
    /// Stopping: settles the journal, snapshots the halls when <paramref name="snapshot"/> (a clean stop: a restart, an
    /// upgrade's included, then replays no command) and closes it, which fsyncs the snapshots and only then archives the
    /// segments they cover. The snapshots may take half the shutdown timeout; past it they are left (logged) and the next
    /// start replays the commands since the last ones, as after a crash.
    /// </summary>
    private void CloseJournal(bool snapshot)
    {
        if (_journal is null)
        {
            return;
        }

        try
        {
            SettleJournal();
            var timeout = _options.ShutdownTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _options.ShutdownTimeout / 2;
            var stopSnapshot = snapshot && _options.Journal.SnapshotAtStop
                ? _journal.SnapshotAtStop(Halls, timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)timeout.TotalMilliseconds) // counted sleeps: a frozen test clock must not hang the stop
                : StopSnapshot.None;
            if (stopSnapshot == StopSnapshot.TimedOut)
            {
                Log.JournalStopSnapshotTimedOut(_logger, Id, timeout);
            }

            _journal.DisposeAsync().AsTask().GetAwaiter().GetResult(); // the flusher's last fsync; only at shutdown
            if (stopSnapshot == StopSnapshot.Written && _journal.Writer.Failure is null)
            {
                var snapshotted = Halls.Count(h => h.IsActive);
                Log.JournalStopSnapshotWritten(_logger, Id, snapshotted);
            }
        }
        catch (Exception ex) // a failing disk at shutdown: logged by the flusher; the shard still stops
        {
            Log.WorkItemFailed(_logger, ex, Id, nameof(CloseJournal));
        }
    }
}
