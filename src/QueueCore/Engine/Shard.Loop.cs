using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>
/// This part: the consumer loop, timers and the blocking half of the sleep handshake. Everything the loop calls
/// out to (the clock, the logger, metrics listeners, halls) is guarded where it is called; the catch-all here is
/// for the engine's own bugs: the loop goes round again, and after <see cref="MaxConsecutiveFailures"/> failed
/// rounds in a row it gives up, completing every queued and later command with Unavailable.
/// </remarks>
internal sealed partial class Shard
{
    internal const int MaxBatch = 256; // commands applied between two timer and control checks (and journal commits)
    private const int MaxConsecutiveFailures = 5;

    private long _earliestDue = long.MaxValue; // UTC ticks: no hall is due before this (may be early, never late)
    private long _nextScan; // UTC ticks: the next periodic timer check
    private int _consecutiveFailures;

    /// <summary>Test hook: runs at the top of every loop round, outside the per-command guards.</summary>
    internal Action? BeforeEachRound { get; set; }

    private void Run()
    {
        var clean = false;
        try
        {
            Log.ShardStarted(_logger, Id);
            clean = RunGuarded();
        }
        finally
        {
            try
            {
                if (!clean)
                {
                    Abandon(); // whatever ended the loop, no command may be left waiting
                }

                TakeTurnForGood(); // a clean loop returns holding it; the work below is the shard thread's alone

                if (_journal is not null)
                {
                    SettleJournal(); // control work below sees only what is safe
                }

                CloseControl(run: clean);
                CloseJournal(snapshot: clean); // an abandoned shard's halls are not snapshotted: the next start replays them
            }
            finally
            {
                Log.ShardStopped(_logger, Id);
                _stopped.TrySetResult();
            }
        }
    }

    /// <summary>Runs the loop until it stops cleanly (true) or fails too often in a row (false).</summary>
    private bool RunGuarded()
    {
        while (true)
        {
            try
            {
                switch (_inline ? WaitStrategy.Blocking : _options.WaitStrategy)
                {
                    case WaitStrategy.BusySpin:
                        RunLoop<BusySpinIdle>();
                        break;
                    case WaitStrategy.Blocking:
                        RunLoop<BlockingIdle>();
                        break;
                    default:
                        RunLoop<SpinThenBlockIdle>();
                        break;
                }

                return true;
            }
            catch (Exception ex) // an engine bug: every command already taken was completed; go round again
            {
                if (HoldsTurn)
                {
                    ReleaseTurn(); // callers may apply again while the loop backs off
                }

                _consecutiveFailures++;
                Log.ShardLoopFailed(_logger, ex, Id, _consecutiveFailures);
                if (_consecutiveFailures >= MaxConsecutiveFailures)
                {
                    Log.ShardAbandoned(_logger, Id, _consecutiveFailures);
                    return false;
                }

                Thread.Sleep(1 << _consecutiveFailures); // back off (2 to 16 ms) rather than spin on a persistent failure
            }
        }
    }

    private void RunLoop<TIdle>()
        where TIdle : struct, IIdleStrategy
    {
        var idleCount = 0;
        var waitForTurn = default(SpinWait);
        while (true)
        {
            BeforeEachRound?.Invoke();
            if (!TakeShardTurn())
            {
                // A caller is applying a bounded batch and no caller takes the turn next; if it is stuck in a hall, the
                // wait backs off to sleeping (the heartbeat stops meanwhile, so health checks see the stall).
                waitForTurn.SpinOnce();
                continue;
            }

            waitForTurn.Reset();

            var worked = _journal is not null && ControlWaitsForJournal() ? 0 : Drain();

            // Idle rounds read the clock one in 16: timers need milliseconds, and the read was a twentieth of the
            // thread's time while it spun.
            if ((worked != 0 || (idleCount & 15) == 0) && TryReadClock(out var now))
            {
                _heartbeat.Write(now); // release: health checks on other threads read it
                if (now >= _earliestDue || now >= _nextScan)
                {
                    RunTimers(now);
                }
            }

            if (_journal is not null)
            {
                worked += CommitAndRelease(); // after the timers, so a tick's record goes out in this round
            }

            if (_controlPending.Read() != 0 && _journal?.HasHeld != true)
            {
                worked += RunControl(); // counts as work: the records it appended are committed next round
            }

            _consecutiveFailures = 0;
            if (worked > 0)
            {
                EndShardTurn();
                idleCount = 0;
                continue;
            }

            // Only look at the ring's tail once stopping: reading it while idle would pull the producers' hot
            // cache line over to this core on every round.
            if (_stopping.Read() != 0 && _ring.IsClosedAndDrained && _journal?.HasHeld != true)
            {
                return; // keeping the turn: nothing is applied after the stop, by this thread or a caller
            }

            EndShardTurn();
            idleCount = default(TIdle).Idle(this, idleCount);
        }
    }

    /// <summary>Applies up to <see cref="MaxBatch"/> queued commands; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Drain() => Drain(MaxBatch);

    /// <summary>Applies up to <paramref name="limit"/> queued commands; returns how many. The turn's holder only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Drain(int limit)
    {
        var n = 0;
        _clockCovers = 0; // each batch reads the clock afresh: the timers may have run on a later reading since the last
        while (n < limit)
        {
            ref var slot = ref _ring.PeekHead();
            if (Unsafe.IsNullRef(ref slot))
            {
                break;
            }

            Process(ref slot);
            n++;
        }

        return n;
    }

    /// <summary>After <see cref="BeginStop"/> on a shard that never started: the caller applies what was queued.</summary>
    private void DrainAfterClose()
    {
        var spinner = default(SpinWait);
        while (!_ring.IsClosedAndDrained || _controlPending.Read() != 0)
        {
            if (_journal is not null)
            {
                SettleJournal(); // the control work below sees only what is safe
            }

            if (Drain() + RunControl() == 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1); // a producer claimed a slot and is still writing it
            }
        }
    }

    /// <summary>
    /// Blocks until a producer, control work, the timer or a stop wakes the shard, or the tick interval passes. The
    /// consumer's half of the sleep handshake: announce sleep (full fence), look once more, only then wait.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Block()
    {
        var target = long.MaxValue; // unknown while the clock fails: then only the bounded wait below wakes us for timers
        if (TryReadClock(out var now))
        {
            target = Math.Min(_earliestDue, _nextScan);
            if (target <= now)
            {
                return; // a timer is due: go round and fire it
            }

            ArmTimer(TimeSpan.FromTicks(target - now));
        }

        Volatile.Write(ref _armedFor, target); // read by inline callers that move the due instant earlier (WakeIfTimerLate)
        _wake.Reset();
        _sleeping.WriteFullFence(1); // full fence: the flag is visible before we look at the ring, the control queue and the clock
        if (RingNeedsShard() || _ring.IsClosed || Volatile.Read(ref _earliestDue) < target || _controlPending.Read() != 0 || _journal?.CanRelease == true || _journal?.SnapshotReady == true
            || (target != long.MaxValue && TryReadClock(out now) && now >= target))
        {
            _sleeping.Write(0);
            return;
        }

        _wake.Wait(_options.TickInterval); // bounded in real time too, whatever the clock does
        _sleeping.Write(0);
    }

    /// <summary>
    /// Whether the ring holds a command only this thread will apply. With inline callers, a command queued while a
    /// caller holds the turn is that caller's to apply (it looks at the ring again after letting go), so the shard
    /// sleeps on instead of waking for every command of a busy caller.
    /// </summary>
    private bool RingNeedsShard() => _inline
        ? _ring.HasPublished && _owner.Read() == 0
        : !Unsafe.IsNullRef(ref _ring.PeekHead());

    /// <summary>
    /// Re-armed on every block (only when idle, so cheap enough) rather than tracked, so an early or missed timer can
    /// never leave a due hall waiting longer than one tick interval.
    /// </summary>
    private void ArmTimer(TimeSpan dueIn)
    {
        try
        {
            _timer.Change(dueIn, Timeout.InfiniteTimeSpan);
        }
        catch (Exception ex) // the clock's timer is the clock's code: the bounded wait still wakes us
        {
            Log.ClockFailed(_logger, ex, Id);
        }
    }

    /// <summary>Reads the engine clock; false (logged once per outage) when it throws.</summary>
    private bool TryReadClock(out long utcTicks)
    {
        try
        {
            utcTicks = _time.GetUtcNow().UtcTicks;
        }
        catch (Exception ex) // a broken clock: refuse commands and skip timers, but keep the loop alive
        {
            utcTicks = 0;
            if (!_clockFailing)
            {
                _clockFailing = true;
                Log.ClockFailed(_logger, ex, Id);
            }

            return false;
        }

        if (_clockFailing)
        {
            _clockFailing = false;
            Log.ClockRecovered(_logger, Id);
        }

        return true;
    }

    /// <summary>
    /// Gives up (on the shard thread): closes the ring and completes every queued command with Unavailable; later
    /// submits get the same. Subscriptions of its halls complete (no event will come). Control work is cancelled by
    /// <see cref="CloseControl"/>.
    /// </summary>
    private void Abandon()
    {
        TakeTurnForGood(); // no caller applies from now on
        _dead.WriteFullFence(1); // full fence: visible before we detach subscribers (pairs with the check after Add) and to submitters
        _ring.Close();
        foreach (var entry in Halls)
        {
            foreach (var subscriber in entry.DetachAll())
            {
                subscriber.Complete();
            }
        }

        var spinner = default(SpinWait);
        while (!_ring.IsClosedAndDrained)
        {
            ref var slot = ref _ring.PeekHead();
            if (Unsafe.IsNullRef(ref slot))
            {
                spinner.SpinOnce(sleep1Threshold: -1); // a producer claimed a slot and is still writing it
                continue;
            }

            var completion = slot.Completion!;
            _ring.ReleaseHead(ref slot);
            CompleteOrSkip(completion, in _abandoned);
        }
    }
}
