namespace QueueCore;

/// <summary>A <see cref="ShardWorkItem"/> with a result: what it returns or throws on the shard reaches the caller.</summary>
internal abstract class ShardWorkItem<T> : ShardWorkItem
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _held; // the result of a run whose record is not safe yet

    /// <summary>The result, once the shard ran the item (or the item was cancelled).</summary>
    public Task<T> Task => _result.Task;

    /// <inheritdoc/>
    public sealed override void Execute(Shard shard, HallEntry? hall)
    {
        T value;
        try
        {
            value = Run(shard, hall);
        }
        catch (Exception ex) // the caller sees it, the shard goes on
        {
            _result.TrySetException(ex);
            return;
        }

        if (shard.HoldUntilSafe(this, hall))
        {
            _held = value; // the change is journaled: answered once its record is safe, as a command is (CompleteHeld)
            return;
        }

        _result.TrySetResult(value);
    }

    /// <inheritdoc/>
    public sealed override void CompleteHeld() => _result.TrySetResult(_held!);

    /// <inheritdoc/>
    public sealed override void Cancel(Exception reason) => _result.TrySetException(reason);

    /// <summary>The work, on the shard thread.</summary>
    protected abstract T Run(Shard shard, HallEntry? hall);

    /// <summary>The hall to work on: throws when it was removed or is faulted.</summary>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed.</exception>
    protected static Hall Usable(HallEntry? entry)
    {
        var hall = Present(entry);
        if (entry!.IsFaulted)
        {
            throw entry.Refusal.Error == QueueError.HallFaulted
                ? new HallFaultedException(entry.Id)
                : new HallFaultedException(entry.Id, entry.Refusal.Message!); // isolated for another reason (unsaved commands)
        }

        return hall;
    }

    /// <summary>The hall to work on, faulted or not: throws when it was removed.</summary>
    /// <exception cref="HallRemovedException">The hall was removed.</exception>
    protected static Hall Present(HallEntry? entry) =>
        entry?.HallOrNull ?? throw new HallRemovedException(entry?.Id ?? "");
}
