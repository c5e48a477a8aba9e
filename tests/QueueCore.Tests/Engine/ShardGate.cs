namespace QueueCore.Tests.Engine;

/// <summary>
/// Parks a shard at a known point: posted as control work, it blocks the shard thread until released, so a test
/// can queue commands behind it deterministically (no sleeps).
/// </summary>
internal sealed class ShardGate : ShardWorkItem, IDisposable
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();

    /// <summary>Posts a gate to <paramref name="hall"/>'s shard and waits until the shard is parked on it.</summary>
    public static ShardGate Park(HallHandle hall)
    {
        var gate = new ShardGate();
        hall.Shard.Post(gate, hall.Entry.Index);
        Assert.True(gate._entered.Wait(EngineTestKit.Timeout), "the shard never reached the gate");
        return gate;
    }

    public override void Execute(Shard shard, HallEntry? hall)
    {
        _entered.Set();
        _release.Wait(TimeSpan.FromSeconds(30)); // bounded: a failing test must not park a shard forever
    }

    public void Release() => _release.Set();

    public void Dispose()
    {
        Release();
        _entered.Dispose();
    }
}
