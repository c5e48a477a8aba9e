using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The call screen's stream: every call in order, and resuming after a dropped connection.</summary>
public class DisplayStreamTests(ITestOutputHelper output)
{
    private const string Hall = "hall-d";

    private Task<ServerKit> StartAsync(Action<ServerSetup>? more = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3));
        Traffic.Unlimited(s);
        more?.Invoke(s);
    });

    [Fact]
    public async Task Watch_CallsMade_SeesEveryCallInOrderWithIncreasingSequence()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2, 3);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        var first = await screen.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.Empty(first.Snapshot.RecentCalls);

        var made = new List<Ticket>();
        for (var i = 0; i < 9; i++)
        {
            made.Add(await server.CallAsync(Hall, window: (i % 3) + 1));
        }

        var calls = new List<Call>();
        var sequence = first.Sequence;
        while (calls.Count < made.Count)
        {
            var update = await screen.ResponseStream.NextAsync();
            Assert.True(update.Sequence >= sequence, $"sequence went back from {sequence} to {update.Sequence}");
            sequence = update.Sequence;
            if (update.Call is { } call)
            {
                Assert.Equal(update.Sequence, call.Sequence);
                calls.Add(call);
            }
        }

        Assert.Equal(made.Select(t => (t.Id, t.Number, t.Window)), calls.Select(c => (c.Ticket, c.Number, c.Window)));
        Assert.Equal(made.Select(t => t.Sequence), calls.Select(c => c.Sequence));
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.Sequence > pair.First.Sequence));
    }

    [Fact]
    public async Task Watch_Snapshots_CarryTheHallsTimeZone()
    {
        // A screen PC left on another time zone showed the calls' times hours off: the snapshot tells it the hall's.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 1) with { TimeZone = "Asia/Shanghai" });
        });
        using var screen = server.Display().Watch(new() { Hall = Hall });
        Assert.Equal("Asia/Shanghai", (await screen.ResponseStream.NextAsync()).Snapshot.TimeZone);

        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();

        Assert.Equal("Asia/Shanghai", (await screen.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null)).Snapshot.TimeZone);
    }

    [Fact]
    public async Task Watch_ResumedAfterDroppedConnection_GetsWhatItMissedOnce()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        long last;
        var before = new List<long>();
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            last = (await screen.ResponseStream.NextAsync()).Sequence;
            for (var i = 0; i < 3; i++)
            {
                before.Add((await server.CallAsync(Hall, window: 1)).Id);
            }

            while (before.Count > 0)
            {
                var update = await screen.ResponseStream.NextAsync();
                last = update.Sequence;
                if (update.Call is { } call)
                {
                    Assert.Equal(before[0], call.Ticket);
                    before.RemoveAt(0);
                }
            }
        } // the connection drops

        var missed = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            missed.Add((await server.CallAsync(Hall, window: 2)).Id);
        }

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var seen = new List<long>();
        while (seen.Count < missed.Count)
        {
            var update = await resumed.ResponseStream.NextAsync();
            Assert.Null(update.Snapshot); // the log still reaches back: no snapshot, just what was missed
            // Only waiting counts may come again (they carry the sequence of the event before them).
            Assert.True(update.Sequence > last || update.Waiting is not null, $"update {update.Sequence} was already seen (last {last})");
            if (update.Call is { } call)
            {
                seen.Add(call.Ticket);
            }
        }

        Assert.Equal(missed, seen);
    }

    [Fact]
    public async Task Watch_ResumedRightAfterACall_StillGetsTheWaitingCountsThatFollowedIt()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var witness = server.Display().Watch(new() { Hall = Hall });
        await witness.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        await witness.ResponseStream.NextMatchingAsync(u => WaitingFor(u, service: 1) == 1);

        long seenCall;
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            Assert.Equal(1, (await screen.ResponseStream.NextAsync()).Snapshot.Waiting.Single(w => w.Service == 1).Waiting);
            await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            seenCall = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Sequence;
        } // dropped right after the call, before the waiting counts that follow it

        // The counts after the call are in the log now (another screen got them), with the call's sequence.
        Assert.Equal(seenCall, (await witness.ResponseStream.NextMatchingAsync(u => WaitingFor(u, service: 1) == 0)).Sequence);

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = seenCall });
        var update = await resumed.ResponseStream.NextAsync();
        Assert.Null(update.Call); // the call is not shown twice
        Assert.Equal(0, WaitingFor(update, service: 1)); // and the screen does not go on showing one waiting
    }

    [Fact]
    public async Task Watch_ResumedAfterCountsChangedSeveralTimes_GetsOnlyTheNewestCounts()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var witness = server.Display().Watch(new() { Hall = Hall });
        var last = (await witness.ResponseStream.NextAsync()).Sequence;

        // The screen is away while three tickets are taken, each count refreshed (the witness sees 1, 2, then 3).
        for (var waiting = 1; waiting <= 3; waiting++)
        {
            await server.TakeAsync(Hall);
            await witness.ResponseStream.NextMatchingAsync(u => WaitingFor(u, service: 1) == waiting);
        }

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var update = await resumed.ResponseStream.NextAsync();
        Assert.Null(update.Snapshot); // resumed from the log, not a fresh snapshot
        Assert.Equal(3, WaitingFor(update, service: 1)); // the screen does not count up through counts already replaced
    }

    [Fact]
    public async Task Watch_WaitingCounts_CarryEachItemsCategoryNameAndPrefix()
    {
        // Category "b" has no display name: the screen shows its id.
        const string Categories = "hall-c";
        var small = TestHalls.Small(Categories, windows: 1);
        var hall = small with
        {
            Categories = [.. small.Categories, new() { Id = "b", Prefix = "B" }],
            Services = [.. small.Services, new() { Id = 3, Category = "b", Name = "Service three" }],
            Windows = [.. small.Windows.Select(w => w with { Skills = [.. w.Skills, new() { Category = "b" }] })],
        };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(hall);
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Categories, 1);
        using var live = server.Display().Watch(new() { Hall = Categories });
        await live.ResponseStream.NextAsync();
        await server.TakeAsync(Categories, service: 3);

        var update = await live.ResponseStream.NextMatchingAsync(u => WaitingFor(u, service: 3) == 1);
        using var fresh = server.Display().Watch(new() { Hall = Categories });
        var snapshot = (await fresh.ResponseStream.NextAsync()).Snapshot;

        (int, string, string, string, int)[] expected = [(1, "a", "General", "A", 0), (2, "a", "General", "A", 0), (3, "b", "b", "B", 1)];
        Assert.Equal(expected, update.Waiting.Services.Select(w => (w.Service, w.Category, w.CategoryName, w.Prefix, w.Waiting)));
        Assert.Equal(expected, snapshot.Waiting.Select(w => (w.Service, w.Category, w.CategoryName, w.Prefix, w.Waiting)));
    }

    [Fact]
    public async Task Watch_NextDay_ScreensStartWithoutYesterdaysCalls()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var yesterday = await server.CallAsync(Hall, window: 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await FeedHasAsync(server, yesterday);
        using var live = server.Display().Watch(new() { Hall = Hall, Windows = { 1 } });
        Assert.Equal([yesterday.Id], (await live.ResponseStream.NextAsync()).Snapshot.RecentCalls.Select(c => c.Ticket));

        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        var opened = await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();

        // The screen left on overnight starts the day over; one that connects in the morning shows no call either.
        var morning = await live.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null);
        Assert.True(morning.Sequence <= opened.Sequence, $"the day's snapshot is at {morning.Sequence}, the day opened by {opened.Sequence}");
        Assert.Empty(morning.Snapshot.RecentCalls);
        Assert.Empty(morning.Snapshot.Current);
        using var fresh = server.Display().Watch(new() { Hall = Hall });
        var first = await fresh.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null && u.Sequence >= morning.Sequence);
        Assert.Empty(first.Snapshot.RecentCalls);

        // Today's first ticket has yesterday's first number: the screen shows it once, as today's.
        var today = await server.CallAsync(Hall, window: 1);
        Assert.Equal(yesterday.Number, today.Number);
        Assert.Equal(today.Id, (await live.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
        using var later = server.Display().Watch(new() { Hall = Hall });
        var recent = (await later.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null && u.Sequence >= today.Sequence)).Snapshot.RecentCalls;
        Assert.Equal([today.Id], recent.Select(c => c.Ticket));
    }

    [Fact]
    public async Task Watch_NextDayOpenedBeforeTheCountsRefresh_SnapshotShowsNobodyWaiting()
    {
        // Refreshes 2 s apart (and up to half as long again): the day closes and opens again well within one.
        await using var server = await StartAsync(s => s.Settings["QueueCoreServer:FiguresRefresh"] = "00:00:02");
        using var live = server.Display().Watch(new() { Hall = Hall });
        await live.ResponseStream.NextAsync();
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        await live.ResponseStream.NextMatchingAsync(u => WaitingFor(u, service: 1) == 2);

        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded(); // both cancelled
        await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();

        // Nothing can wait when a day opens: the morning's snapshot says so at once, not yesterday's last counts until
        // the next refresh.
        var morning = await live.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null);
        Assert.All(morning.Snapshot.Waiting, w => Assert.Equal(0, w.Waiting));
        Assert.NotEmpty(morning.Snapshot.Waiting);
    }

    /// <summary>
    /// Waits until the hall's feed has taken in the call of <paramref name="called"/>: it follows the engine
    /// asynchronously, so a screen opened right after a terminal's answer may start from a snapshot before the call
    /// (and get the call live next). A screen from the start sees the call once the feed has it.
    /// </summary>
    private static async Task FeedHasAsync(ServerKit server, Ticket called)
    {
        using var probe = server.Display().Watch(new() { Hall = Hall });
        var start = await probe.ResponseStream.NextAsync();
        if (start.Sequence < called.Sequence)
        {
            await probe.ResponseStream.NextMatchingAsync(u => u.Call is not null && u.Call.Ticket == called.Id);
        }
    }

    private static int? WaitingFor(DisplayUpdate update, int service) =>
        update.Waiting?.Services.SingleOrDefault(w => w.Service == service)?.Waiting;

    [Fact]
    public async Task Watch_HundredForcedReconnects_SeesEveryCallExactlyOnceInOrder()
    {
        await using var server = await StartAsync(s => s.Settings["QueueCoreServer:StreamHistory"] = "65536");
        await server.OpenAsync(Hall, 1, 2, 3);
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var display = server.Display();

        long last;
        using (var screen = display.Watch(new() { Hall = Hall }))
        {
            last = (await screen.ResponseStream.NextAsync()).Sequence;
        }

        var made = new List<long>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var called = await server.CallAsync(Hall, window: (i % 3) + 1);
                lock (made)
                {
                    made.Add(called.Id);
                }
            }
        });

        var seen = new List<long>();
        var lastCall = 0L;
        async Task ReadAsync(AsyncServerStreamingCall<DisplayUpdate> screen)
        {
            var update = await screen.ResponseStream.NextAsync();
            Assert.Null(update.Snapshot); // a snapshot on resume would mean calls lost
            Assert.True(update.Sequence >= last, $"update {update.Sequence} is older than the last seen {last}");
            last = update.Sequence;
            if (update.Call is { } call)
            {
                Assert.True(call.Sequence > lastCall, $"call at {call.Sequence} seen twice or out of order (last call {lastCall})");
                lastCall = call.Sequence;
                seen.Add(call.Ticket);
            }
        }

        for (var reconnect = 0; reconnect < 100; reconnect++)
        {
            using var screen = display.Watch(new() { Hall = Hall, AfterSequence = last });
            var reads = random.Next(0, 6);
            for (var r = 0; r < reads; r++)
            {
                await ReadAsync(screen);
            }

            if (random.Next(4) == 0)
            {
                await Task.Yield(); // sometimes cut while more arrives unread
            }
        } // each iteration cuts the connection wherever it was

        await stop.CancelAsync();
        await traffic.WaitAsync(Rpc.Timeout);
        Assert.True(made.Count > 0);
        using (var screen = display.Watch(new() { Hall = Hall, AfterSequence = last }))
        {
            while (seen.Count < made.Count)
            {
                await ReadAsync(screen);
            }
        }

        Assert.Equal(made, seen);
        output.WriteLine($"{made.Count} calls over 100 reconnects");
        // A screen going away is ordinary, not an error of the stream's code. (A cut before the request message was
        // even read is logged as an error by Grpc.AspNetCore itself, before any service code runs.)
        Assert.DoesNotContain(server.ErrorLogs, log => log.Contains("QueueCore.Grpc.Services", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_AfterSequenceTheLogNoLongerHolds_StartsWithFreshSnapshot()
    {
        await using var server = await StartAsync(s => s.Settings["QueueCoreServer:StreamHistory"] = "16");
        await server.OpenAsync(Hall, 1);
        Ticket called = null!;
        for (var i = 0; i < 12; i++)
        {
            called = await server.CallAsync(Hall, window: 1); // several log entries per call: far more than 16
        }

        await FeedHasAsync(server, called); // so the log the resuming screen meets is the one this test means

        using var screen = server.Display().Watch(new() { Hall = Hall, AfterSequence = 1 });
        var first = await screen.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.True(first.Sequence >= called.Sequence, $"snapshot at {first.Sequence}, the last call was at {called.Sequence}");
        var current = Assert.Single(first.Snapshot.Current);
        Assert.Equal((called.Id, 1), (current.Ticket, current.Window));
        Assert.Equal(called.Number, first.Snapshot.RecentCalls[0].Number); // most recent first
    }

    [Fact]
    public async Task Watch_ScreenTooSlowToRead_FallsBehindAndGetsAFreshSnapshot_CallsBeforeItInOrderOnce()
    {
        // A screen that stops reading (a hung browser tab, a slow link) while the hall goes on: once HTTP/2 flow control
        // holds its stream back, the hall moves past the 16 entries the server keeps, and the screen must get a fresh
        // snapshot showing the latest call, not an error, a gap passed over, or a call twice.
        const string hall = SlowHall;
        await using var server = await StartSlowAsync();
        using var channel = SlowChannel(server);
        using var screen = new Display.DisplayClient(channel).Watch(new() { Hall = hall }, new Metadata { { "x-api-key", TestDevices.Display.Key } });
        Assert.NotNull((await screen.ResponseStream.NextAsync()).Snapshot);
        await server.OpenAsync(hall, 1);
        var made = new List<Ticket>();
        for (var i = 0; i < 600; i++)
        {
            made.Add(await server.CallAsync(hall, window: 1)); // the screen reads nothing meanwhile
        }

        // The screen reads on until it shows the last call. Falling behind may happen more than once, and a fresh snapshot
        // may be taken while the calls still go on (the stream's writer can fall behind before flow control holds it back,
        // on a loaded machine): each snapshot shows the latest call at its sequence, and the calls after it follow on.
        var next = 0; // the index in made of the call the screen should show next
        var read = 0;
        var snapshots = 0;
        long sequence = 0;
        while (next < made.Count)
        {
            var update = await screen.ResponseStream.NextAsync();
            Assert.True(update.Sequence >= sequence, $"sequence went back from {sequence} to {update.Sequence}");
            sequence = update.Sequence;
            if (update.Call is { } call)
            {
                Assert.Equal(made[next].Id, call.Ticket); // in order, none twice, none skipped
                next++;
                read++;
            }
            else if (update.Snapshot is { } snapshot)
            {
                snapshots++;
                var shown = made.FindLastIndex(t => t.Sequence <= update.Sequence);
                Assert.True(shown >= next - 1, $"the snapshot at {update.Sequence} goes back to call {shown} after call {next - 1} was shown");
                Assert.Equal(made[shown].Id, Assert.Single(snapshot.Current).Ticket); // the latest call at its sequence
                Assert.Equal(made[shown].Number, snapshot.RecentCalls[0].Number);
                next = shown + 1;
            }
        }

        output.WriteLine($"{read} of {made.Count} calls read one by one, {snapshots} fresh snapshot(s)");
        Assert.True(snapshots > 0, "the screen never fell behind");

        var after = await server.CallAsync(hall, window: 1); // and it goes on live
        Assert.Equal(after.Id, (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
    }

    [Fact]
    public async Task Watch_FilteredScreenFellBehindWhileItsWindowWasRemoved_StreamEndsWithNotFound()
    {
        // The small screen over window 1 that stopped reading while window 1 was removed fell behind the log and got a
        // fresh snapshot past the removal it never read: it stayed open over a window that no longer calls anyone, where
        // a screen that kept up ends NotFound (Watch_FilteredWindowRemovedByAnAdmin_StreamEndsWithNotFound_OtherScreensGoOn).
        await using var server = await StartSlowAsync();
        using var channel = SlowChannel(server);
        using var screen = new Display.DisplayClient(channel)
            .Watch(new() { Hall = SlowHall, Windows = { 1 } }, new Metadata { { "x-api-key", TestDevices.Display.Key } });
        Assert.NotNull((await screen.ResponseStream.NextAsync()).Snapshot);
        await server.OpenAsync(SlowHall, 1);
        for (var i = 0; i < 600; i++)
        {
            await server.CallAsync(SlowHall, window: 1); // the screen reads nothing meanwhile
        }

        await server.Terminal().StartServingAsync(new() { Hall = SlowHall, Window = 1 }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = SlowHall, Window = 1 }).Bounded();
        await server.Terminal().CloseWindowAsync(new() { Hall = SlowHall, Window = 1 }).Bounded();
        await server.Admin().RemoveWindowAsync(new() { Hall = SlowHall, Window = 1 }).Bounded();

        var ended = await screen.ResponseStream.EndsWithAsync(StatusCode.NotFound);
        Assert.Equal(("UnknownWindow", $"Hall '{SlowHall}' has no window 1."), (ended.Reason(), ended.Status.Detail));
    }

    /// <summary>The hall of the tests of screens that stop reading: two windows with long names, and a log of 16 entries.</summary>
    private const string SlowHall = "hall-slow";

    /// <summary>A server with <see cref="SlowHall"/> (bigger updates: a stream's flow-control window fills within fewer calls).</summary>
    private Task<ServerKit> StartSlowAsync()
    {
        var names = TestHalls.Small(SlowHall, windows: 2);
        var longName = new string('n', 100);
        names = names with
        {
            Services = [.. names.Services.Select(s => s with { Name = longName })],
            Windows = [.. names.Windows.Select(w => w with { Name = longName })],
        };
        return ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(names);
            Traffic.Unlimited(s);
            s.Settings["QueueCoreServer:StreamHistory"] = "16";
        });
    }

    /// <summary>A channel that reads no more ahead than HTTP/2's default window: a screen that stops reading holds its stream back.</summary>
    private static GrpcChannel SlowChannel(ServerKit server) => GrpcChannel.ForAddress(server.GrpcAddress, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65_535 },
    });

    [Fact]
    public async Task Watch_HallRestoredToAnEarlierState_ScreenResumingWithItsLastSequenceGetsASnapshot()
    {
        // A restored hall numbers its events on from the saved state's sequence, so the numbers after it name events of
        // two timelines. A screen that saw one of the timeline the restore left, resuming with it, must start over from
        // a snapshot: handed the new timeline's later events, it would show them as if they followed what it shows.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        var saved = await hall.SaveStateAsync().AsTask().WaitAsync(Rpc.Timeout);
        long last;
        Ticket left;
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            await server.CallAsync(Hall, window: 1);
            left = await server.CallAsync(Hall, window: 1);
            last = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null && u.Call.Ticket == left.Id)).Sequence;
        } // the connection drops

        await hall.RestoreAsync(saved).AsTask().WaitAsync(Rpc.Timeout);
        Ticket called;
        do
        {
            called = await server.CallAsync(Hall, window: 1); // the same numbers and ticket ids again, other events
        }
        while (called.Sequence <= left.Sequence + 2);

        // The feed has resynced and read the new timeline past every number the old one reached (the old timeline's call
        // of this ticket id does not prove it: the feed may show it from before the restore).
        await Rpc.EventuallyAsync(async () =>
        {
            using var probe = server.Display().Watch(new() { Hall = Hall });
            Assert.True((await probe.ResponseStream.NextAsync()).Sequence >= called.Sequence);
        });

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var first = await resumed.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.Equal(called.Id, Assert.Single(first.Snapshot.Current).Ticket);
    }

    [Fact]
    public async Task Watch_HallRestoredAndMovedOnBeforeTheFeedResynced_ScreenResumingAtTheFeedsNewStartGetsASnapshot()
    {
        // The restored hall can move on before the feed's snapshot: here at once, with the wait-limit alert it owes the
        // ticket the saved state has waiting. The feed then starts over at a number the old timeline gave too (there,
        // the ticket's call at window 1). A screen that saw that call, resuming with its sequence, must start over from a
        // snapshot: handed the new timeline's next call (the same ticket at window 2) as if it followed, it showed the
        // ticket at two windows.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(s =>
        {
            s.Time = time;
            s.Halls.Clear();
            s.Halls.Add(TestHalls.Small(Hall, windows: 3, waitLimit: TimeSpan.FromMinutes(5)));
        });
        await server.OpenAsync(Hall, 1, 2);
        var taken = await server.TakeAsync(Hall);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        var saved = await hall.SaveStateAsync().AsTask().WaitAsync(Rpc.Timeout);
        long last;
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            await screen.ResponseStream.NextAsync();
            await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            last = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null && u.Call.Ticket == taken.Id)).Sequence;
        } // the connection drops

        time.Advance(TimeSpan.FromMinutes(10)); // past the limit: the restored hall's ticket is overdue at once
        await hall.RestoreAsync(saved).AsTask().WaitAsync(Rpc.Timeout);
        var again = await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        Assert.Equal(taken.Id, again.Id);
        Assert.Equal(last + 1, again.Sequence); // the alert took the number of the old timeline's call
        await Rpc.EventuallyAsync(async () =>
        {
            using var probe = server.Display().Watch(new() { Hall = Hall });
            Assert.True((await probe.ResponseStream.NextAsync()).Sequence >= again.Sequence);
        });

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var first = await resumed.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        var current = Assert.Single(first.Snapshot.Current);
        Assert.Equal((taken.Id, 2), (current.Ticket, current.Window));
        Assert.DoesNotContain(server.Logs, l => l.Contains("lagged behind", StringComparison.Ordinal)); // a restore, not a lag (logged as information)
    }

    [Fact]
    public async Task Watch_HallFaultedThenRestored_ScreensFollowTheRestoredHall()
    {
        // A faulted hall is restored through the engine and keeps its handle. Its feed stopped at the fault and nothing
        // started it again, so every screen of the hall, the one that watched through the fault and any that connected
        // later, was ended with Unavailable at once, until the server restarted.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        var saved = await hall.SaveStateAsync().AsTask().WaitAsync(Rpc.Timeout);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();

        HallFaults.FailNextCommand(hall);
        await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }));
        await hall.RestoreAsync(saved).AsTask().WaitAsync(Rpc.Timeout);
        var called = await server.CallAsync(Hall, window: 1);

        static bool Shows(DisplayUpdate u, Ticket t) =>
            (u.Call is { } c && c.Ticket == t.Id) || (u.Snapshot is { } s && s.Current.Any(c => c.Ticket == t.Id && c.Window == t.Window));
        await screen.ResponseStream.NextMatchingAsync(u => Shows(u, called)); // the screen that watched through the fault
        using var later = server.Display().Watch(new() { Hall = Hall });
        await later.ResponseStream.NextMatchingAsync(u => Shows(u, called)); // and one that connects now
        var next = await server.CallAsync(Hall, window: 1);
        await screen.ResponseStream.NextMatchingAsync(u => Shows(u, next));
        await later.ResponseStream.NextMatchingAsync(u => Shows(u, next));
    }

    [Fact]
    public async Task Watch_AfterSequenceAheadOfTheHall_StartsWithSnapshot()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var called = await server.CallAsync(Hall, window: 1);
        await FeedHasAsync(server, called);

        // A screen that saw a later sequence, e.g. of a server that ran before this one without a journal.
        using var screen = server.Display().Watch(new() { Hall = Hall, AfterSequence = 1_000_000 });
        var first = await screen.ResponseStream.NextAsync();
        Assert.NotNull(first.Snapshot);
        Assert.True(first.Sequence < 1_000_000);
        Assert.Contains(first.Snapshot.Current, c => c.Ticket == called.Id);

        var next = await server.CallAsync(Hall, window: 1);
        Assert.Equal(next.Id, (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
    }

    [Fact]
    public async Task Watch_WindowTheHallDoesNotHave_NotFoundNamingIt()
    {
        await using var server = await StartAsync();
        using var screen = server.Display().Watch(new() { Hall = Hall, Windows = { 2, 99 } });
        var e = await screen.ResponseStream.EndsWithAsync(StatusCode.NotFound);
        Assert.Contains("no window 99", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_MoreThan64Windows_InvalidArgumentNamingWindows()
    {
        // display.proto: "at most 64".
        await using var server = await StartAsync();
        var request = new WatchDisplayRequest { Hall = Hall };
        request.Windows.AddRange(Enumerable.Range(1, 65));
        using var screen = server.Display().Watch(request);

        var e = await screen.ResponseStream.EndsWithAsync(StatusCode.InvalidArgument);

        Assert.Contains("windows names 65 windows; at most 64", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FilteredWindowRemovedByAnAdmin_StreamEndsWithNotFound_OtherScreensGoOn()
    {
        // The small screen over window 1 stayed open after an admin removed window 1, showing its last call (a window
        // that no longer calls anyone) and waiting for calls that never come, while a screen asking for window 1 anew
        // is told NotFound at once. It ends as the terminal's WatchWindow of the window does.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        await FeedHasAsync(server, await server.CallAsync(Hall, window: 1));
        using var small = server.Display().Watch(new() { Hall = Hall, Windows = { 1 } });
        using var other = server.Display().Watch(new() { Hall = Hall, Windows = { 2, 3 } });
        using var wall = server.Display().Watch(new() { Hall = Hall });
        Assert.NotNull((await small.ResponseStream.NextAsync()).Snapshot);
        Assert.NotNull((await other.ResponseStream.NextAsync()).Snapshot);
        Assert.NotNull((await wall.ResponseStream.NextAsync()).Snapshot);

        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var ended = await small.ResponseStream.EndsWithAsync(StatusCode.NotFound);
        Assert.Equal(("UnknownWindow", $"Hall '{Hall}' has no window 1."), (ended.Reason(), ended.Status.Detail));

        // The screens of windows the hall still has, and the hall's wall, go on.
        var next = await server.CallAsync(Hall, window: 2);
        Assert.Equal(next.Id, (await other.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
        Assert.Equal(next.Id, (await wall.ResponseStream.NextMatchingAsync(u => u.Call is not null && u.Call.Window == 2)).Call.Ticket);
    }

    [Fact]
    public async Task Watch_ResumedAcrossADayCloseAndANewDay_StartsTheDayCleanThenGetsTodaysCalls()
    {
        // A screen switched off in the evening and on in the morning resumes with the last sequence it saw.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        long last;
        Ticket yesterday;
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            await screen.ResponseStream.NextAsync();
            yesterday = await server.CallAsync(Hall, window: 1);
            last = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Sequence;
        }

        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
        var today = await server.CallAsync(Hall, window: 1);
        Assert.Equal(yesterday.Number, today.Number);

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var morning = await resumed.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null);
        Assert.Empty(morning.Snapshot.RecentCalls);
        Assert.Empty(morning.Snapshot.Current);
        var call = (await resumed.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
        Assert.Equal((today.Id, today.Number, 1), (call.Ticket, call.Number, call.Window));
    }

    [Fact]
    public async Task Watch_WindowAddedAtRunTime_ItsCallsReachTheWallAndItsOwnScreenWithItsName()
    {
        await using var server = await StartAsync();
        using var wall = server.Display().Watch(new() { Hall = Hall });
        await wall.ResponseStream.NextAsync();
        await server.Admin().PutWindowAsync(new()
        {
            Hall = Hall,
            Window = new() { Id = 7, Name = "Window seven", Skills = { new SkillDef { Category = "a" } } },
        }).Bounded();
        using var small = server.Display().Watch(new() { Hall = Hall, Windows = { 7 } });
        await small.ResponseStream.NextAsync();
        await server.OpenAsync(Hall, 7);
        var called = await server.CallAsync(Hall, window: 7);

        foreach (var screen in new[] { wall, small })
        {
            var call = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
            // "Window seven" does not carry the digit 7: written and spoken after the id, as every such name is.
            Assert.Equal((called.Id, 7, "Window seven", "A001, please go to window 7, Window seven"), (call.Ticket, call.Window, call.WindowName, call.Text));
        }
    }

    [Fact]
    public async Task Watch_ServiceRenamedByAnAdmin_OpenScreenGetsTheCountsUnderTheNewName()
    {
        await using var server = await StartAsync();
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        await server.TakeAsync(Hall, service: 1);

        await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new() { Id = 1, Name = "Passports", Category = "a" } }).Bounded();

        var counts = (await screen.ResponseStream.NextMatchingAsync(u => u.Waiting is not null && u.Waiting.Services.Any(w => w.Name == "Passports"))).Waiting;
        Assert.Equal([(1, "Passports", 1), (2, "Service two", 0)], counts.Services.Select(w => (w.Service, w.Name, w.Waiting)));
    }

    [Fact]
    public async Task Watch_HallAndWindowRenamedByAnAdmin_OpenScreensShowTheNewNames()
    {
        // A hall manager renamed the hall and window 1 (Admin.RedefineHall) while A001 was called there: the screens that
        // were open kept the old hall name and showed the call under the old window name until they reconnected, and a
        // screen connecting after the rename got the current call under the old window name too.
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        var called = await server.CallAsync(Hall, window: 1);
        using var wall = server.Display().Watch(new() { Hall = Hall });
        using var small = server.Display().Watch(new() { Hall = Hall, Windows = { 2 } });
        Assert.Equal(("Window 1", "Hall hall-d"), (Assert.Single((await wall.ResponseStream.NextAsync()).Snapshot.Current).WindowName, "Hall hall-d"));
        await small.ResponseStream.NextAsync();

        var definition = TestHalls.Small(Hall, windows: 3);
        definition = definition with
        {
            Name = "District center",
            Windows = [.. definition.Windows.Select(w => w.Id == 1 ? w with { Name = "Counter one" } : w)],
        };
        await server.Admin().RedefineHallAsync(new() { Hall = Hall, Json = HallConfiguration.ToJson(definition) }).Bounded();

        var renamed = (await wall.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null)).Snapshot;
        Assert.Equal("District center", renamed.HallName);
        var current = Assert.Single(renamed.Current);
        Assert.Equal((called.Id, "Counter one"), (current.Ticket, current.WindowName));
        Assert.Equal("A zero zero one, please go to window 1, Counter one", current.Speech); // the voice says the new name
        Assert.Equal("A001, please go to window 1, Counter one", current.Text); // and the line writes it
        Assert.Equal(["A001, please go to window 1, Counter one"], renamed.RecentCalls.Select(c => c.Text));
        Assert.Equal(["Counter one"], renamed.RecentCalls.Select(c => c.WindowName));
        var filtered = (await small.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null)).Snapshot;
        Assert.Equal("District center", filtered.HallName);
        Assert.Empty(filtered.Current); // a screen of window 2 still shows window 2's calls only

        using var late = server.Display().Watch(new() { Hall = Hall });
        Assert.Equal("Counter one", Assert.Single((await late.ResponseStream.NextAsync()).Snapshot.Current).WindowName);
        var next = await server.CallAsync(Hall, window: 1);
        var call = (await wall.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
        Assert.Equal((next.Id, "Counter one", "A zero zero two, please go to window 1, Counter one"), (call.Ticket, call.WindowName, call.Speech));
    }

    [Fact]
    public async Task Watch_HallsTimeZoneChangedByAnAdmin_OpenScreensGetASnapshotWithTheNewZone()
    {
        // An admin corrected the hall's time zone (Admin.RedefineHall): the screens that were open went on showing the
        // calls' times in the old zone (time_zone comes only in a snapshot) until they happened to reconnect.
        await using var server = await StartAsync();
        using var wall = server.Display().Watch(new() { Hall = Hall });
        using var small = server.Display().Watch(new() { Hall = Hall, Windows = { 2 } });
        Assert.NotEqual("Asia/Shanghai", (await wall.ResponseStream.NextAsync()).Snapshot.TimeZone);
        await small.ResponseStream.NextAsync();

        var definition = TestHalls.Small(Hall, windows: 3) with { TimeZone = "Asia/Shanghai" };
        await server.Admin().RedefineHallAsync(new() { Hall = Hall, Json = HallConfiguration.ToJson(definition) }).Bounded();

        Assert.Equal("Asia/Shanghai", (await wall.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null)).Snapshot.TimeZone);
        Assert.Equal("Asia/Shanghai", (await small.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null)).Snapshot.TimeZone);
    }

    [Fact]
    public async Task Watch_ServicePassesItsTimeLimit_TheCallStaysOnScreenUntilTheServiceEnds()
    {
        // A citizen served past the service's time limit is still at the window: the manager is alerted, the screens
        // go on showing the call. The screens cleared it at the alert, as if the citizen had left.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var hall = TestHalls.Small(Hall, windows: 1);
        hall = hall with { Services = [hall.Services[0] with { ServiceTimeLimit = TimeSpan.FromMinutes(10) }, hall.Services[1]] };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
            s.Halls.Add(hall);
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Hall, 1);
        using var dashboard = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await dashboard.ResponseStream.NextAsync();
        var called = await server.CallAsync(Hall, window: 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await FeedHasAsync(server, called);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        Assert.Equal(called.Id, Assert.Single((await screen.ResponseStream.NextAsync()).Snapshot.Current).Ticket);

        var alerted = dashboard.ResponseStream.NextMatchingAsync(f => f.Alerts.Any(a => a.Kind == AlertKind.ServiceTime));
        for (var minute = 0; minute < 30 && !alerted.IsCompleted; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(alerted, Task.Delay(50));
        }

        var alert = (await alerted).Alerts.First(a => a.Kind == AlertKind.ServiceTime);
        Assert.Equal((called.Id, 1), (alert.Ticket, alert.Window));

        // A screen connecting now still shows the call; the one watching sees nothing of the alert, and the call
        // leaves it only when the service ends.
        long shown = 0;
        await Rpc.EventuallyAsync(async () =>
        {
            using var fresh = server.Display().Watch(new() { Hall = Hall });
            var first = await fresh.ResponseStream.NextAsync();
            Assert.True(first.Sequence >= alert.Sequence, $"snapshot at {first.Sequence}, the alert at {alert.Sequence}");
            Assert.Equal(called.Id, Assert.Single(first.Snapshot.Current).Ticket);
            shown = first.Sequence;
        });
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var cleared = await screen.ResponseStream.NextMatchingAsync(u => u.Cleared is not null);
        Assert.Equal(called.Id, cleared.Cleared.Ticket);
        Assert.True(cleared.Sequence > shown, $"cleared at {cleared.Sequence}, before the service ended (still shown at {shown})");
    }

    [Fact]
    public async Task Watch_Recall_ShownAndSpokenAgainAsARecall_InTheLastCallsAndTheCurrentCall()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        var called = await server.CallAsync(Hall, window: 1);
        var recalled = await server.Terminal().RecallAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var first = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
        var second = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;
        Assert.Equal((called.Id, false), (first.Ticket, first.Recall));
        Assert.Equal((called.Id, true, recalled.Sequence, first.Text, first.Speech), (second.Ticket, second.Recall, second.Sequence, second.Text, second.Speech));

        using var later = server.Display().Watch(new() { Hall = Hall });
        var snapshot = (await later.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null && u.Sequence >= recalled.Sequence)).Snapshot;
        // The recall re-announced the ticket: the last calls list it once, as its latest call, as the live stream left a screen.
        Assert.Equal([(called.Id, true)], snapshot.RecentCalls.Select(c => (c.Ticket, c.Recall)));
        Assert.True(Assert.Single(snapshot.Current).Recall);
    }

    [Fact]
    public async Task Watch_WindowNames_TheWrittenLineAndTheSpeechNameAWindowAlike()
    {
        // The line named a window only on the browser screen (by its own rule: "Comprehensive 1" over window 1 was
        // written, not spoken), and other screens never wrote "Passport desk" that they spoke. One rule, the server's.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            var hall = TestHalls.Small(Hall, windows: 3);
            s.Halls.Add(hall with
            {
                Windows = [hall.Windows[0] with { Name = "Comprehensive 1" }, hall.Windows[1] with { Name = "Passport desk" }, hall.Windows[2] with { Name = "" }],
            });
        });
        await server.OpenAsync(Hall, 1, 2, 3);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        for (var window = 1; window <= 3; window++)
        {
            await server.CallAsync(Hall, window);
        }

        var calls = new List<Call>();
        while (calls.Count < 3)
        {
            calls.Add((await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call);
        }

        Assert.Equal(
            [
                ("A001, please go to window 1", "A zero zero one, please go to window 1"),
                ("A002, please go to window 2, Passport desk", "A zero zero two, please go to window 2, Passport desk"),
                ("A003, please go to window 3", "A zero zero three, please go to window 3"),
            ],
            calls.Select(c => (c.Text, c.Speech)));
    }

    [Fact]
    public async Task Watch_Recalls_ListEachTicketOnceMostRecentFirst_WithOrWithoutAWindowFilter()
    {
        // Two recalls of A listed it three times in a snapshot's last calls, pushing other citizens' calls off a
        // screen's short list (the browser screen dropped the repeats, every other client showed them).
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2);
        var a = await server.CallAsync(Hall, window: 1);
        var b = await server.CallAsync(Hall, window: 2);
        await server.Terminal().RecallAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var last = await server.Terminal().RecallAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        foreach (var filter in new[] { Array.Empty<int>(), [1, 2] })
        {
            var request = new WatchDisplayRequest { Hall = Hall, RecentCalls = 2 };
            request.Windows.AddRange(filter);
            using var screen = server.Display().Watch(request);
            var snapshot = (await screen.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null && u.Sequence >= last.Sequence)).Snapshot;
            Assert.Equal([(a.Id, 1, true), (b.Id, 2, false)], snapshot.RecentCalls.Select(c => (c.Ticket, c.Window, c.Recall)));
        }
    }

    [Fact]
    public async Task Watch_ResumedAfterAServiceWasAddedAtRunTime_GetsTheCountsWithItAndNoSnapshot()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        using var witness = server.Display().Watch(new() { Hall = Hall });
        long last;
        using (var screen = server.Display().Watch(new() { Hall = Hall }))
        {
            last = (await screen.ResponseStream.NextAsync()).Sequence;
        }

        var added = await server.Admin().PutServiceAsync(new() { Hall = Hall, Service = new() { Id = 3, Name = "Service three", Category = "a" } }).Bounded();
        await witness.ResponseStream.NextMatchingAsync(u => u.Waiting is not null && u.Waiting.Services.Any(w => w.Service == 3));

        using var resumed = server.Display().Watch(new() { Hall = Hall, AfterSequence = last });
        var update = await resumed.ResponseStream.NextAsync();
        Assert.Null(update.Snapshot);
        Assert.Equal([(1, "Service one"), (2, "Service two"), (3, "Service three")], update.Waiting.Services.Select(w => (w.Service, w.Name)));
        Assert.True(witness.ResponseStream.Current.Sequence >= added.Sequence); // the counts after the change
        Assert.Equal(last, update.Sequence); // given first, at the screen's own sequence
    }

    [Fact]
    public async Task Watch_WindowFilter_ShowsOnlyThoseWindows()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1, 2, 3);
        var atTwo = await server.CallAsync(Hall, window: 2);
        await FeedHasAsync(server, await server.CallAsync(Hall, window: 1));

        using var screen = server.Display().Watch(new() { Hall = Hall, Windows = { 2 } });
        var snapshot = (await screen.ResponseStream.NextAsync()).Snapshot;
        Assert.NotNull(snapshot);
        Assert.Equal([atTwo.Id], snapshot.Current.Select(c => c.Ticket));
        Assert.All(snapshot.RecentCalls, c => Assert.Equal(2, c.Window));
        Assert.Equal([1, 2], snapshot.Waiting.Select(w => w.Service)); // the hall's counts, every service's, whatever the filter

        await server.CallAsync(Hall, window: 1);
        await server.CallAsync(Hall, window: 3);
        var second = await server.CallAsync(Hall, window: 2);
        await server.CallAsync(Hall, window: 3);
        var third = await server.CallAsync(Hall, window: 2);

        var calls = new List<Call>();
        var cleared = new List<CallCleared>();
        while (calls.Count < 2)
        {
            var update = await screen.ResponseStream.NextAsync();
            if (update.Call is { } call)
            {
                calls.Add(call);
            }
            else if (update.Cleared is { } clear)
            {
                cleared.Add(clear);
            }
        }

        Assert.Equal([second.Id, third.Id], calls.Select(c => c.Ticket));
        Assert.All(cleared, c => Assert.Equal(2, c.Window));
        Assert.Equal([atTwo.Id, second.Id], cleared.Select(c => c.Ticket));
    }

    [Fact]
    public async Task Watch_WindowFilterOfABusyHall_SnapshotListsAsManyOfItsWindowsCallsAsAskedFor()
    {
        // A screen over window 5 of a twelve-window hall listed only the calls of window 5 among the hall's last 50 (4
        // of them), though it asked for 10 and window 5 had made 10.
        await using var server = await StartAsync(s => s.Halls[0] = TestHalls.Small(Hall, windows: 12));
        await server.OpenAsync(Hall, [.. Enumerable.Range(1, 12)]);
        var atFive = new List<Ticket>();
        Ticket last = null!;
        for (var round = 0; round < 10; round++)
        {
            for (var window = 1; window <= 12; window++)
            {
                last = await server.CallAsync(Hall, window);
                if (window == 5)
                {
                    atFive.Add(last);
                }
            }
        }

        await FeedHasAsync(server, last);
        using var screen = server.Display().Watch(new() { Hall = Hall, Windows = { 5 }, RecentCalls = 10 });
        var snapshot = (await screen.ResponseStream.NextAsync()).Snapshot;
        Assert.Equal(atFive.Select(t => t.Id).Reverse(), snapshot.RecentCalls.Select(c => c.Ticket));

        using var wall = server.Display().Watch(new() { Hall = Hall, RecentCalls = 50 });
        var all = (await wall.ResponseStream.NextAsync()).Snapshot.RecentCalls;
        Assert.Equal(50, all.Count);
        Assert.Equal(last.Id, all[0].Ticket);
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.Sequence > pair.Second.Sequence));
    }
}
