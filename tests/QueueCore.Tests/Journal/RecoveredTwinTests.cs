using System.Text.Json;
using QueueCore.Tests.Engine;
using QueueCore.Tests.Snapshots;

namespace QueueCore.Tests.Journal;

/// <summary>
/// Held-out check of recovery: halls that went through every kind of command and run-time change (added at run time,
/// added from a saved state, redefined, restored, faulted and restored, removed and added again), with tickets in
/// category queues, parked tickets with return times, checked-in appointments and interleave counters mid-cycle,
/// across segment roll-overs and snapshots. The journal's directory is copied while the engine runs (what a crash
/// leaves on disk), a second engine recovers from the copy, and the two engines then get the same commands at the same
/// instants: every view, result, request id, event and timer must agree.
/// </summary>
public sealed class RecoveredTwinTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 0, 30, 0, TimeSpan.Zero);
    private static readonly Guid[] RequestIds = [.. Enumerable.Range(0, 40).Select(i => new Guid(i, 0, 0, new byte[8]))];

    private readonly JournalKit _kit = new();
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "queuecore-journal-copy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _kit.Dispose();
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    [Theory]
    [InlineData(JournalMode.Durable)]
    [InlineData(JournalMode.Batched)]
    public async Task CrashImage_RecoveredHalls_AnswerEveryLaterCommandAsTheLiveOnes(JournalMode mode)
    {
        var liveClock = new SteppingClock(Morning);
        await using var live = Engine(_kit.Directory, mode, liveClock);
        var main = live.AddHall(Definition("main"));
        live.Start();
        var random = new Random(12);
        var tickets = new Dictionary<string, List<long>>();

        // Halls and run-time changes of every kind, with traffic between them.
        await main.OpenDayAsync();
        await Traffic(main, 300);
        var runtime = live.AddHall(Definition("runtime"));
        await runtime.OpenDayAsync();
        await Traffic(runtime, 200);
        var runtimeSaved = await runtime.SaveStateAsync();
        await Traffic(runtime, 200);

        var offline = new Hall(Definition("from-state"));
        offline.Apply(HallCommand.OpenDay(), liveClock.Now);
        var offlineTickets = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var r = offline.Apply(Next(random, offlineTickets, liveClock.Now), liveClock.Now);
            if (r.Ticket != 0 && !offlineTickets.Contains(r.Ticket))
            {
                offlineTickets.Add(r.Ticket);
            }
        }

        var fromState = live.AddHall(Definition("from-state"), offline.SaveState());
        tickets["from-state"] = offlineTickets;
        await Traffic(fromState, 200);

        var gone = live.AddHall(Definition("gone"));
        await gone.OpenDayAsync();
        await Traffic(gone, 100);
        Assert.True(await live.RemoveHallAsync("gone"));
        tickets.Remove("gone");
        gone = live.AddHall(Definition("gone") with { Name = "Back again" });
        await gone.OpenDayAsync();
        await Traffic(gone, 150);

        await main.RedefineAsync(Definition("main") with
        {
            Name = "Renamed",
            Windows = [.. Definition("main").Windows, new() { Id = 6, Skills = [new() { Category = "B" }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(6) }] }],
        });
        await Traffic(main, 300);

        await runtime.RestoreAsync(runtimeSaved);
        await Traffic(runtime, 200);

        var faulty = live.AddHall(Definition("faulty"));
        await faulty.OpenDayAsync();
        await Traffic(faulty, 150);
        var faultySaved = await faulty.SaveStateAsync();
        await Traffic(faulty, 50);
        faulty.Entry.FailWhen = c => c.Kind == CommandKind.CallNext;
        Assert.Equal(QueueError.HallFaulted, (await faulty.CallNextAsync(1)).Error);
        faulty.Entry.FailWhen = null;
        await faulty.RestoreAsync(faultySaved);
        await Traffic(faulty, 150);

        HallHandle[] halls = [main, runtime, fromState, gone, faulty];
        for (var round = 0; round < 6; round++)
        {
            foreach (var hall in halls)
            {
                await Traffic(hall, 120);
            }
        }

        Assert.True(Directory.GetFiles(_kit.Directory, "*.qlog", SearchOption.AllDirectories).Select(Path.GetFileName).Any(n => n != JournalWriter.SegmentName(0)), "the segments rolled over");

        // What a crash leaves on disk: the directory as it is, the engine still running.
        await CopyWhenQuiet(_kit.Directory, _copy);
        var twinClock = new SteppingClock(liveClock.Now);
        await using var twin = Engine(_copy, mode, twinClock);
        twin.Start();
        Assert.True(twin.Recovery!.Damage.Count == 0, string.Join("; ", twin.Recovery.Damage));
        Assert.Equal(halls.Select(h => h.Id).Order(StringComparer.Ordinal), twin.Recovery.Halls);

        var pairs = halls.Select(h => (Live: h, Twin: twin.TryGetHall(h.Id, out var t) ? t : throw new InvalidOperationException(h.Id))).ToArray();
        foreach (var (a, b) in pairs)
        {
            await AssertSameViews(a, b);
        }

        // The same commands at the same instants, to both: the same results, events and timers.
        var subscriptions = pairs.Select(p => (Live: p.Live.Subscribe(), Twin: p.Twin.Subscribe())).ToArray();
        for (var step = 0; step < 1500; step++)
        {
            if (random.Next(6) == 0)
            {
                var delta = TimeSpan.FromSeconds(random.Next(-60, 400)); // now and then the wall clock steps back
                liveClock.Now += delta;
                twinClock.Now += delta;
                // Due timers fire at this instant before the next command, whether the shard's own tick came first or not.
                // Every hall of both engines at once: halls are independent, and each acknowledgement waits for its
                // journal's flush, so one at a time made this test wait for thousands of flushes in a row.
                await Task.WhenAll(pairs.SelectMany(p => new[] { p.Live.SubmitAsync(HallCommand.Tick()).AsTask(), p.Twin.SubmitAsync(HallCommand.Tick()).AsTask() }));
            }

            var (liveHall, twinHall) = pairs[random.Next(pairs.Length)];
            var command = Next(random, tickets[liveHall.Id], liveClock.Now);
            var liveResult = liveHall.SubmitAsync(command).AsTask(); // both engines at once, as above: the twin does not see the live one
            var twinResult = twinHall.SubmitAsync(command).AsTask();
            var expected = await liveResult;
            var actual = await twinResult;
            Assert.True(expected == actual, $"{liveHall.Id}, step {step}, {command.Kind}: {expected} vs {actual}");
            Note(tickets[liveHall.Id], expected);
        }

        for (var i = 0; i < pairs.Length; i++)
        {
            var (liveEvents, twinEvents) = subscriptions[i];
            Assert.False(liveEvents.Lagged || twinEvents.Lagged);
            Assert.Equal(Drain(liveEvents), Drain(twinEvents));
            await AssertSameViews(pairs[i].Live, pairs[i].Twin);
            liveEvents.Dispose();
            twinEvents.Dispose();
        }

        async Task Traffic(HallHandle hall, int count)
        {
            var list = tickets.TryGetValue(hall.Id, out var l) ? l : tickets[hall.Id] = [];
            for (var i = 0; i < count; i++)
            {
                if (random.Next(8) == 0)
                {
                    liveClock.Now += TimeSpan.FromSeconds(random.Next(0, 200));
                }

                Note(list, await hall.SubmitAsync(Next(random, list, liveClock.Now)));
            }
        }
    }

    private static void Note(List<long> tickets, in CommandResult result)
    {
        if (result.Ticket != 0 && !tickets.Contains(result.Ticket))
        {
            tickets.Add(result.Ticket);
        }
    }

    /// <summary>Random traffic, with appointments checked in (some early, some late, some twice) and queries.</summary>
    private static HallCommand Next(Random random, List<long> tickets, DateTimeOffset now) => random.Next(14) switch
    {
        0 => HallCommand.IssueTicket(
            new ServiceItemList([random.Next(1, 9)]), appointment: "ref-" + random.Next(0, 60), appointmentSlot: now.AddMinutes(random.Next(-20, 40)))
            with { RequestId = random.Next(3) == 0 ? RequestIds[random.Next(RequestIds.Length)] : Guid.Empty },
        1 when tickets.Count > 0 => HallCommand.QueryTicket(tickets[random.Next(tickets.Count)]),
        2 => HallCommand.FinishAndPause(random.Next(1, 7), "lunch"),
        _ => RandomHallTraffic.Next(random, tickets, now),
    };

    private static HallDefinition Definition(string id) => RandomHallTraffic.Definition() with
    {
        Id = id,
        TimeZone = "Asia/Shanghai",
        RememberedRequests = 16, // requests forgotten in order, as the live hall forgot them
        RetainedCompletedTickets = 40,
        WindowSelection = id switch
        {
            "runtime" => WindowSelection.FewestServed,
            "main" => WindowSelection.RoundRobin, // redefined mid-day: the turns carry over
            "faulty" => WindowSelection.LeastBusy, // restored after a fault
            _ => WindowSelection.LongestIdle,
        },
        Park = new ParkPolicy { AutoResumeAfter = TimeSpan.FromMinutes(7) },
    };

    private static QueueEngine Engine(string directory, JournalMode mode, TimeProvider clock) => new(
        new QueueEngineOptions
        {
            ShardCount = 2,
            IngressCapacity = 1024,
            SubscriberBufferSize = 1 << 16,
            Journal = new JournalOptions { Directory = directory, Mode = mode, SegmentBytes = 64 << 10, FlushInterval = TimeSpan.FromMilliseconds(2) },
        },
        clock);

    private static async Task AssertSameViews(HallHandle a, HallHandle b)
    {
        var id = a.Id;
        Assert.Equal(Json(await a.SaveStateAsync()), Json(await b.SaveStateAsync()));
        // The range of sequence numbers a run-time restore gave out twice is the engine's, "since the engine started".
        Assert.Equal(
            Json(await a.GetSnapshotAsync() with { RenumberedAfter = 0, RenumberedThrough = 0 }),
            Json(await b.GetSnapshotAsync()));
        foreach (var window in a.Definition.Windows)
        {
            Assert.Equal(Json(await a.GetWindowQueueAsync(window.Id, 0, 500)), Json(await b.GetWindowQueueAsync(window.Id, 0, 500)));
            Assert.True(await a.GetLastFinishedAsync(window.Id) == await b.GetLastFinishedAsync(window.Id), $"{id}: last finished at window {window.Id}");
        }

        foreach (var service in a.Definition.Services)
        {
            Assert.Equal(Json(await a.GetServiceQueueAsync(service.Id, 0, 500)), Json(await b.GetServiceQueueAsync(service.Id, 0, 500)));
        }

        foreach (var request in RequestIds)
        {
            Assert.True(await a.GetRequestResultAsync(request) == await b.GetRequestResultAsync(request), $"{id}: request {request}");
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static List<HallEvent> Drain(EventSubscription subscription)
    {
        var events = new List<HallEvent>();
        while (subscription.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Copies the journal once its files stop changing (a snapshot saved off the shard thread may still be written).</summary>
    private static async Task CopyWhenQuiet(string from, string to)
    {
        string Listing() => string.Join("\n", Directory.GetFiles(from, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => $"{f} {new FileInfo(f).Length}"));
        var last = Listing();
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(100);
            var now = Listing();
            if (now == last)
            {
                break;
            }

            last = now;
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative == JournalStore.LockFile)
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
