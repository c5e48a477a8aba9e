namespace QueueCore.Tests.Engine;

/// <summary>The system clock, except that reading it throws while <see cref="Failing"/> is set.</summary>
internal sealed class FlakyClock : TimeProvider
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public override DateTimeOffset GetUtcNow() => _failing ? throw new InvalidOperationException("a broken clock") : System.GetUtcNow();
}
