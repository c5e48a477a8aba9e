using System.Diagnostics.CodeAnalysis;

namespace QueueCore;

/// <remarks>This part: the reader's side.</remarks>
internal sealed partial class SubscriptionBuffer
{
    private ReaderSignal _signal = new();
    private bool _atLossPoint; // reader only: read everything before a loss; cleared by Resync
    private long _lastDelivered; // reader only
    private long _skipThrough; // reader only: events up to this sequence are in the snapshot resynced from

    /// <summary>
    /// Reads the next event if one is buffered. False when none is, when the subscription completed, or when the
    /// reader has reached a point of loss (then <see cref="Lagged"/> is true: call
    /// <see cref="ResyncAsync(CancellationToken)"/>).
    /// </summary>
    public bool TryRead(out HallEvent hallEvent)
    {
        while (true)
        {
            if (_atLossPoint)
            {
                hallEvent = default;
                return false;
            }

            var head = _head.ReadOwn();
            var overflow = _overflow.Read(); // before the tail: every event written before the loss is then seen
            var tail = _tail.Read(); // acquire: the events up to the tail are visible
            if (head < tail)
            {
                hallEvent = _buffer[(int)head & _mask];
                _head.Write(head + 1); // release: the cell is copied out before the shard may reuse it
                if (hallEvent.Sequence <= _skipThrough)
                {
                    continue; // already in the snapshot the reader resynced from
                }

                _lastDelivered = hallEvent.Sequence;
                return true;
            }

            if (overflow != 0)
            {
                _atLossPoint = true;
                _overflow.Write(0); // the shard resumes now, so a snapshot taken after this misses nothing
            }

            hallEvent = default;
            return false;
        }
    }

    /// <summary>
    /// Waits until an event can be read, the reader reached a point of loss (<see cref="Lagged"/>), or the
    /// subscription completed with nothing left (false). True does not promise that <see cref="TryRead"/>
    /// succeeds (it may skip events a resync covered); loop.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (HasSomethingToRead())
        {
            return new ValueTask<bool>(true);
        }

        if (_completed.Read() != 0)
        {
            return new ValueTask<bool>(HasSomethingToRead()); // the last events may have landed just before completion
        }

        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<bool>(cancellationToken)
            : WaitSlow(cancellationToken);
    }

    /// <summary>Reads the next event, waiting if needed; or says the reader lagged, or that the subscription ended.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<EventRead> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = TryReadOutcome();
        return now.HasValue ? new ValueTask<EventRead>(now.Value) : ReadSlowAsync(cancellationToken);
    }

    /// <summary>Reader only: true once the reader read everything before a loss, until it resynchronises.</summary>
    public bool AtLossPoint => _atLossPoint;

    /// <summary>
    /// Continues after a loss from <paramref name="snapshot"/>, which must have been taken after the reader was
    /// told it lagged: buffered events the snapshot already covers are skipped. The snapshot's sequence is taken as
    /// it is, even if lower than what the reader saw: a restored hall numbers its events from its saved state.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is of another hall.</exception>
    public void Resync(HallSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_hall is not null && snapshot.HallId != _hall.Id)
        {
            throw new ArgumentException($"The snapshot is of hall '{snapshot.HallId}', not '{_hall.Id}'.", nameof(snapshot));
        }

        _skipThrough = snapshot.Sequence;
        _lastDelivered = snapshot.Sequence;
        _atLossPoint = false;
    }

    /// <summary>
    /// Takes a fresh snapshot of the hall (on its shard) and continues from it: the events read next are exactly
    /// those after <see cref="HallSnapshot.Sequence"/>. Call it when a read reported <see cref="EventReadStatus.Lagged"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A detached subscription (no hall), or the hall was removed.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted: resynchronise again once it is restored.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The other overload's first parameter (detail) is required.")]
    public ValueTask<HallSnapshot> ResyncAsync(CancellationToken cancellationToken = default) =>
        ResyncAsync(SnapshotDetail.Full, cancellationToken);

    /// <summary>
    /// As <see cref="ResyncAsync(CancellationToken)"/>, from a snapshot with as much as <paramref name="detail"/> asks
    /// for (<see cref="HallHandle.GetSnapshotAsync(SnapshotDetail, CancellationToken)"/>): e.g.
    /// <see cref="SnapshotDetail.RecentCalls"/> for a reader that rebuilds a screen's recent calls from it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detail"/> is not a defined value.</exception>
    /// <exception cref="InvalidOperationException">A detached subscription (no hall), or the hall was removed.</exception>
    /// <exception cref="HallFaultedException">The hall is faulted: resynchronise again once it is restored.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "detail is required; ResyncAsync() and ResyncAsync(token) bind to the other overload.")]
    public async ValueTask<HallSnapshot> ResyncAsync(SnapshotDetail detail, CancellationToken cancellationToken = default)
    {
        Hall.ThrowIfUndefined(detail); // before reading on: the caller's mistake must not cost the reader its place
        if (_hall is null)
        {
            throw new InvalidOperationException("This subscription is not attached to a hall.");
        }

        // Reach the point of loss first (if not there yet), so the shard is writing again before the snapshot.
        while (TryRead(out _))
        {
        }

        var snapshot = await _hall.GetSnapshotAsync(detail, cancellationToken).ConfigureAwait(false);
        Resync(snapshot);
        return snapshot;
    }

    private bool HasSomethingToRead() =>
        _atLossPoint || _overflow.Read() != 0 || _tail.Read() > _head.Read();

    private EventRead? TryReadOutcome()
    {
        if (TryRead(out var e))
        {
            return EventRead.Of(e);
        }

        if (_atLossPoint)
        {
            return EventRead.Lag(_lastDelivered);
        }

        return _completed.Read() != 0 && !HasSomethingToRead() ? EventRead.End(_lastDelivered) : null;
    }

    private async ValueTask<EventRead> ReadSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadOutcome() is { } outcome)
            {
                return outcome;
            }

            await WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask<bool> WaitSlow(CancellationToken cancellationToken)
    {
        if (!_signal.IsFree)
        {
            _signal = new ReaderSignal(); // rare: the last completer is still inside SetResult
        }

        var wait = _signal.Prepare();
        _readerWaiting.WriteFullFence(1); // full fence: announce the wait before the last look
        if (HasSomethingToRead() || _completed.Read() != 0)
        {
            if (_readerWaiting.CompareExchange(0, 1) == 1) // still ours: nobody will complete the signal
            {
                _signal.Abandon();
                return new ValueTask<bool>(HasSomethingToRead());
            }

            return wait; // a completer won the flag and is completing the signal right now
        }

        if (cancellationToken.CanBeCanceled)
        {
            _signal.Register(static (s, ct) => ((SubscriptionBuffer)s!).CancelWait(ct), this, cancellationToken);
        }

        return wait;
    }

    private void CancelWait(CancellationToken cancellationToken)
    {
        if (_readerWaiting.CompareExchange(0, 1) == 1) // one completer per wait
        {
            _signal.Fail(new OperationCanceledException(cancellationToken));
        }
    }
}
