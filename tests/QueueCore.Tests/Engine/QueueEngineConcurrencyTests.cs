using System.Collections.Concurrent;

namespace QueueCore.Tests.Engine;

public class QueueEngineConcurrencyTests
{
    private const int Halls = 8;
    private const int WindowsPerHall = 2;
    private const int TicketsPerProducer = 1500;

    [Fact]
    public async Task SubmitAsync_ManyProducersAndWindows_KeepsEveryHallConsistent()
    {
        var producers = Math.Max(4, Environment.ProcessorCount * 2);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: Math.Max(2, Environment.ProcessorCount), capacity: 4096));
        var halls = Enumerable.Range(0, Halls).Select(i => engine.AddHall(EngineTestKit.Hall($"hall{i}", WindowsPerHall))).ToArray();
        engine.Start();
        var subscriptions = halls.Select(h => h.Subscribe(bufferSize: 1 << 16)).ToArray(); // larger than the run's events: no lag
        foreach (var hall in halls)
        {
            await EngineTestKit.OpenAsync(hall, [.. Enumerable.Range(1, WindowsPerHall)]);
        }

        var issued = new ConcurrentBag<(int Hall, long Ticket, int Number)>();
        var called = new ConcurrentBag<(int Hall, long Ticket, int Window)>();
        var finished = new ConcurrentBag<(int Hall, long Ticket)>();
        var producing = producers;

        var producerTasks = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            for (var i = 0; i < TicketsPerProducer; i++)
            {
                var h = random.Next(Halls);
                var r = await halls[h].IssueTicketAsync(1);
                Assert.True(r.IsSuccess, r.ToString());
                issued.Add((h, r.Ticket, r.Number.Sequence));
            }

            Interlocked.Decrement(ref producing);
        }));

        var windowTasks = (from h in Enumerable.Range(0, Halls)
                           from w in Enumerable.Range(1, WindowsPerHall)
                           select Task.Run(async () =>
                           {
                               while (true)
                               {
                                   var done = Volatile.Read(ref producing) == 0; // read before the call: an empty queue after it is final
                                   var call = await halls[h].CallNextAsync(w);
                                   if (call.Error == QueueError.NothingWaiting)
                                   {
                                       if (done)
                                       {
                                           return;
                                       }

                                       await Task.Yield();
                                       continue;
                                   }

                                   Assert.True(call.IsSuccess, call.ToString());
                                   called.Add((h, call.Ticket, w));
                                   Assert.True((await halls[h].StartServingAsync(w)).IsSuccess);
                                   var fin = await halls[h].FinishAsync(w);
                                   Assert.True(fin.IsSuccess, fin.ToString());
                                   finished.Add((h, call.Ticket));
                               }
                           })).ToArray();

        await Task.WhenAll([.. producerTasks, .. windowTasks]).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(producers * TicketsPerProducer, issued.Count);
        foreach (var group in issued.GroupBy(t => t.Hall))
        {
            Assert.Equal(group.Count(), group.Select(t => t.Number).Distinct().Count()); // no number issued twice
            Assert.Equal(group.Count(), group.Select(t => t.Ticket).Distinct().Count());
        }

        Assert.Equal(called.Count, called.Select(c => (c.Hall, c.Ticket)).Distinct().Count()); // no ticket called twice
        Assert.Equal(issued.Select(t => (t.Hall, t.Ticket)).Order(), finished.Order()); // none lost: every ticket served
        for (var h = 0; h < Halls; h++)
        {
            var snapshot = await halls[h].GetSnapshotAsync().Bounded();
            Assert.Equal(0, snapshot.TotalWaiting);
            AssertGapFree(subscriptions[h], snapshot.Sequence);
        }
    }

    private static void AssertGapFree(EventSubscription subscription, long lastSequence)
    {
        var expected = 1L;
        while (subscription.TryRead(out var e))
        {
            Assert.Equal(expected++, e.Sequence);
        }

        Assert.False(subscription.Lagged);
        Assert.Equal(lastSequence + 1, expected);
    }
}
