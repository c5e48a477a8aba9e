using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Audit;

/// <summary>Second audit: the engine as an integrator embeds it, through the public API only.</summary>
public class EmbeddingAuditTests
{
    private static HallDefinition TwoServices(string id = "h1") => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "B" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
    };

    public static TheoryData<string, string> BadEngineOptions() => new()
    {
        { "HistorySize", "-1" },
        { "TickInterval", "00:00:00" },
        { "ShutdownTimeout", "-00:00:05" },
        { "SubscriberBufferSize", "1" },
        { "SpinIterations", "-3" },
        { "IngressCapacity", "1000" },
    };

    [Theory]
    [MemberData(nameof(BadEngineOptions))]
    public async Task AddQueueCore_EngineOptionOutOfRangeInCode_HostStartFailsNamingTheOption(string option, string value)
    {
        var bad = option switch
        {
            "HistorySize" => new QueueEngineOptions { HistorySize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "TickInterval" => new QueueEngineOptions { TickInterval = TimeSpan.Zero },
            "ShutdownTimeout" => new QueueEngineOptions { ShutdownTimeout = TimeSpan.FromSeconds(-5) },
            "SubscriberBufferSize" => new QueueEngineOptions { SubscriberBufferSize = 1 },
            "SpinIterations" => new QueueEngineOptions { SpinIterations = -3 },
            _ => new QueueEngineOptions { IngressCapacity = 1000 },
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddQueueCore(o => o.Engine = bad with { ShardCount = 1 });
        using var host = builder.Build();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(option, e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public async Task AddQueueCore_InvalidHallInCode_HostStartFailsNamingHallAndEntry()
    {
        var builder = Host.CreateApplicationBuilder();
        var hall = TwoServices("bad") with { Windows = [new() { Id = 1, Skills = [new() { Service = 99 }] }] };
        builder.Services.AddQueueCore(o => { o.Engine = EngineTestKit.Options(1); o.Halls.Add(hall); });
        using var host = builder.Build();

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => host.StartAsync());

        Assert.Contains("bad", e.Message, StringComparison.Ordinal);
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meter_RefusedAndAppliedCommands_TaggedByKindAndError()
    {
        var measurements = new ConcurrentBag<(string Name, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        await using var engine = new QueueEngine(EngineTestKit.Options(1));
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == "QueueCore")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            var d = new Dictionary<string, object?>();
            foreach (var t in tags)
            {
                d[t.Key] = t.Value;
            }

            measurements.Add((i.Name, v, d));
        });
        listener.Start();
        var hall = engine.AddHall(TwoServices());
        engine.Start();
        await EngineTestKit.OpenAsync(hall, 1);
        await hall.IssueTicketAsync(1).Bounded();
        var refused = await hall.IssueTicketAsync(7).Bounded();
        Assert.Equal(QueueError.UnknownService, refused.Error);

        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m.Name == "queuecore.commands" && Equals(m.Tags.GetValueOrDefault("queuecore.command.kind"), "IssueTicket") && m.Value >= 1);
        Assert.Contains(measurements, m => m.Name == "queuecore.command.errors"
            && Equals(m.Tags.GetValueOrDefault("queuecore.command.kind"), "IssueTicket")
            && Equals(m.Tags.GetValueOrDefault("queuecore.error"), "UnknownService") && m.Value == 1);
        Assert.Contains(measurements, m => m.Name == "queuecore.events" && m.Value >= 3);
        Assert.Contains(measurements, m => m.Name == "queuecore.ingress.depth" && m.Tags.ContainsKey("queuecore.shard"));
    }

    [Fact]
    public async Task RedefineWhileIssuing_NoTicketLost_NumbersUnique()
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices());
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        using var stop = new CancellationTokenSource();
        var issued = new ConcurrentBag<CommandResult>();
        var redefinitions = 0;

        // At least 2,000 each, and on until a few redefinitions ran among them: a caller applying its own commands
        // issues 4,000 tickets in a few milliseconds, sooner than the paced redefiner's first rounds.
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 2000 || Volatile.Read(ref redefinitions) < 3; i++)
            {
                if (i >= 2000)
                {
                    await Task.Delay(1); // past the 2,000: a trickle until the redefiner has had its rounds
                }

                var r = await hall.IssueTicketAsync(i % 2 == 0 ? 1 : 2).Bounded();
                Assert.True(r.IsSuccess, r.ToString());
                issued.Add(r);
            }
        })).ToArray();
        var redefiner = Task.Run(async () =>
        {
            var flip = false;
            while (!producers.All(p => p.IsCompleted))
            {
                // Paced: back to back, each redefinition re-maps every waiting ticket, which on a loaded 2-core CI
                // machine starved the producers past the timeout (22 s for 4,000 issues under load 40).
                await Task.Delay(2);
                var def = TwoServices() with
                {
                    Windows = flip
                        ? [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }]
                        : [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }, new() { Id = 3, Skills = [new() { Service = 2 }] }],
                };
                flip = !flip;
                await hall.RedefineAsync(def).Bounded();
                Interlocked.Increment(ref redefinitions);
            }
        });
        await Task.WhenAll(producers).WaitAsync(EngineTestKit.Timeout);
        await redefiner.WaitAsync(EngineTestKit.Timeout);

        Assert.True(redefinitions >= 2, $"only {redefinitions} redefinitions ran while tickets were issued");

        Assert.True(issued.Count >= 4000, $"{issued.Count} issued");
        Assert.Equal(issued.Count, issued.Select(r => r.Ticket).Distinct().Count());
        Assert.Equal(issued.Count, issued.Select(r => r.Number.ToString()).Distinct().Count());
        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Full).Bounded();
        Assert.Equal(issued.Count, snapshot.TotalWaiting);
        foreach (var r in issued)
        {
            Assert.Equal(TicketState.Waiting, (await hall.QueryTicketAsync(r.Ticket).Bounded()).State);
        }
    }

    [Fact]
    public async Task RemoveHallWhileCommandsFlow_EachAnsweredSuccessOrUnknownHall_StaleHandleClear()
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices());
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);
        var results = new ConcurrentBag<CommandResult>();
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < 5000; i++)
            {
                results.Add(await hall.IssueTicketAsync(1).Bounded());
            }
        });
        while (results.Count < 100)
        {
            await Task.Delay(1);
        }

        Assert.True(await engine.RemoveHallAsync("h1").Bounded());
        await producer.WaitAsync(EngineTestKit.Timeout);

        Assert.All(results, r => Assert.True(r.IsSuccess || r.Error == QueueError.UnknownHall, r.ToString()));
        var late = await hall.QueryTicketAsync(1).Bounded();
        Assert.Equal(QueueError.UnknownHall, late.Error);
        Assert.Contains("h1", late.Message, StringComparison.Ordinal);
        var byId = await engine.SubmitAsync("h1", HallCommand.QueryTicket(1)).Bounded();
        Assert.Equal(QueueError.UnknownHall, byId.Error);
        Assert.Contains("h1", byId.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => hall.SaveStateAsync().AsTask());
    }

    [Fact]
    public async Task RedefineDroppingServiceWithWaitingTickets_ClearErrorAndHallUnchanged()
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices());
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall);
        var t = await hall.IssueTicketAsync(2).Bounded();
        var before = await hall.SaveStateAsync().Bounded();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => hall.RedefineAsync(TwoServices() with
        {
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new() { Id = 1, Category = "A" }],
        }).AsTask());

        Assert.Equal("definition", e.ParamName);
        Assert.Contains("B001", e.Message, StringComparison.Ordinal); // the live ticket in the way
        Assert.Equal(TicketState.Waiting, (await hall.QueryTicketAsync(t.Ticket).Bounded()).State);
        Assert.Equal(2, hall.Definition.Services.Count);
        var after = await hall.SaveStateAsync().Bounded();
        Assert.Equal(before.Sequence, after.Sequence);
    }

    [Fact]
    public async Task RequestId_FirstRefused_RetrySucceeds_ThenRetryGetsThatResult()
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices());
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall);
        await hall.IssueTicketAsync(1).Bounded();
        var id = Guid.NewGuid();
        var call = HallCommand.CallNext(1).WithRequestId(id);

        var first = await hall.SubmitAsync(call).Bounded();
        Assert.Equal(QueueError.WindowNotOpen, first.Error);
        await hall.OpenWindowAsync(1, 101, auto: false).Bounded();
        var second = await hall.SubmitAsync(call).Bounded();
        Assert.True(second.IsSuccess, second.ToString());
        await hall.IssueTicketAsync(1).Bounded();
        await hall.FinishAsync(1).Bounded();
        var third = await hall.SubmitAsync(call).Bounded();

        Assert.Equal(second.Ticket, third.Ticket);
        Assert.Equal(second.Number, third.Number);
        Assert.Equal(second.Sequence, third.Sequence);
    }

    [Fact]
    public async Task RequestId_CancelledCallerAfterApply_RetryGetsFirstTicket()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices(), time: time);
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall);
        var id = Guid.NewGuid();
        var issue = HallCommand.IssueTicket(1).WithRequestId(id);
        var first = await hall.SubmitAsync(issue).Bounded();

        var redefined = await hall.RedefineAsync(TwoServices() with { Windows = [new() { Id = 5, Comprehensive = true }] }).Bounded();
        var state = await hall.SaveStateAsync().Bounded();
        await engine.RemoveHallAsync("h1").Bounded();
        var again = engine.AddHall(redefined, state);
        var retry = await again.SubmitAsync(issue).Bounded();

        Assert.Equal(first.Ticket, retry.Ticket);
        Assert.Equal(first.Number, retry.Number);
    }

    [Fact]
    public async Task Subscribe_AfterSequence_AcrossRedefinition_GetsExactlyTheMissedEvents()
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices());
        await using var _ = engine;
        using (var first = hall.Subscribe())
        {
            await EngineTestKit.OpenAsync(hall, 1);
        }

        var seen = (await hall.IssueTicketAsync(1).Bounded()).Sequence;
        await hall.RedefineAsync(TwoServices() with { Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 3, Comprehensive = true }] }).Bounded();
        await hall.OpenWindowAsync(3, 103).Bounded();
        var last = (await hall.CallNextAsync(3).Bounded()).Sequence;

        using var resumed = hall.Subscribe(afterSequence: seen);
        var got = new List<HallEvent>();
        while (got.Count == 0 || got[^1].Sequence < last)
        {
            var read = await resumed.ReadAsync().Bounded();
            Assert.Equal(EventReadStatus.Event, read.Status);
            got.Add(read.Event);
        }

        Assert.Equal(Enumerable.Range((int)seen + 1, (int)(last - seen)).Select(i => (long)i), got.Select(e => e.Sequence));
        Assert.Contains(got, e => e.Kind == HallEventKind.HallRedefined);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public async Task Subscribe_NegativeSequence_ClearErrorOrLagged_NeverACrash(long after)
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices());
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        EventSubscription? s = null;
        try
        {
            s = hall.Subscribe(afterSequence: after);
        }
        catch (ArgumentOutOfRangeException e)
        {
            Assert.Equal("afterSequence", e.ParamName);
            return;
        }

        using (s)
        {
            var read = await s.ReadAsync().Bounded();
            Assert.Equal(EventReadStatus.Lagged, read.Status);
        }
    }
}

/// <summary>Second audit: the command span, in the collection that runs apart, since a listener makes every submit traced.</summary>
[Collection(ActivityListenerCollection.Name)]
public class CommandSpanAuditTests
{
    private static HallDefinition TwoServices(string id) => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
    };

    [Fact]
    public async Task Activity_RefusedCommand_ErrorStatusWithTags()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "QueueCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var (engine, hall) = EngineTestKit.Started(hall: TwoServices("traced-audit2"));
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall, 1);

        await hall.CallNextAsync(2).Bounded();

        var a = Assert.Single(stopped, a => a.OperationName == "QueueCore.Command" && (string?)a.GetTagItem("queuecore.hall") == "traced-audit2"
            && (string?)a.GetTagItem("queuecore.command.kind") == "CallNext");
        Assert.Equal(ActivityStatusCode.Error, a.Status);
        Assert.Equal("WindowNotOpen", a.GetTagItem("queuecore.error"));
    }
}
