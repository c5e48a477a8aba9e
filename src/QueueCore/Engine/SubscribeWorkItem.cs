namespace QueueCore;

/// <summary>
/// Attaches a subscription that resumes after a sequence number, on the hall's shard between two commands, so the
/// handover from the history to live events is race-free.
/// </summary>
internal sealed class SubscribeWorkItem : ShardWorkItem
{
    private readonly SubscriptionBuffer _subscription;
    private readonly long _afterSequence;

    public SubscribeWorkItem(SubscriptionBuffer subscription, long afterSequence)
    {
        _subscription = subscription;
        _afterSequence = afterSequence;
    }

    /// <inheritdoc/>
    public override void Execute(Shard shard, HallEntry? hall)
    {
        try
        {
            shard.Attach(hall, _subscription, _afterSequence);
        }
        catch
        {
            _subscription.Complete(); // never leave a reader waiting for events that cannot come
            throw;
        }
    }

    /// <inheritdoc/>
    public override void Cancel(Exception reason) => _subscription.Complete();
}
