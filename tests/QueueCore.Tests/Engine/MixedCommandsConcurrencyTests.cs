using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace QueueCore.Tests.Engine;

/// <summary>
/// Every command kind at once: producer threads (sized to the cores) over many halls, each sending whatever a hall's
/// devices may send (issue, every window command, park and resume, transfer, no-show, cancel, rate, pause, and
/// redefinitions), most of them refused as a busy hall refuses them. Read from each hall's events: a ticket is at one
/// window at most and a window holds one ticket at most, none completes twice, sequences are contiguous, and the
/// state the events describe is the hall's own at the end (every ticket issued is done, waiting, parked or at a window).
/// </summary>
public class MixedCommandsConcurrencyTests(ITestOutputHelper output)
{
    private const int Halls = 64;
    private const int Windows = 4;
    private const int CommandsPerProducer = 3000;

    private static HallDefinition Mixed(string id, bool extraWindow, bool narrowWindow4) => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Category = "A" }] },
            new() { Id = 3, Skills = [new() { Category = "B" }, new() { Service = 1, Tier = SkillTier.Overflow }] },
            new() { Id = 4, Skills = narrowWindow4 ? [new() { Service = 3 }] : [new() { Category = "A" }, new() { Category = "B" }] },
            .. extraWindow ? [new WindowDefinition { Id = 5, Comprehensive = true }] : Array.Empty<WindowDefinition>(),
        ],
    };

    private enum Place
    {
        Waiting,
        AtWindow,
        Parked,
        Done,
    }

    [Fact]
    public async Task SubmitAsync_EveryCommandKindFromManyThreads_EventsDescribeTheHallAndNoTicketIsAtTwoWindows()
    {
        var producers = Math.Max(8, Environment.ProcessorCount * 2);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: Math.Max(2, Environment.ProcessorCount), capacity: 4096));
        var halls = Enumerable.Range(0, Halls).Select(i => engine.AddHall(Mixed($"hall{i}", false, false))).ToArray();
        engine.Start();
        var subscriptions = halls.Select(h => h.Subscribe(bufferSize: 1 << 16)).ToArray();
        foreach (var hall in halls)
        {
            await EngineTestKit.OpenAsync(hall, [.. Enumerable.Range(1, Windows)]);
        }

        var issued = halls.Select(_ => new ConcurrentQueue<long>()).ToArray();
        var refusals = new ConcurrentDictionary<QueueError, int>();
        var producerTasks = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            for (var i = 0; i < CommandsPerProducer; i++)
            {
                var h = random.Next(Halls);
                var hall = halls[h];
                var w = 1 + random.Next(Windows);
                var known = issued[h].ToArray();
                var ticket = known.Length == 0 ? 1 : known[random.Next(known.Length)];
                var op = random.Next(20);
                if (op == 19)
                {
                    // Window 5 (never opened) added or removed, window 4 (open) narrowed or widened: always fits the day.
                    await hall.RedefineAsync(Mixed(hall.Id, random.Next(2) == 0, random.Next(2) == 0)).AsTask().WaitAsync(EngineTestKit.Timeout);
                    continue;
                }

                var result = await (op switch
                {
                    <= 4 => hall.IssueTicketAsync(new ServiceItemList([.. Enumerable.Range(1, 1 + random.Next(2)).Select(_ => 1 + random.Next(3)).Distinct()]), age: (byte)(random.Next(5) == 0 ? 80 : 30)),
                    5 => hall.CallNextAsync(w),
                    6 => hall.FinishAndCallNextAsync(w),
                    7 => hall.CallTicketAsync(w, ticket),
                    8 => hall.RecallAsync(w),
                    9 or 10 => hall.StartServingAsync(w),
                    11 => hall.FinishAsync(w),
                    12 => hall.NoShowAsync(w),
                    13 => hall.TransferToServiceAsync(w, 1 + random.Next(3)),
                    14 => hall.TransferToWindowAsync(w, 1 + random.Next(Windows)),
                    15 => hall.ParkAsync(w, "document"),
                    16 => hall.ResumeParkedAsync(ticket),
                    17 => random.Next(3) == 0 ? hall.CancelTicketAsync(ticket, "left") : hall.RateAsync(ticket, 1 + random.Next(5)),
                    _ => random.Next(4) == 0 ? hall.PauseWindowAsync(w, "break") : hall.ResumeWindowAsync(w),
                }).Bounded();
                if (result.IsSuccess && op <= 4)
                {
                    issued[h].Enqueue(result.Ticket);
                }
                else if (!result.IsSuccess)
                {
                    Assert.NotEqual(QueueError.None, result.Error);
                    Assert.False(string.IsNullOrWhiteSpace(result.Message), result.ToString());
                    refusals.AddOrUpdate(result.Error, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();

        await Task.WhenAll(producerTasks).WaitAsync(TimeSpan.FromSeconds(120));

        var ends = new Dictionary<Place, int>();
        for (var h = 0; h < Halls; h++)
        {
            var snapshot = await halls[h].GetSnapshotAsync(SnapshotDetail.Full).Bounded();
            var places = new Dictionary<long, (Place Place, int Window)>();
            var atWindow = new Dictionary<int, long>();
            var expected = 1L;
            while (subscriptions[h].TryRead(out var e))
            {
                Assert.Equal(expected++, e.Sequence);
                if (e.Kind == HallEventKind.TicketIssued)
                {
                    Assert.True(places.TryAdd(e.Ticket, (Place.Waiting, 0)), $"hall{h}: {e.Number} issued twice");
                    continue;
                }

                if (e.Ticket == 0 || e.Kind is HallEventKind.Rated or HallEventKind.WaitLimitPassed or HallEventKind.ServiceTimePassed or HallEventKind.ServiceFinished)
                {
                    continue;
                }

                Assert.True(places.TryGetValue(e.Ticket, out var was), $"hall{h}: {e.Kind} of {e.Number}, never issued");
                Assert.True(was.Place != Place.Done, $"hall{h}: {e.Kind} of {e.Number} at {e.Sequence}, after it was done");
                if (was.Place == Place.AtWindow && e.Kind != HallEventKind.TicketCalled)
                {
                    atWindow.Remove(was.Window);
                }

                places[e.Ticket] = e.Kind switch
                {
                    HallEventKind.TicketCalled => Called(e, was),
                    HallEventKind.TicketRecalled or HallEventKind.ServingStarted => Stays(e, was),
                    HallEventKind.NextItem or HallEventKind.Transferred or HallEventKind.Resumed => (Place.Waiting, 0),
                    HallEventKind.NoShow => (e.Value == 1 ? Place.Waiting : Place.Done, 0),
                    HallEventKind.Parked => (Place.Parked, 0),
                    HallEventKind.TicketCompleted or HallEventKind.Cancelled => (Place.Done, 0),
                    _ => throw new InvalidOperationException($"hall{h}: unexpected {e.Kind} of {e.Number}"),
                };
                if (places[e.Ticket].Place == Place.AtWindow)
                {
                    atWindow[e.Window] = e.Ticket;
                }
            }

            Assert.False(subscriptions[h].Lagged);
            Assert.Equal(snapshot.Sequence + 1, expected);
            Assert.Equal(issued[h].Order(), places.Keys.Order()); // every ticket issued is in the events, none other
            Assert.Equal(places.Count(p => p.Value.Place == Place.Waiting), snapshot.TotalWaiting);
            foreach (var (_, (place, _)) in places)
            {
                ends[place] = ends.GetValueOrDefault(place) + 1;
            }

            Assert.Equal(
                places.Where(p => p.Value.Place == Place.AtWindow).Select(p => (p.Key, p.Value.Window)).Order(),
                snapshot.AtWindows.Select(t => (t.Ticket, t.Window)).Order());
            Assert.Equal(places.Where(p => p.Value.Place == Place.Parked).Select(p => p.Key).Order(), snapshot.Parked.Select(t => t.Ticket).Order());

            (Place, int) Called(HallEvent e, (Place Place, int Window) was)
            {
                Assert.True(was.Place == Place.Waiting, $"hall{h}: {e.Number} called to {e.Window} at {e.Sequence} while {was.Place} at {was.Window}");
                Assert.False(atWindow.TryGetValue(e.Window, out var other), $"hall{h}: {e.Number} called to {e.Window} at {e.Sequence} while {other} was there");
                return (Place.AtWindow, e.Window);
            }

            (Place, int) Stays(HallEvent e, (Place Place, int Window) was)
            {
                Assert.True(was.Place == Place.AtWindow && was.Window == e.Window, $"hall{h}: {e.Kind} of {e.Number} at {e.Window} while {was.Place} at {was.Window}");
                return was;
            }
        }

        output.WriteLine($"tickets: {string.Join(", ", ends)}; refusals: {string.Join(", ", refusals)}");
        Assert.True(refusals.Count > 3, string.Join(", ", refusals)); // the mix reached the refusals a busy hall gives
    }
}
