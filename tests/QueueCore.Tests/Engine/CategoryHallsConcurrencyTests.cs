using System.Collections.Concurrent;

namespace QueueCore.Tests.Engine;

/// <summary>
/// Issue 10's concurrency check from outside, over the newer dispatch paths: many producer threads issuing tickets of
/// one to three items into many halls whose windows serve whole categories (as primary and as overflow), some in auto
/// mode, while clerk tasks call, serve and finish. Read from each hall's event stream: no ticket served twice for an
/// item nor at two windows at once, none lost, numbers unique, sequences contiguous.
/// </summary>
public class CategoryHallsConcurrencyTests
{
    private const int Halls = 24;

    private static HallDefinition CategoryHall(string id) => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [.. Enumerable.Range(1, 4).Select(i => new ServiceItem { Id = i, Category = i <= 2 ? "A" : "B" })],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Category = "A" }, new() { Category = "B", Tier = SkillTier.Overflow }] },
            new() { Id = 2, Skills = [new() { Category = "B" }], AutoAssign = true },
            new() { Id = 3, Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
            new() { Id = 4, Skills = [new() { Category = "A" }, new() { Service = 3, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromSeconds(1) }], AutoAssign = true },
        ],
        Priority = new PriorityPolicy { Interleave = new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 } },
    };

    [Fact]
    public async Task SubmitAsync_ManyProducersIntoCategoryHalls_NoTicketServedTwiceOrLostAndSequencesContiguous()
    {
        var producers = Math.Max(4, Environment.ProcessorCount * 2);
        var perProducer = 600;
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: Math.Max(2, Environment.ProcessorCount), capacity: 4096));
        var halls = Enumerable.Range(0, Halls).Select(i => engine.AddHall(CategoryHall($"hall{i}"))).ToArray();
        engine.Start();
        var subscriptions = halls.Select(h => h.Subscribe(bufferSize: 1 << 16)).ToArray();
        foreach (var hall in halls)
        {
            Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
            for (var w = 1; w <= 4; w++)
            {
                Assert.True((await hall.OpenWindowAsync(w, clerk: w).Bounded()).IsSuccess);
            }
        }

        var issued = new ConcurrentBag<(int Hall, long Ticket, string Number, int Items)>();
        using var stop = new CancellationTokenSource();

        var producerTasks = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            for (var i = 0; i < perProducer; i++)
            {
                var h = random.Next(Halls);
                var items = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => 1 + random.Next(4)).Distinct().ToArray();
                var r = await halls[h].IssueTicketAsync(new ServiceItemList(items), age: (byte)(random.Next(6) == 0 ? 80 : 30));
                Assert.True(r.IsSuccess, r.ToString());
                issued.Add((h, r.Ticket, r.Number.ToString(), items.Length));
            }
        })).ToArray();

        var windowTasks = (from h in Enumerable.Range(0, Halls)
                           from w in Enumerable.Range(1, 4)
                           select Task.Run(async () =>
                           {
                               var auto = w is 2 or 4;
                               while (!stop.IsCancellationRequested)
                               {
                                   if (!auto)
                                   {
                                       var call = await halls[h].CallNextAsync(w);
                                       if (call.Error == QueueError.NothingWaiting)
                                       {
                                           await Task.Delay(1);
                                           continue;
                                       }

                                       Assert.True(call.IsSuccess, call.ToString());
                                   }

                                   var start = await halls[h].StartServingAsync(w);
                                   if (auto && start.Error == QueueError.WindowWrongState)
                                   {
                                       await Task.Delay(1); // nothing pushed to it yet
                                       continue;
                                   }

                                   Assert.True(start.IsSuccess, start.ToString());
                                   var fin = await halls[h].FinishAsync(w);
                                   Assert.True(fin.IsSuccess, fin.ToString());
                               }
                           })).ToArray();

        await Task.WhenAll(producerTasks).WaitAsync(TimeSpan.FromSeconds(120));

        // Drained: nothing waiting and nobody at a window in any hall (an overflow delay or a push may still be due).
        var deadline = DateTime.UtcNow.AddSeconds(120);
        foreach (var hall in halls)
        {
            while (true)
            {
                var s = await hall.GetSnapshotAsync().Bounded();
                if (s.TotalWaiting == 0 && s.AtWindows.Count == 0)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{hall.Id} still has {s.TotalWaiting} waiting and {s.AtWindows.Count} at windows");
                await Task.Delay(10);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(windowTasks).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(producers * perProducer, issued.Count);
        for (var h = 0; h < Halls; h++)
        {
            var mine = issued.Where(t => t.Hall == h).ToArray();
            Assert.Equal(mine.Length, mine.Select(t => t.Number).Distinct().Count()); // no number issued twice
            var snapshot = await halls[h].GetSnapshotAsync().Bounded();
            var atWindow = new Dictionary<long, int>();
            var finished = new HashSet<(long, int)>();
            var completed = new HashSet<long>();
            var expected = 1L;
            while (subscriptions[h].TryRead(out var e))
            {
                Assert.Equal(expected++, e.Sequence);
                switch (e.Kind)
                {
                    case HallEventKind.TicketCalled:
                        Assert.False(atWindow.TryGetValue(e.Ticket, out var other) && other != e.Window, $"hall{h}: {e.Number} called at {e.Window} while at {other}");
                        atWindow[e.Ticket] = e.Window;
                        break;
                    case HallEventKind.ServiceFinished:
                        Assert.True(finished.Add((e.Ticket, e.Service)), $"hall{h}: {e.Number} served twice for item {e.Service}");
                        atWindow.Remove(e.Ticket);
                        break;
                    case HallEventKind.TicketCompleted:
                        Assert.True(completed.Add(e.Ticket), $"hall{h}: {e.Number} completed twice");
                        break;
                }
            }

            Assert.False(subscriptions[h].Lagged);
            Assert.Equal(snapshot.Sequence + 1, expected);
            Assert.Equal(mine.Select(t => t.Ticket).Order(), completed.Order()); // none lost
            Assert.Equal(mine.Sum(t => t.Items), finished.Count);
        }
    }
}
