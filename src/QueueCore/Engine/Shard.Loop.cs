using System.Runtime.CompilerServices;

namespace QueueCore;

/// <remarks>This part: the consumer loop, timers and the blocking half of the sleep handshake.</remarks>
internal sealed partial class Shard
{
    private const int MaxBatch = 256; // commands applied between two timer checks

    private long _earliestDue = long.MaxValue; // UTC ticks: no hall is due before this (may be early, never late)
    private long _nextScan; // UTC ticks: the next periodic timer check

    private void Run()
    {
        Log.ShardStarted(_logger, Id);
        try
        {
            switch (_options.WaitStrategy)
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
        }
        finally
        {
            Log.ShardStopped(_logger, Id);
            _stopped.TrySetResult();
        }
    }

    private void RunLoop<TIdle>()
        where TIdle : struct, IIdleStrategy
    {
        var idleCount = 0;
        while (true)
        {
            var applied = Drain();
            var now = _time.GetUtcNow().UtcTicks;
            if (now >= _earliestDue || now >= _nextScan)
            {
                RunTimers(now);
            }

            if (applied > 0)
            {
                idleCount = 0;
                continue;
            }

            // Only look at the ring's tail once stopping: reading it while idle would pull the producers' hot
            // cache line over to this core on every round.
            if (_stopping.Read() != 0 && _ring.IsClosedAndDrained)
            {
                return;
            }

            idleCount = default(TIdle).Idle(this, idleCount);
        }
    }

    /// <summary>Applies up to <see cref="MaxBatch"/> queued items; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Drain()
    {
        var n = 0;
        while (n < MaxBatch)
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
        while (!_ring.IsClosedAndDrained)
        {
            if (Drain() == 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1); // a producer claimed a slot and is still writing it
            }
        }
    }

    /// <summary>
    /// Blocks until a producer, the timer or a stop wakes the shard, or the tick interval passes. The consumer's
    /// half of the sleep handshake: announce sleep (full fence), look once more, only then wait.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Block()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var target = Math.Min(_earliestDue, _nextScan);
        if (target <= now)
        {
            return; // a timer is due: go round and fire it
        }

        // Re-armed on every block (only when idle, so cheap enough) rather than tracked, so an early or missed
        // timer can never leave a due hall waiting longer than one tick interval.
        _timer.Change(TimeSpan.FromTicks(target - now), Timeout.InfiniteTimeSpan);
        _wake.Reset();
        _sleeping.WriteFullFence(1); // full fence: the flag is visible before we look at the ring and the clock
        if (!Unsafe.IsNullRef(ref _ring.PeekHead()) || _ring.IsClosed || _time.GetUtcNow().UtcTicks >= target)
        {
            _sleeping.Write(0);
            return;
        }

        _wake.Wait(_options.TickInterval); // bounded in real time too, whatever the clock does
        _sleeping.Write(0);
    }
}
