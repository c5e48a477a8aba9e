using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

public class QueueCoreHealthCheckTests
{
    [Fact]
    public async Task CheckHealthAsync_RunningEngine_IsHealthyWithPerShardData()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 2));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        var result = await CheckAsync(engine);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0L, result.Data["shard.0.depth"]);
        Assert.Equal(true, result.Data["shard.1.running"]);
        Assert.Equal(0, result.Data["laggedSubscribers"]);
        Assert.Empty((string[])result.Data["faultedHalls"]);
    }

    [Fact]
    public async Task CheckHealthAsync_IngressAboveThreshold_IsDegraded()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1, capacity: 8));
        await using var lifetime = engine;

        HealthCheckResult result;
        using (var gate = ShardGate.Park(hall))
        {
            for (var i = 0; i < 6; i++)
            {
                _ = hall.IssueTicketAsync(1);
            }

            result = await CheckAsync(engine);
        }

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(6L, result.Data["shard.0.depth"]);
        Assert.Contains("ingress", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_LaggedSubscriber_IsDegradedUntilItResyncs()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        using var subscription = hall.Subscribe(bufferSize: 2);
        await EngineTestKit.OpenAsync(hall);
        for (var i = 0; i < 3; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        var lagged = await CheckAsync(engine);
        await subscription.ResyncAsync().Bounded();
        var resynced = await CheckAsync(engine);

        Assert.Equal(HealthStatus.Degraded, lagged.Status);
        Assert.Equal(1, lagged.Data["laggedSubscribers"]);
        Assert.Equal(HealthStatus.Healthy, resynced.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_FaultedHall_IsDegradedNamingItUntilRestored()
    {
        // One faulted hall is isolated, the others serve: Unhealthy told a load balancer to take every hall offline.
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        var state = await hall.SaveStateAsync().Bounded();
        hall.Entry.FailWhen = _ => true;
        await hall.OpenDayAsync().Bounded();
        hall.Entry.FailWhen = null;

        var faulted = await CheckAsync(engine);
        await hall.RestoreAsync(state).AsTask().WaitAsync(EngineTestKit.Timeout);
        var restored = await CheckAsync(engine);

        Assert.Equal(HealthStatus.Degraded, faulted.Status);
        Assert.Contains("faulted halls: h1", faulted.Description, StringComparison.Ordinal);
        Assert.Equal(["h1"], (string[])faulted.Data["faultedHalls"]);
        Assert.Equal(HealthStatus.Healthy, restored.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_ShardLoopStalled_IsUnhealthy()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1), time: time);
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall); // the loop has gone round at least once: it has a heartbeat

        HealthCheckResult result;
        using (var gate = ShardGate.Park(hall)) // a hall stuck in a command looks like this
        {
            time.Advance(TimeSpan.FromMinutes(1));
            result = await CheckAsync(engine, new QueueCoreHealthCheckOptions { HeartbeatTimeout = TimeSpan.FromSeconds(30) });
        }

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("has not gone round", result.Description, StringComparison.Ordinal);
        Assert.True((double)result.Data["shard.0.heartbeatAgeSeconds"] >= 60);
    }

    [Fact]
    public async Task CheckHealthAsync_StoppedEngine_IsUnhealthy()
    {
        var (engine, _) = EngineTestKit.Started();
        await engine.DisposeAsync();

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(engine)).Status);
    }

    [Fact]
    public async Task AddQueueCore_HealthChecksBuilder_RegistersTheEnginesCheck()
    {
        var services = new ServiceCollection().AddLogging().AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1);
            o.Halls.Add(EngineTestKit.Hall("city"));
        });
        services.AddHealthChecks().AddQueueCore(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(EngineTestKit.Timeout);

        var entry = Assert.Single(report.Entries);
        Assert.Equal("queuecore", entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Equal(["ready"], entry.Value.Tags);
    }

    [Theory]
    [InlineData(50.0, null, "DegradedDepthRatio", "50")] // meant as a percentage: the check would never degrade
    [InlineData(-0.1, null, "DegradedDepthRatio", "-0.1")] // always degraded
    [InlineData(double.NaN, null, "DegradedDepthRatio", "NaN")] // never degraded
    [InlineData(0.5, 0.0, "HeartbeatTimeout", "00:00:00")] // every running shard unhealthy
    [InlineData(0.5, -5.0, "HeartbeatTimeout", "-00:00:05")]
    public void AddQueueCore_HealthCheckThresholdOutOfRange_ThrowsNamingItAndTheValue(double ratio, double? heartbeatSeconds, string member, string value)
    {
        var builder = new ServiceCollection().AddHealthChecks();
        void Configure(QueueCoreHealthCheckOptions o)
        {
            o.DegradedDepthRatio = ratio;
            o.HeartbeatTimeout = heartbeatSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        }

        var registered = Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddQueueCore(configure: Configure));
        var options = new QueueCoreHealthCheckOptions();
        Configure(options);
        var (engine, _) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        using var lifetime = engine;
        var constructed = Assert.Throws<ArgumentOutOfRangeException>(() => new QueueCoreHealthCheck(engine, options));

        foreach (var error in (ArgumentOutOfRangeException[])[registered, constructed])
        {
            Assert.Equal(member, error.ParamName);
            Assert.Contains($"it is {value}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task QueueCoreHealthCheck_HeartbeatTimeoutNotLongerThanTheTickInterval_RefusedNamingBoth()
    {
        // A quiet shard goes round once a minute here: a 30-second timeout would report it stuck every quiet minute.
        var (engine, _) = EngineTestKit.Started(EngineTestKit.Options(shards: 1) with { TickInterval = TimeSpan.FromMinutes(1) });
        await using var lifetime = engine;

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new QueueCoreHealthCheck(engine, new QueueCoreHealthCheckOptions { HeartbeatTimeout = TimeSpan.FromSeconds(30) }));

        Assert.Equal("HeartbeatTimeout", error.ParamName); // the threshold, as when it is zero or less; not the whole options
        Assert.StartsWith("HeartbeatTimeout must be longer than the engine's TickInterval (00:01:00)", error.Message, StringComparison.Ordinal);
        Assert.Contains("TickInterval (00:01:00)", error.Message, StringComparison.Ordinal);
        Assert.Contains("it is 00:00:30", error.Message, StringComparison.Ordinal);
        _ = new QueueCoreHealthCheck(engine, new QueueCoreHealthCheckOptions { HeartbeatTimeout = TimeSpan.FromMinutes(2) });
    }

    [Fact]
    public async Task AddQueueCore_HeartbeatTimeoutNotLongerThanTheTickInterval_HostStartFailsNamingBoth()
    {
        // Registered through the builder, the check is built on the first health request: the host started, and every
        // request then threw, so the endpoint failed (a liveness probe restarting the pod) with the reason only in a log.
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1) with { TickInterval = TimeSpan.FromMinutes(1) };
            o.Halls.Add(EngineTestKit.Hall("city"));
        });
        builder.Services.AddHealthChecks().AddQueueCore(configure: o => o.HeartbeatTimeout = TimeSpan.FromSeconds(30));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync().WaitAsync(EngineTestKit.Timeout));

        Assert.StartsWith("HeartbeatTimeout must be longer than the engine's TickInterval (00:01:00)", error.Message, StringComparison.Ordinal);
        Assert.Contains("it is 00:00:30", error.Message, StringComparison.Ordinal);
    }

    private static Task<HealthCheckResult> CheckAsync(QueueEngine engine, QueueCoreHealthCheckOptions? options = null) =>
        new QueueCoreHealthCheck(engine, options).CheckHealthAsync(new HealthCheckContext()).WaitAsync(EngineTestKit.Timeout);
}
