namespace QueueCore.Demo;

/// <summary>The demo's virtual clock: the engine reads time only from its TimeProvider, so a whole day plays in a second.</summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
