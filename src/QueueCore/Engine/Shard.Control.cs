using System.Collections.Concurrent;

namespace QueueCore;

/// <remarks>
/// This part: the control path. Control work (snapshots, saves, restores, redefinitions, removals, subscriptions
/// from a sequence) has its own unbounded queue, so a full command ring never refuses it; a padded counter tells
/// the shard there is some, checked once per drained batch and before blocking, and posting wakes the shard the
/// way a command does. Each item runs once the shard has taken every command queued before it was posted.
/// </remarks>
internal sealed partial class Shard
{
    private readonly ConcurrentQueue<ShardWorkItem> _control = new();
    private PaddedLong _controlPending; // items enqueued and not yet dequeued
    private PaddedLong _controlClosed; // 1 once the shard stopped taking control work

    /// <summary>
    /// Queues control work for hall <paramref name="hallIndex"/> (or -1). Any thread; never refused: once the shard
    /// has stopped, the item is cancelled instead (<see cref="ShardWorkItem.Cancel"/>).
    /// </summary>
    public void Post(ShardWorkItem item, int hallIndex)
    {
        item.HallIndex = hallIndex;
        item.After = _ring.Position;
        _control.Enqueue(item);
        _controlPending.Add(1); // full fence: counted before we look at the closed and sleeping flags
        if (_controlClosed.Read() != 0)
        {
            CancelControl(); // the shard is gone (or going): whoever finds items after the close cancels them
            return;
        }

        WakeIfSleeping();
    }

    /// <summary>Why control work posted now cannot run.</summary>
    public Exception StoppedException() => IsAbandoned
        ? new InvalidOperationException($"Shard {Id} stopped after repeated failures (see the logs).")
        : new ObjectDisposedException(nameof(QueueEngine), "The engine is shutting down.");

    /// <summary>Runs the control items that are due (every command queued before them taken); returns how many.</summary>
    private int RunControl()
    {
        var taken = _ring.Taken;
        var n = 0;

        // The shard is the only consumer while the queue is open, so the item peeked is the item dequeued.
        while (_control.TryPeek(out var item) && item.After <= taken && _control.TryDequeue(out item))
        {
            _controlPending.Add(-1); // full fence: rare
            RunWorkItem(item);
            n++;
        }

        return n;
    }

    /// <summary>The shard is stopping: no more control work; what is queued runs (<paramref name="run"/>) or is cancelled.</summary>
    private void CloseControl(bool run)
    {
        _controlClosed.WriteFullFence(1); // full fence: a poster that enqueues after this sees it and cancels its own
        while (_control.TryDequeue(out var item))
        {
            _controlPending.Add(-1); // full fence: rare
            if (run)
            {
                RunWorkItem(item);
            }
            else
            {
                Cancel(item);
            }
        }
    }

    private void CancelControl()
    {
        while (_control.TryDequeue(out var item))
        {
            _controlPending.Add(-1); // full fence: rare
            Cancel(item);
        }
    }

    private void Cancel(ShardWorkItem item)
    {
        try
        {
            item.Cancel(StoppedException());
        }
        catch (Exception ex) // a waiter's continuation ran inline and threw: nothing more to do for it
        {
            Log.WorkItemFailed(_logger, ex, Id, item.GetType().Name);
        }
    }

    private void RunWorkItem(ShardWorkItem item)
    {
        var halls = Halls;
        var entry = (uint)item.HallIndex < (uint)halls.Length ? halls[item.HallIndex] : null;
        try
        {
            item.AppendedBefore = _journal?.Writer.AppendedPosition ?? 0;
            item.Execute(this, entry);
        }
        catch (Exception ex) // same rule as commands: log, keep the shard alive
        {
            Log.WorkItemFailed(_logger, ex, Id, item.GetType().Name);
        }
    }
}
