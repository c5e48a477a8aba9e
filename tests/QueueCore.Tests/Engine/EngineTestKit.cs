namespace QueueCore.Tests.Engine;

/// <summary>Halls, engines and bounded waits for engine tests.</summary>
internal static class EngineTestKit
{
    /// <summary>
    /// Every await in these tests is bounded by this, so a bug fails instead of hanging. Generous on purpose, as the
    /// server tests' bound is: it only ends a test that would otherwise hang, and on the shared two-core CI machine (load
    /// 40 and more while other builds run) a thread kept off its core for several seconds happens.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static readonly DateTimeOffset Morning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>One category, one service (optionally with a wait limit), <paramref name="windows"/> windows serving it.</summary>
    public static HallDefinition Hall(string id = "h1", int windows = 1, TimeSpan? waitLimit = null) => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", WaitLimit = waitLimit }],
        Windows = [.. Enumerable.Range(1, windows).Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }] })],
    };

    /// <summary>Small rings and few shards, so many engines can live side by side in a test run.</summary>
    public static QueueEngineOptions Options(int shards = 2, int capacity = 1024) =>
        new() { ShardCount = shards, IngressCapacity = capacity, SubscriberBufferSize = 1024 };

    /// <summary>A started engine with one hall.</summary>
    public static (QueueEngine Engine, HallHandle Hall) Started(QueueEngineOptions? options = null, HallDefinition? hall = null, TimeProvider? time = null)
    {
        var engine = new QueueEngine(options ?? Options(), time);
        var handle = engine.AddHall(hall ?? Hall());
        engine.Start();
        return (engine, handle);
    }

    /// <summary>Opens the day and the given windows, asserting success.</summary>
    public static async Task OpenAsync(HallHandle hall, params int[] windows)
    {
        Assert.Equal(QueueError.None, (await hall.OpenDayAsync().AsTask().WaitAsync(Timeout)).Error);
        foreach (var w in windows)
        {
            var r = await hall.OpenWindowAsync(w, clerk: 100 + w).AsTask().WaitAsync(Timeout);
            Assert.True(r.IsSuccess, r.ToString());
        }
    }

    /// <summary>Awaits with the default bound.</summary>
    public static Task<T> Bounded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);
}
