namespace QueueCore;

/// <remarks>
/// <para>
/// This part: callers applying commands themselves (<see cref="QueueEngineOptions.ApplyOnCallingThread"/>). Handing
/// a command to the shard thread and its result back costs two thread switches, and on a busy server most of a
/// call's time is those switches, not the hall's work (a few microseconds). So when no thread is applying this
/// shard's commands, the submitting thread takes the shard's turn: it applies every queued command (its own among
/// them, so its result is ready before it awaits), then lets the turn go.
/// </para>
/// <para>
/// One thread at a time holds the turn (<c>_owner</c>: its managed thread id, 0 when free), taken with one CAS and
/// never waited for: a submitter that finds it taken leaves its command in the ring for the holder, who looks at the
/// ring once more after letting go (both sides fence between their write and their read, so one of them always sees
/// the other's). The shard thread takes the same turn for its timers and control work, and asks for it with
/// <c>_shardWantsTurn</c>, which keeps callers out until it has had it. The halls still see one thread at a time;
/// the turn's CAS and release order each holder's work after the last one's.
/// </para>
/// </remarks>
internal sealed partial class Shard
{
    /// <summary>Commands a caller applies in one turn before it hands what is left to the shard thread.</summary>
    private const int MaxInlineBatch = MaxBatch;

    /// <summary>The turn's holder once the shard stopped: no thread's id.</summary>
    private const long ClosedTurn = -1;

    private readonly bool _inline; // the option is on and there is no journal: callers may take the turn
    private PaddedLong _owner; // managed thread id of the turn's holder; 0 when free
    private PaddedLong _inlineOpen; // 1 from Start to BeginStop: callers may take the turn
    private PaddedLong _shardWantsTurn; // 1 while the shard thread waits for the turn: callers stay out
    private readonly bool _handOff; // inline, and callers' continuations run on the pool (QueueEngineOptions.RunContinuationsAsynchronously)
    private CommandCompletion? _inlineOwn; // the turn's holder's own command while a caller holds it (with _handOff)
    private long _armedFor = long.MaxValue; // UTC ticks the blocked shard's timer was armed for (written before it sleeps)

    /// <summary>Whether the calling thread holds this shard's turn (the shard thread or a caller applying inline).</summary>
    private bool HoldsTurn => _owner.Read() == Environment.CurrentManagedThreadId;

    private bool TryTakeTurn() => _owner.CompareExchange(Environment.CurrentManagedThreadId, 0) == 0; // full fence: acquire

    private void ReleaseTurn() => _owner.WriteFullFence(0); // full fence: released before we look at the ring again

    /// <summary>
    /// After queueing a command: applies the queued commands on this thread if no one else is, else leaves them to
    /// whoever holds the turn. Never waits.
    /// </summary>
    private void ApplyQueuedInline(CommandCompletion own)
    {
        var applied = 0;
        while (_shardWantsTurn.Read() == 0 && TryTakeTurn())
        {
            var earliest = _earliestDue;
            _inlineOwn = _handOff ? own : null;
            try
            {
                applied += Drain(MaxInlineBatch - applied);
            }
            catch (Exception ex) // an engine bug (Process guards the hall): the shard thread's loop takes over
            {
                Log.ShardLoopFailed(_logger, ex, Id, 0);
                _inlineOwn = null;
                ReleaseTurn();
                WakeIfSleeping(); // an awake shard looks at the ring before it sleeps
                return;
            }

            _inlineOwn = null;

            var dueMoved = _earliestDue < earliest || _clockNow >= _earliestDue; // read while holding the turn
            ReleaseTurn();
            if (dueMoved)
            {
                WakeIfTimerLate(); // an earlier due instant than the blocked shard armed for, or one already due
            }

            if (!_ring.HasPublished)
            {
                return; // nothing left; a command queued after this look was its submitter's to apply
            }

            if (applied >= MaxInlineBatch)
            {
                WakeIfSleeping(); // this caller has done its share: the rest is the shard thread's
                return;
            }
        }
    }

    /// <summary>
    /// The shard thread's turn, taken at the top of each round; false (and the turn asked for) while a caller holds
    /// it. Without inline callers the shard thread alone applies, and the turn is not used.
    /// </summary>
    private bool TakeShardTurn()
    {
        if (!_inline)
        {
            return true;
        }

        if (TryTakeTurn())
        {
            _shardWantsTurn.Write(0);
            return true;
        }

        _shardWantsTurn.WriteFullFence(1); // callers stop taking the turn; the holder's batch is bounded
        return false;
    }

    /// <summary>The shard thread lets its turn go at the end of a round (it looks at the ring again before it sleeps).</summary>
    private void EndShardTurn()
    {
        if (_inline)
        {
            ReleaseTurn();
        }
    }

    /// <summary>
    /// The shard thread takes the turn for good (stopped or given up): no caller applies from now on. Whoever holds it
    /// now finishes its bounded batch first. The turn is then left marked closed, not with this thread's id, which a
    /// later thread may be given.
    /// </summary>
    private void TakeTurnForGood()
    {
        if (!_inline || _owner.Read() == ClosedTurn)
        {
            return;
        }

        _inlineOpen.Write(0);
        if (!HoldsTurn)
        {
            _shardWantsTurn.WriteFullFence(1);
            var spinner = default(SpinWait);
            while (!TryTakeTurn())
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        _owner.Write(ClosedTurn);
    }

    /// <summary>
    /// Wakes the blocked shard when this turn moved the halls' earliest due instant before the one its timer was armed
    /// for, or applied at an instant past it: timers are the shard thread's, and it must not sleep through them.
    /// </summary>
    private void WakeIfTimerLate()
    {
        if (_sleeping.ReadFullFence() != 0) // full fence: pairs with Block's re-read of the due instant after announcing sleep
        {
            var due = Volatile.Read(ref _earliestDue);
            if (due < Volatile.Read(ref _armedFor) || _clockNow >= due)
            {
                WakeSlow();
            }
        }
    }
}
