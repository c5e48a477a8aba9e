using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.DependencyInjection;

public class QueueEngineHostedServiceTests
{
    private static IHost Host(string appSettings, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(EngineTestKit.Morning));
        builder.Services.AddQueueCore(builder.Configuration.GetSection("QueueCore"));
        services?.Invoke(builder.Services);
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appSettings))); // after AddQueueCore: still read
        return builder.Build();
    }

    [Fact]
    public async Task StartAsync_HallsFromConfiguration_StartsTheEngineWithThem()
    {
        using var host = Host(ConfigurationKit.AppSettings());

        await host.StartAsync().WaitAsync(EngineTestKit.Timeout);

        var engine = host.Services.GetRequiredService<QueueEngine>();
        Assert.True(engine.TryGetHall("county-center", out var hall));
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
        await host.StopAsync().WaitAsync(EngineTestKit.Timeout);
    }

    [Fact]
    public async Task StartAsync_InvalidHall_FailsWithTheHallsMessage()
    {
        using var host = Host(ConfigurationKit.AppSettings().Replace(
            "{ \"Id\": 102, \"Category\": \"business\" }", "{ \"Id\": 102, \"Category\": \"tax\" }", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync().WaitAsync(EngineTestKit.Timeout));

        Assert.StartsWith("Hall 'county-center': service item 102 names unknown category 'tax'.", error.Message, StringComparison.Ordinal);
        Assert.Equal("definition", error.ParamName);
    }

    [Fact]
    public async Task StartAsync_RestatedDefaultClassAddedTwice_FailsWithTheHallsMessage()
    {
        using var host = Host(ConfigurationKit.AppSettings("""
            "Priority": { "Classes": [ { "Id": "normal" }, { "Id": "elderly" }, { "Id": "elderly" } ] }
            """));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync().WaitAsync(EngineTestKit.Timeout));

        Assert.Contains("Hall 'county-center': priority class 'elderly' is defined twice (Priority.Classes[", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ValueThatDoesNotConvert_FailsWithThePath()
    {
        using var host = Host(ConfigurationKit.AppSettings().Replace("\"DailyCap\": 50", "\"DailyCap\": \"fifty\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(EngineTestKit.Timeout));

        Assert.Contains("'fifty' at 'QueueCore:Halls:0:Services:3:DailyCap'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_DrainsTheEngine()
    {
        using var host = Host(ConfigurationKit.AppSettings());
        await host.StartAsync().WaitAsync(EngineTestKit.Timeout);
        var engine = host.Services.GetRequiredService<QueueEngine>();
        Assert.True(engine.TryGetHall("county-center", out var hall));
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);

        // Submitted and not awaited before the stop: the drain still applies every one.
        var issued = Enumerable.Range(0, 100).Select(_ => hall.IssueTicketAsync(102).AsTask()).ToList();
        await host.StopAsync().WaitAsync(EngineTestKit.Timeout);

        Assert.All(await Task.WhenAll(issued).WaitAsync(EngineTestKit.Timeout), r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(QueueError.Unavailable, (await hall.IssueTicketAsync(102).Bounded()).Error);
        Assert.Throws<ObjectDisposedException>(engine.Start);
    }

    [Fact]
    public async Task StopAsync_HostShutdownTimeoutPassesWhileTheEngineDrains_StopSucceedsAndDisposalFinishesTheDrain()
    {
        // The drain outlasted the host's shutdown timeout (a slow disk under the journal, a loaded machine): the host's
        // stop failed with TaskCanceledException, so a server ended with an unhandled exception (and the tests' servers
        // failed to stop under load) although the drain went on and disposing the host waited for it.
        var logs = new TestLoggerProvider();
        using var host = Host(ConfigurationKit.AppSettings(), services => services
            .AddLogging(b => b.AddProvider(logs))
            .Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(100)));
        await host.StartAsync().WaitAsync(EngineTestKit.Timeout);
        var engine = host.Services.GetRequiredService<QueueEngine>();
        Assert.True(engine.TryGetHall("county-center", out var hall));
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
        using var gate = ShardGate.Park(hall); // the drain cannot finish before the host's timeout
        var queued = hall.IssueTicketAsync(102).AsTask();

        await host.StopAsync().WaitAsync(EngineTestKit.Timeout);

        Assert.False(queued.IsCompleted);
        Assert.True(logs.Logged(1046), "the drain outlasting the host's stop is logged");
        var disposing = Task.Run(host.Dispose);
        gate.Dispose();
        await disposing.WaitAsync(EngineTestKit.Timeout); // waits for the drain
        Assert.True((await queued.WaitAsync(EngineTestKit.Timeout)).IsSuccess);
    }

    [Fact]
    public async Task StopAsync_WhileProducersSubmit_EveryCallerGetsAResultNoneHangs()
    {
        using var host = Host(ConfigurationKit.AppSettings());
        await host.StartAsync().WaitAsync(EngineTestKit.Timeout);
        var engine = host.Services.GetRequiredService<QueueEngine>();
        Assert.True(engine.TryGetHall("county-center", out var hall));
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
        var running = new CountdownEvent(4);
        var producers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var results = new List<CommandResult>();
            running.Signal();
            while (true)
            {
                var r = await hall.IssueTicketAsync(102); // results, never exceptions
                results.Add(r);
                if (r.Error == QueueError.Unavailable)
                {
                    return results;
                }
            }
        })).ToList();
        var control = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    await hall.GetSnapshotAsync();
                }
                catch (ObjectDisposedException) // documented: the engine is shutting down
                {
                    return;
                }
            }
        });
        Assert.True(running.Wait(EngineTestKit.Timeout));

        await host.StopAsync().WaitAsync(EngineTestKit.Timeout);

        var all = await Task.WhenAll(producers).WaitAsync(EngineTestKit.Timeout);
        await control.WaitAsync(EngineTestKit.Timeout);
        foreach (var results in all)
        {
            Assert.All(results[..^1], r => Assert.True(r.IsSuccess, r.ToString())); // applied before the stop, or
            Assert.Contains("shutting down", results[^1].Message, StringComparison.Ordinal); // told why not
        }

        var numbers = all.SelectMany(r => r).Where(r => r.IsSuccess).Select(r => r.Number.ToString()).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task StartAsync_AfterStopAsync_RefusedSayingTheEngineStoppedWithTheHost()
    {
        // The stop drained and disposed the container's engine, which cannot run again; started again (a host that
        // restarts its hosted services), the service succeeded silently and every command after it was Unavailable.
        // (The generic host itself refuses a second start with a bare OperationCanceledException before reaching it.)
        using var host = Host(ConfigurationKit.AppSettings());
        var service = host.Services.GetServices<IHostedService>().OfType<QueueEngineHostedService>().Single();
        await service.StartAsync(CancellationToken.None).WaitAsync(EngineTestKit.Timeout);
        await service.StopAsync(CancellationToken.None).WaitAsync(EngineTestKit.Timeout);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(CancellationToken.None).WaitAsync(EngineTestKit.Timeout));

        Assert.Contains("stopped with the host", error.Message, StringComparison.Ordinal);
        Assert.Contains("build a new host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddQueueCore_NoHost_EngineStartsWhenFirstResolved()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(EngineTestKit.Morning))
            .AddQueueCore(ConfigurationKit.Json(ConfigurationKit.AppSettings()).GetSection("QueueCore"));
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<QueueEngine>();

        Assert.True(engine.TryGetHall("county-center", out var hall));
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
    }
}
