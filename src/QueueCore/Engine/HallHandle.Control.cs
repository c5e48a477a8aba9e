using System.Diagnostics.CodeAnalysis;

namespace QueueCore;

/// <remarks>
/// This part: control calls, run on the hall's shard between two commands through its control queue, which a
/// full command ring never refuses.
/// </remarks>
public sealed partial class HallHandle
{
    /// <summary>
    /// A snapshot of the hall, taken on its shard between two commands (after every command queued before the call):
    /// events after <see cref="HallSnapshot.Sequence"/> follow it with no gap.
    /// </summary>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The other overload's first parameter (detail) is required.")]
    public ValueTask<HallSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        CallAsync(new SnapshotWorkItem(), cancellationToken);

    /// <summary>
    /// Takes a snapshot with as much as <paramref name="detail"/> asks for: <see cref="SnapshotDetail.Figures"/> (no
    /// waiting or parked tickets) for screens and dashboards that refresh often, <see cref="SnapshotDetail.Services"/>
    /// (the services' figures alone) for kiosks' waiting counts and estimates.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detail"/> is not a defined value.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "detail is required; GetSnapshotAsync() and GetSnapshotAsync(token) bind to the other overload.")]
    public ValueTask<HallSnapshot> GetSnapshotAsync(SnapshotDetail detail, CancellationToken cancellationToken = default)
    {
        Hall.ThrowIfUndefined(detail); // here, not on the shard: the caller's mistake
        return CallAsync(new SnapshotWorkItem(detail), cancellationToken);
    }

    /// <summary>
    /// The tickets <paramref name="window"/> would call, in the order it would call them, each with why it stands there
    /// (<see cref="Hall.GetWindowQueue(int, System.DateTimeOffset, int, int)"/>), taken on the hall's shard between two commands: what a clerk terminal or a
    /// dashboard shows. A page of <paramref name="count"/> (at most <see cref="Hall.MaxQueueViewPage"/>) from
    /// <paramref name="offset"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No such window, or the page is out of range.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<QueueView> GetWindowQueueAsync(int window, int offset = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return CallAsync(new QueueViewWorkItem(window, -1, offset, count), cancellationToken);
    }

    /// <summary>
    /// The tickets waiting for <paramref name="service"/> in dispatch order (<see cref="Hall.GetServiceQueue(int, System.DateTimeOffset, int, int)"/>), taken on
    /// the hall's shard between two commands.
    /// </summary>
    /// <exception cref="ArgumentException">No such service item, or the page is out of range.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<QueueView> GetServiceQueueAsync(int service, int offset = 0, int count = 50, CancellationToken cancellationToken = default) =>
        CallAsync(new QueueViewWorkItem(0, service, offset, count), cancellationToken);

    /// <summary>
    /// The first result of client request id <paramref name="requestId"/> (<see cref="Hall.TryGetRequestResult"/>), read on
    /// the hall's shard between two commands, or null when the hall remembers no such id. Like a snapshot, it sees only
    /// what is safe in the journal.
    /// </summary>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<CommandResult?> GetRequestResultAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        CallAsync(new RequestResultWorkItem(requestId), cancellationToken);

    /// <summary>
    /// The ticket whose service <paramref name="window"/> finished most recently today (<see cref="Hall.TryGetLastFinished"/>),
    /// read on the hall's shard between two commands: its id, 0 when the window finished none today (or the hall has no
    /// such window), or null when the hall cannot tell.
    /// </summary>
    /// <exception cref="HallFaultedException">The hall is faulted.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<long?> GetLastFinishedAsync(int window, CancellationToken cancellationToken = default) =>
        CallAsync(new LastFinishedWorkItem(window), cancellationToken);

    /// <summary>
    /// The hall's state (<see cref="Hall.SaveState"/>), taken on its shard between two commands: restore it with
    /// <see cref="RestoreAsync"/> or <see cref="QueueEngine.AddHall(HallDefinition, HallState)"/>.
    /// </summary>
    /// <exception cref="HallFaultedException">The hall is faulted (its state cannot be trusted).</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<HallState> SaveStateAsync(CancellationToken cancellationToken = default) =>
        CallAsync(new SaveStateWorkItem(), cancellationToken);

    /// <summary>
    /// Replaces the hall with one restored from <paramref name="state"/> on its current definition, on its shard
    /// between two commands. Clears a fault (the way back for a <see cref="QueueError.HallFaulted"/> hall) and the
    /// hall's event history; every subscriber is told it lagged and resynchronises, because sequence numbers restart
    /// from the state's. With a journal, returns once the restored hall's record is safe, as a command's result is
    /// (<see cref="JournalMode"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit the hall's definition.</exception>
    /// <exception cref="InvalidOperationException">
    /// The hall was removed, or redefined during the call, or its shard stopped after failures.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled (the restore may still happen).
    /// </exception>
    public async ValueTask RestoreAsync(HallState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var restored = Hall.Restore(Definition, state); // built and validated here, off the shard
        await CallAsync(new RestoreWorkItem(restored), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Redefines the hall at run time: on its shard between two commands, swaps in the hall built for
    /// <paramref name="definition"/>, keeping the day's queue and numbering, and publishes the events the change
    /// emits. Numbering goes on per prefix until the next day opens, across removed categories too: a category removed
    /// and added back the same day (or another one given its prefix) goes on after the prefix's last number today. Returns the hall's new definition (also in <see cref="Definition"/> from then on). With a journal, returns
    /// once the redefined hall's record is safe, as a command's result is (<see cref="JournalMode"/>): a caller that
    /// records the change elsewhere never gets ahead of the journal.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The definition is invalid (the message says why), has another hall id, or does not fit the running day (it
    /// leaves out an open window, or an item, category or class a live ticket has, changes the prefix of a category
    /// whose tickets are live, or gives a prefix that is a prefix numbering on today followed by digits, or the
    /// reverse: see <see cref="Hall.Redefine"/>); the hall is unchanged.
    /// </exception>
    /// <exception cref="HallFaultedException">The hall is faulted: restore it first.</exception>
    /// <exception cref="InvalidOperationException">The hall was removed (<see cref="HallRemovedException"/>), or its shard stopped after failures.</exception>
    /// <exception cref="ObjectDisposedException">The engine is shutting down.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled (the redefinition may still happen).
    /// </exception>
    public async ValueTask<HallDefinition> RedefineAsync(HallDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id != Id)
        {
            throw new ArgumentException($"A redefinition may not change the hall id ('{Id}' to '{definition.Id}').", nameof(definition));
        }

        _ = new Hall(definition); // validates off the shard, so a bad definition never costs the shard a build
        return await CallAsync(new RedefineWorkItem(definition), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<T> CallAsync<T>(ShardWorkItem<T> item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _shard.Post(item, _index);
        return await item.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
