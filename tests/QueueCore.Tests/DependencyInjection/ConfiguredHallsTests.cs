using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;
using QueueCore.Tests.Journal;

namespace QueueCore.Tests.DependencyInjection;

/// <summary>
/// A hall manager edits a configured hall and restarts: the change is applied to the hall the journal recovered,
/// keeping its queue. It was ignored without a word (the journal's definition always won). A run-time change the
/// configuration did not follow is kept, and said so.
/// </summary>
public sealed class ConfiguredHallsTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Restart_ConfigurationChanged_ConfiguredDefinitionApplied_WaitingTicketsKept()
    {
        var definition = JournalKit.Hall("h");
        long[] waiting;
        await using (var provider = Start(new TestLoggerProvider(), definition))
        {
            var hall = Hall(provider);
            await hall.OpenDayAsync();
            for (var i = 0; i < 3; i++)
            {
                await hall.IssueTicketAsync(new ServiceItemList([1]));
            }

            waiting = [.. (await hall.GetSnapshotAsync()).Waiting.Select(w => w.Ticket)];
        }

        var logs = new TestLoggerProvider();
        var edited = definition with { Name = "Edited", WindowIdleLimit = TimeSpan.FromMinutes(9) };
        await using (var provider = Start(logs, edited))
        {
            var hall = Hall(provider);
            Assert.Equal("Edited", hall.Definition.Name);
            Assert.Equal(TimeSpan.FromMinutes(9), hall.Definition.WindowIdleLimit);
            Assert.Equal(waiting, (await hall.GetSnapshotAsync()).Waiting.Select(w => w.Ticket)); // the queue is kept
            Assert.Contains(logs.Entries, e => e.Id == 1029 && e.Message.Contains("Hall h", StringComparison.Ordinal));
        }

        // Started again with the same configuration: nothing differs, nothing to say.
        logs = new TestLoggerProvider();
        await using (var provider = Start(logs, edited))
        {
            Assert.Equal("Edited", Hall(provider).Definition.Name);
            Assert.DoesNotContain(logs.Entries, e => e.Id is 1029 or 1030 or 1031);
        }
    }

    [Fact]
    public async Task Restart_RedefinedAtRunTime_ConfigurationUnchanged_RunTimeDefinitionKeptAndWarned()
    {
        var definition = JournalKit.Hall("h");
        await using (var provider = Start(new TestLoggerProvider(), definition))
        {
            await Hall(provider).RedefineAsync(definition with { Name = "Changed by an admin" });
        }

        var logs = new TestLoggerProvider();
        await using var again = Start(logs, definition);
        Assert.Equal("Changed by an admin", Hall(again).Definition.Name);
        Assert.Contains(logs.Entries, e => e.Id == 1031 && e.Level == LogLevel.Warning && e.Message.Contains("Hall h", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_ConfiguredChangeTheDayRefuses_RecoveredDefinitionKept_WarnedAndTriedAgain()
    {
        var definition = JournalKit.Hall("h");
        await using (var provider = Start(new TestLoggerProvider(), definition))
        {
            var hall = Hall(provider);
            await hall.OpenDayAsync();
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([8]))).IsSuccess);
        }

        var withoutItem8 = definition with { Services = [.. definition.Services.Where(s => s.Id != 8)] }; // a waiting ticket holds it
        for (var start = 0; start < 2; start++)
        {
            var logs = new TestLoggerProvider();
            await using var provider = Start(logs, withoutItem8);
            Assert.Contains(Hall(provider).Definition.Services, s => s.Id == 8);
            Assert.Contains(logs.Entries, e => e.Id == 1030 && e.Level == LogLevel.Warning && e.Message.Contains("Hall h", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Restart_ConfiguredHallLostToDamage_AddedAgainWithAnError()
    {
        await using (var provider = Start(new TestLoggerProvider(), JournalKit.Hall("a"), JournalKit.Hall("g")))
        {
        }

        await using (Start(new TestLoggerProvider(), JournalKit.Hall("a"), JournalKit.Hall("g")))
        {
            // a new generation: it begins with the records of a and g
        }

        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var g = 0;
        Assert.Null(SegmentReader.Read(segment, bytes, (payload, offset) =>
        {
            g = g == 0 && System.Text.Encoding.UTF8.GetString(payload.Span).Contains("\"Id\": \"g\"", StringComparison.Ordinal) ? (int)offset : g;
            return null;
        }));
        bytes[g + 100] ^= 0x20;
        File.WriteAllBytes(segment, bytes);

        var logs = new TestLoggerProvider();
        await using var again = Start(logs, JournalKit.Hall("a"), JournalKit.Hall("g"));
        Assert.True(again.GetRequiredService<QueueEngine>().TryGetHall("g", out _));
        Assert.Contains(logs.Entries, e => e.Id == 1032 && e.Level == LogLevel.Error && e.Message.Contains("Hall g", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_RecoveredHallConfiguredTwice_FailsAsWithoutAJournal()
    {
        await using (Start(new TestLoggerProvider(), JournalKit.Hall("h")))
        {
        }

        var error = Assert.Throws<ArgumentException>(() => Start(new TestLoggerProvider(), JournalKit.Hall("h"), JournalKit.Hall("h") with { Name = "Other" }));
        Assert.Contains("'h'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_ConfiguredChangeNotYetApplied_NoThreadHeldMeanwhile()
    {
        // The engine's factory applied the change by blocking on it: the thread starting the host (a thread-pool thread
        // in a server) was held until the hall's shard had applied it.
        var definition = JournalKit.Hall("h");
        await using (Start(new TestLoggerProvider(), definition))
        {
        }

        using var shard = new ManualResetEventSlim();
        var logs = new TestLoggerProvider { Logging = id => { if (id == 1017) { shard.Wait(); } } }; // parks the shard mid-change
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddQueueCore(o =>
        {
            o.Engine = new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = _kit.Directory } };
            o.Halls.Add(definition with { Name = "Edited" });
        });
        using var host = builder.Build();

        Task? starting = null;
        var caller = new Thread(() => starting = host.StartAsync());
        caller.Start();
        var returned = caller.Join(EngineTestKit.Timeout); // bounded: the held shard never lets a blocking start return
        var pending = starting is { IsCompleted: false };
        shard.Set();
        Assert.True(returned, "the host's start held its thread until the shard had applied the configured change");
        Assert.True(pending, "the start did not wait for the configured change");

        await starting!.WaitAsync(EngineTestKit.Timeout);
        Assert.Equal("Edited", Hall(host.Services).Definition.Name);
        Assert.Contains(logs.Entries, e => e.Id == 1029);
        await host.StopAsync().WaitAsync(EngineTestKit.Timeout);
    }

    private ServiceProvider Start(TestLoggerProvider logs, params HallDefinition[] halls)
    {
        var services = new ServiceCollection()
            .AddSingleton(logs.Factory())
            .AddQueueCore(o =>
            {
                o.Engine = new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = _kit.Directory } };
                o.Halls.AddRange(halls);
            });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<QueueEngine>();
        return provider;
    }

    private static HallHandle Hall(IServiceProvider provider)
    {
        Assert.True(provider.GetRequiredService<QueueEngine>().TryGetHall("h", out var hall));
        return hall;
    }
}
