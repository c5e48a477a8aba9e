namespace QueueCore.Grpc.Load.Servers;

/// <summary>
/// The real server's engine options that the load generator varies (<c>QueueCore:Engine</c>): shards, how an idle
/// shard waits, and whether callers' continuations run on the thread pool (the default) or on the shard thread.
/// </summary>
internal sealed record EngineChoice(int ShardCount, WaitStrategy Wait, bool ContinuationsOnPool = true)
{
    /// <summary>What the server ships in appsettings.json (ShardCount 1) with the engine's default wait strategy.</summary>
    public static readonly EngineChoice Default = new(1, WaitStrategy.SpinThenBlock);

    public override string ToString() =>
        $"ShardCount={ShardCount}, WaitStrategy={Wait}{(ContinuationsOnPool ? "" : ", RunContinuationsAsynchronously=false")}";
}
