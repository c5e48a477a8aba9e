using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace QueueCore.Tests.Engine;

/// <summary>
/// DOMAIN.md's integrity rule 8 attacked from outside, all at once: kiosks issuing, clerks opening any window and
/// calling, finishing, missing, transferring, parking, resuming, recalling and pausing, an admin redefining the hall,
/// closing and opening its day, removing it and adding it again, and a reader that drops its subscription now and
/// then and resumes from the last sequence it saw. Afterwards the events (<see cref="HallIntegrityModel"/>) say no
/// number went to two citizens, no ticket was at two windows or served twice, no clerk held two windows, none was lost,
/// and the hall's own snapshot agrees; with a journal a restarted engine gives the identical hall, and numbers on.
/// </summary>
public class HallIntegrityLoadTests(ITestOutputHelper output)
{
    private const string Id = "hall";
    private const int MaxWindow = 6;
    private const int OperationsPerClerk = 300;
    private const int TicketsPerKiosk = 250;
    private const int AdminOperations = 40;

    private static HallDefinition Definition(int variant) => new()
    {
        Id = Id,
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Category = "A" }] },
            new() { Id = 3, Skills = [new() { Category = "B" }, new() { Service = 1, Tier = SkillTier.Overflow }] },
            new() { Id = 4, Skills = (variant & 1) == 0 ? [new() { Service = 3 }] : [new() { Category = "A" }, new() { Category = "B" }] },
            .. (variant & 2) == 0 ? [new WindowDefinition { Id = 5, Comprehensive = true }] : Array.Empty<WindowDefinition>(),
            .. (variant & 4) == 0 ? [new WindowDefinition { Id = 6, Skills = [new() { Service = 2 }] }] : Array.Empty<WindowDefinition>(),
        ],
    };

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(1, false, false)]
    [InlineData(2, true, false)]
    [InlineData(2, false, false)]
    [InlineData(1, false, true)]
    [InlineData(2, false, true)]
    [InlineData(2, true, true)]
    public async Task Commands_FromKiosksClerksAndAdminAtOnce_NoNumberTwiceNoTicketAtTwoWindowsNoneLostAndARestartGivesTheSameHall(int shards, bool inline, bool journal)
    {
        var directory = Path.Combine(Path.GetTempPath(), "queuecore-integrity-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var options = new QueueEngineOptions
        {
            ShardCount = shards,
            ApplyOnCallingThread = inline,
            IngressCapacity = 1024,
            HistorySize = 1 << 16,
            SubscriberBufferSize = 1 << 16,
            Journal = journal ? new JournalOptions { Directory = directory, FlushInterval = TimeSpan.FromMilliseconds(2) } : new JournalOptions(),
        };
        try
        {
            var load = new Load(output, time);
            string before, beforeState;
            await using (var engine = new QueueEngine(options, time))
            {
                var first = engine.AddHall(Definition(0));
                engine.Start();
                await load.RunAsync(engine, first);
                var hall = load.Current;
                var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Full).Bounded();
                load.CheckAgainst(snapshot);
                before = Json(snapshot);
                beforeState = JsonSerializer.Serialize(await hall.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout));
                if (!journal)
                {
                    await load.IssueOneMoreAsync(hall);
                    return;
                }
            }

            await using var again = new QueueEngine(options, time);
            again.Start();
            Assert.True(again.TryGetHall(Id, out var recovered));
            Assert.Equal(before, Json(await recovered.GetSnapshotAsync(SnapshotDetail.Full).Bounded()));
            Assert.Equal(beforeState, JsonSerializer.Serialize(await recovered.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout)));
            await load.IssueOneMoreAsync(recovered);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Json(HallSnapshot snapshot) => JsonSerializer.Serialize(snapshot);

    /// <summary>The devices and the admin of one hall, and the events of each hall that had its id, in order.</summary>
    private sealed class Load(ITestOutputHelper output, FakeTimeProvider time)
    {
        private readonly ConcurrentQueue<long> _issued = new();
        private readonly ConcurrentDictionary<QueueError, int> _refusals = new();
        private readonly List<Task> _readers = [];
        private readonly List<List<HallEvent>> _events = [];
        private readonly HallIntegrityModel _model = new();
        private HallHandle _current = null!;
        private int _progress;
        private int _removals;

        public HallHandle Current => Volatile.Read(ref _current);

        public async Task RunAsync(QueueEngine engine, HallHandle first)
        {
            Publish(first);
            await EngineTestKit.OpenAsync(first);
            var clerks = Math.Max(4, Environment.ProcessorCount * 2);
            var kiosks = Math.Max(2, Environment.ProcessorCount);
            var workers = Enumerable.Range(0, kiosks).Select(k => Task.Run(() => KioskAsync(k)))
                .Concat(Enumerable.Range(0, clerks).Select(c => Task.Run(() => ClerkAsync(c))))
                .ToList();
            var admin = Task.Run(() => AdminAsync(engine, (kiosks * TicketsPerKiosk) + (clerks * OperationsPerClerk)));
            await Task.WhenAll([.. workers, admin]).WaitAsync(TimeSpan.FromSeconds(60));

            // The day open at the end, so a ticket can be issued after (a restart) and the last hall's events all read.
            var open = await Current.OpenDayAsync().Bounded();
            Assert.True(open.IsSuccess || open.Error == QueueError.DayWrongState, open.ToString());
            output.WriteLine($"removals: {_removals}; refusals: {string.Join(", ", _refusals.OrderBy(r => r.Key))}");
            Assert.Contains(QueueError.ClerkBusy, _refusals.Keys); // clerks did reach for windows other clerks held
        }

        /// <summary>Reads every hall's events to its end (the last one's to the snapshot), checking each as it goes.</summary>
        public void CheckAgainst(HallSnapshot snapshot)
        {
            var halls = _readers.Count;
            for (var h = 0; h < halls; h++)
            {
                if (h > 0)
                {
                    _model.HallRemoved();
                }

                if (h < halls - 1)
                {
                    _readers[h].WaitAsync(EngineTestKit.Timeout).GetAwaiter().GetResult(); // a removed hall's reader ends
                }

                var events = h < halls - 1 ? _events[h] : DrainLast(snapshot.Sequence);
                foreach (var e in events)
                {
                    _model.Read(e);
                }
            }

            var places = _model.Tickets.Values.GroupBy(t => t.Place).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"halls: {halls}; events: {_model.Events}; tickets: {string.Join(", ", places)}");
            Assert.Equal(snapshot.Sequence, _model.LastSequence);
            var missing = _issued.Except(_model.Tickets.Keys).ToList();
            Assert.True(missing.Count == 0, $"tickets a kiosk was given, in no event: {string.Join(", ", missing.Take(10))}; halls' events: {string.Join(", ", _events.Select(e => $"{e.Count} to {LastRead(e)}"))}");
            Assert.Equal(_issued.Order(), _model.Tickets.Keys.Order()); // every ticket a kiosk was given is in the events, none other
            Assert.True(_issued.Count > 100, $"only {_issued.Count} tickets issued");

            // None lost: what the events say is where each ticket is, the hall says too.
            Assert.Equal(_model.Tickets.Count(t => t.Value.Place == HallIntegrityModel.Place.Waiting), snapshot.TotalWaiting);
            var waiting = _model.Tickets.Where(t => t.Value.Place == HallIntegrityModel.Place.Waiting).Select(t => t.Key).ToHashSet();
            Assert.All(snapshot.Waiting, t => Assert.Contains(t.Ticket, waiting));
            Assert.Equal(
                _model.Tickets.Where(t => t.Value.Place == HallIntegrityModel.Place.AtWindow).Select(t => (t.Key, t.Value.Window)).Order(),
                snapshot.AtWindows.Select(t => (t.Ticket, t.Window)).Order());
            Assert.Equal(_model.Tickets.Where(t => t.Value.Place == HallIntegrityModel.Place.Parked).Select(t => t.Key).Order(), snapshot.Parked.Select(t => t.Ticket).Order());
            Assert.DoesNotContain(_model.Tickets.Values, t => t.Place == HallIntegrityModel.Place.Finishing);
            Assert.Equal(
                _model.OpenWindows.Select(w => (w.Key, w.Value)).Order(),
                snapshot.Windows.Where(w => w.State != WindowState.Closed).Select(w => (w.Window, w.Clerk)).Order());
        }

        /// <summary>One more ticket, after everything (and after a restart): its number is nobody's in the hall today.</summary>
        public async Task IssueOneMoreAsync(HallHandle hall)
        {
            var result = await hall.IssueTicketAsync(1).Bounded();
            Assert.True(result.IsSuccess, result.ToString());
            Assert.False(_model.IsTaken(result.Number.ToString()), $"{result.Number} given again after the load (a restart repeated a number)");
            Assert.DoesNotContain(result.Ticket, _model.Tickets.Keys);
        }

        private void Publish(HallHandle hall)
        {
            // Subscribed before any command reaches the hall, so its reader sees every event from the first.
            var subscription = hall.Subscribe(bufferSize: 1 << 16);
            var events = new List<HallEvent>();
            _events.Add(events);
            var addedAgain = _readers.Count > 0;
            _readers.Add(Task.Run(() => ReadAsync(hall, subscription, events, addedAgain)));
            Volatile.Write(ref _current, hall);
        }

        /// <summary>
        /// Every event of one hall until it is removed. Every 200th, a second reader resumes 50 events back, as a screen
        /// that lost its connection does, and must read those 50 again, the same, in order (unless the hall was removed
        /// meanwhile, or is one added again with a removed hall's id, whose numbers a resuming reader cannot be trusted
        /// with: docs/engine.md says it starts Lagged then).
        /// </summary>
        private static async Task ReadAsync(HallHandle hall, EventSubscription subscription, List<HallEvent> events, bool addedAgain)
        {
            using (subscription)
            {
                while (true)
                {
                    var read = await subscription.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(120));
                    if (read.Status == EventReadStatus.Completed)
                    {
                        return;
                    }

                    Assert.True(read.IsEvent, $"the reader of {hall.Id} read {read.Status} after {events.Count} events");
                    int count;
                    lock (events)
                    {
                        events.Add(read.Event);
                        count = events.Count;
                    }

                    if (count % 200 == 0)
                    {
                        await ResumeAsync(hall, events.GetRange(count - 50, 50), addedAgain);
                    }
                }
            }
        }

        private static async Task ResumeAsync(HallHandle hall, List<HallEvent> expected, bool addedAgain)
        {
            using var resumed = hall.Subscribe(afterSequence: expected[0].Sequence - 1, bufferSize: 1 << 16);
            foreach (var e in expected)
            {
                var read = await resumed.ReadAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
                if (read.Status == EventReadStatus.Completed || (read.Status == EventReadStatus.Lagged && addedAgain))
                {
                    return;
                }

                Assert.True(read.IsEvent, $"a reader resuming {hall.Id} after {expected[0].Sequence - 1} read {read.Status}");
                Assert.Equal(e, read.Event);
            }
        }

        private List<HallEvent> DrainLast(long lastSequence)
        {
            // The last hall is never removed: its reader is done once it has read up to the snapshot.
            var events = _events[^1];
            var deadline = DateTime.UtcNow + EngineTestKit.Timeout;
            while (LastRead(events) < lastSequence && !_readers[^1].IsCompleted && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10); // polling for the reader to catch up; nothing here races on the timing
            }

            Assert.False(_readers[^1].IsFaulted, _readers[^1].Exception?.ToString());
            lock (events)
            {
                return [.. events];
            }
        }

        private static long LastRead(List<HallEvent> events)
        {
            lock (events)
            {
                return events.Count == 0 ? 0 : events[^1].Sequence;
            }
        }

        private async Task KioskAsync(int kiosk)
        {
            var random = new Random(1000 + kiosk);
            for (var i = 0; i < TicketsPerKiosk; i++)
            {
                var services = new ServiceItemList([.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => 1 + random.Next(3)).Distinct()]);
                var result = await Current.IssueTicketAsync(services, age: (byte)(random.Next(5) == 0 ? 80 : 30)).Bounded();
                if (result.IsSuccess)
                {
                    _issued.Enqueue(result.Ticket);
                }

                Note(result);
                Interlocked.Increment(ref _progress);
            }
        }

        private async Task ClerkAsync(int index)
        {
            var random = new Random(index);
            var clerk = 101 + index;
            for (var i = 0; i < OperationsPerClerk; i++)
            {
                var w = 1 + random.Next(MaxWindow);
                var known = _issued.ToArray();
                var ticket = known.Length == 0 ? 1 : known[random.Next(known.Length)];
                var hall = Current;
                var result = await (random.Next(22) switch
                {
                    0 or 1 => hall.OpenWindowAsync(w, clerk),
                    2 => hall.CloseWindowAsync(w),
                    3 or 4 => hall.CallNextAsync(w),
                    5 or 6 or 7 => hall.FinishAndCallNextAsync(w),
                    8 => hall.CallTicketAsync(w, ticket),
                    9 => hall.RecallAsync(w),
                    10 or 11 => hall.StartServingAsync(w),
                    12 => hall.FinishAsync(w),
                    13 => hall.NoShowAsync(w),
                    14 => hall.TransferToServiceAsync(w, 1 + random.Next(3)),
                    15 => hall.TransferToWindowAsync(w, 1 + random.Next(MaxWindow)),
                    16 => hall.ParkAsync(w, "document"),
                    17 => hall.ResumeParkedAsync(ticket),
                    18 => hall.CancelTicketAsync(ticket, "left"),
                    19 => hall.RateAsync(ticket, 1 + random.Next(5)),
                    20 => hall.PauseWindowAsync(w, "break"),
                    _ => hall.ResumeWindowAsync(w),
                }).Bounded();
                Note(result);
                Interlocked.Increment(ref _progress);
            }
        }

        private async Task AdminAsync(QueueEngine engine, int operations)
        {
            var random = new Random(77);
            for (var i = 1; i <= AdminOperations; i++)
            {
                // Spread over the load: the next change waits for the devices to get on (a pace, not a synchronisation).
                while (Volatile.Read(ref _progress) < i * (operations / (AdminOperations + 4)) && Volatile.Read(ref _progress) < operations - (operations / 20))
                {
                    await Task.Delay(1);
                }

                time.Advance(TimeSpan.FromSeconds(20));
                var hall = Current;
                switch (random.Next(10))
                {
                    case 0 or 1 or 2:
                        try
                        {
                            await hall.RedefineAsync(Definition(random.Next(8))).AsTask().WaitAsync(EngineTestKit.Timeout);
                        }
                        catch (ArgumentException e) when (e.ParamName == "definition")
                        {
                            _refusals.AddOrUpdate(QueueError.InvalidArgument, 1, (_, n) => n + 1); // a window to remove still open
                        }

                        break;
                    case 3 or 4:
                        Note(await hall.CloseDayAsync(random.Next(2) == 0 ? DayClosePolicy.CancelWaiting : DayClosePolicy.ServeRemaining).Bounded());
                        break;
                    case 5 or 6 or 7:
                        Note(await hall.OpenDayAsync().Bounded());
                        break;
                    default:
                        if (_removals >= 3)
                        {
                            Note(await hall.OpenDayAsync().Bounded());
                            break;
                        }

                        Assert.True(await engine.RemoveHallAsync(Id).Bounded());
                        _removals++;
                        var again = engine.AddHall(Definition(random.Next(8)));
                        Publish(again);
                        Note(await again.OpenDayAsync().Bounded());
                        break;
                }
            }
        }

        private void Note(CommandResult result)
        {
            if (!result.IsSuccess)
            {
                // Refused as a busy hall refuses: a reason the device can show, never a crash.
                Assert.NotEqual(QueueError.None, result.Error);
                Assert.False(string.IsNullOrWhiteSpace(result.Message), result.ToString());
                _refusals.AddOrUpdate(result.Error, 1, (_, n) => n + 1);
            }
        }
    }
}
