using System.Runtime.CompilerServices;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Audit;

/// <summary>
/// Third audit: a reader dropped while lagging, without being disposed (a caller's bug), must not keep the engine's
/// health degraded for the rest of the process: once the garbage collector has collected it, it no longer counts.
/// </summary>
[Collection("GarbageCollection")]
public class AbandonedReaderAuditTests
{
    [Fact]
    public async Task LaggingReaderDropped_AfterCollection_HealthIsHealthyAgain()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(1));
        var hall = engine.AddHall(EngineTestKit.Hall("abandoned-reader"));
        engine.Start();
        var check = new QueueCoreHealthCheck(engine);
        // Held until the lag is asserted: a collection induced by tests running in parallel must not take it sooner.
        var holder = Subscribe(hall);
        await EngineTestKit.OpenAsync(hall, 1);
        for (var i = 0; i < 5; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        Assert.Equal(1, engine.GetHealth().LaggedSubscribers);
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        holder.Value = null; // dropped undisposed, the caller's bug this test is about
        Collect();

        Assert.Equal(0, engine.GetHealth().LaggedSubscribers);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        var next = await hall.IssueTicketAsync(1).Bounded(); // the hall goes on with no reader left
        Assert.True(next.IsSuccess);
    }

    [Fact]
    public async Task ReaderOnlyItsLoopHolds_SurvivesCollection_AndReadsOn()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(1));
        var hall = engine.AddHall(EngineTestKit.Hall("loop-reader"));
        engine.Start();
        var seen = new List<long>();
        var loop = ReadCalls(hall.Subscribe(), seen); // nothing but the running loop holds the subscription
        await EngineTestKit.OpenAsync(hall, 1);
        Collect();

        var issued = await hall.IssueTicketAsync(1).Bounded();
        var call = await hall.CallNextAsync(1).Bounded();
        Assert.Equal(issued.Ticket, call.Ticket);
        await loop.WaitAsync(EngineTestKit.Timeout);
        Assert.Equal([issued.Ticket], seen);
    }

    [Fact]
    public async Task LaggingReaderStillHeld_IsNotDetachedByCollection()
    {
        await using var engine = new QueueEngine(EngineTestKit.Options(1));
        var hall = engine.AddHall(EngineTestKit.Hall("held-reader"));
        engine.Start();
        using var reader = hall.Subscribe(bufferSize: 2);
        await EngineTestKit.OpenAsync(hall, 1);
        for (var i = 0; i < 5; i++)
        {
            await hall.IssueTicketAsync(1).Bounded();
        }

        Collect();

        Assert.Equal(1, engine.GetHealth().LaggedSubscribers);
        while ((await reader.ReadAsync().Bounded()).Status == EventReadStatus.Event)
        {
        }

        await reader.ResyncAsync().Bounded();
        var next = await hall.IssueTicketAsync(1).Bounded();
        var read = await reader.ReadAsync().Bounded();
        Assert.Equal(next.Sequence, read.Event.Sequence);
        Assert.Equal(0, engine.GetHealth().LaggedSubscribers);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StrongBox<EventSubscription?> Subscribe(HallHandle hall) => new(hall.Subscribe(bufferSize: 2));

    private static async Task ReadCalls(EventSubscription events, List<long> seen)
    {
        await Task.Yield();
        await foreach (var e in events.ReadAllAsync())
        {
            if (e.Kind == HallEventKind.TicketCalled)
            {
                seen.Add(e.Ticket);
                return;
            }
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
