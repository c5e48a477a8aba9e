extern alias server;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>With its journal on, a restarted server still has every ticket it handed out, and says what it recovered in its health report.</summary>
public sealed partial class JournalRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "queuecore-server-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Restart_TicketsAndTheOpenDaySurvive_RecoveryLogged()
    {
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            taken = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        }

        await using var again = await StartAsync();
        var recovery = again.Services.GetRequiredService<QueueEngine>().Recovery!;
        Assert.Equal(["hall-1"], recovery.Halls);
        Assert.Empty(recovery.Damage);
        var health = await again.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(1, health.Entries["queuecore"].Data["journal.recoveredHalls"]);
        var second = await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        Assert.Equal(taken.Position + 1, second.Position); // the first ticket still waits ahead of it
        Assert.Equal("A002", second.Number); // the day went on: numbering did not restart
        Assert.DoesNotContain(again.Logs, l => l.Contains("lagged behind the hall", StringComparison.Ordinal)); // a recovered hall's feed starting is no fault
    }

    [Fact]
    public async Task Restart_KioskRetriesWithItsRequestId_GetsItsFirstTicket_AnotherKioskWithTheSameIdItsOwn()
    {
        var second = new TestDevice("kiosk-2", "kiosk", "kiosk-2-key-0123456789", ["*"]);
        void Devices(ServerSetup s) => s.Devices = [.. TestDevices.All, second];
        var id = "00000000-0000-0000-0000-000000000001";
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync(Devices))
        {
            await DayOpenAsync(server);
            taken = await server.TakeAsync("hall-1", service: 1, requestId: id);
        }

        await using var again = await StartAsync(Devices);
        var retried = await again.TakeAsync("hall-1", service: 1, requestId: id);
        var other = await again.Kiosk(second).TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 }, RequestId = id }).Bounded();

        Assert.Equal((taken.Id, taken.Number), (retried.Id, retried.Number));
        Assert.NotEqual(taken.Id, other.Id);
        Assert.Equal("A002", other.Number);
    }

    [Fact]
    public async Task SecondServerOnTheSameDataDirectory_RefusedNamingIt_TheFirstServesOnAndKeepsItsTickets()
    {
        QueueCore.Grpc.V1.Ticket taken;
        await using (var first = await StartAsync())
        {
            await DayOpenAsync(first);

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync());

            Assert.Contains(_data, refused.Message, StringComparison.Ordinal);
            Assert.Contains("in use by another engine", refused.Message, StringComparison.Ordinal);
            taken = await first.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded(); // the first goes on
        }

        await using var again = await StartAsync();
        var kept = await again.Kiosk().GetTicketAsync(new() { Hall = "hall-1", Ticket = taken.Id }).Bounded();
        Assert.Equal(taken.Number, kept.Number);
    }

    [Fact]
    public async Task Stop_TicketTakenWhileStopping_AnsweredAndStillThereAfterTheRestart()
    {
        // Graceful shutdown with the journal on: a kiosk's call in flight when the server is told to stop finishes, and
        // the ticket it was given is one the restarted server has (the engine drained and journaled it), not a number
        // handed out twice.
        var gate = new CallGate("TakeTicket");
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync(s => s.Services = gate.Install))
        {
            await DayOpenAsync(server);
            var call = server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } });
            await gate.Entered.WaitAsync(Rpc.Timeout);
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
            var stopped = server.StopAsync();
            await stopping.Task.WaitAsync(Rpc.Timeout);
            gate.Release();
            taken = await call.ResponseAsync.WaitAsync(Rpc.Timeout);
            await stopped;
        }

        await using var again = await StartAsync();
        var kept = await again.Kiosk().GetTicketAsync(new() { Hall = "hall-1", Ticket = taken.Id }).Bounded();
        Assert.Equal((taken.Number, QueueCore.Grpc.V1.TicketState.Waiting), (kept.Number, kept.State));
        Assert.Equal("A002", (await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded()).Number);
    }

    [Fact]
    public async Task Restart_DayClosedBeforeIt_StaysClosed_NumberingNotRestarted()
    {
        // The server used to open every hall's day at start, so a restart (or a crash) after the day was closed reopened
        // the hall for kiosks and gave A001 a second time the same day.
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            Assert.Equal("A001", (await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded()).Number);
            await server.Admin().CloseDayAsync(new() { Hall = "hall-1" }).Bounded();
        }

        await using var again = await StartAsync();
        Assert.False((await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }));

        // Opened by hand, it is a new day as before the restart.
        await again.Admin().OpenDayAsync(new() { Hall = "hall-1" }).Bounded();
        Assert.Equal("A001", (await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded()).Number);
    }

    [Fact]
    public async Task Restart_HallAddedWithItsDayClosed_StaysClosedUntilOpened()
    {
        // A hall manager adds next week's annex closed (open_day false); the server restarts overnight. The restart opened
        // its day, so kiosks issued tickets in a hall nobody staffed.
        await using (var server = await StartAsync())
        {
            var added = await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("annex")), OpenDay = false }).Bounded();
            Assert.False(added.DayOpen);
        }

        await using var again = await StartAsync();
        Assert.False((await again.Kiosk().ListServicesAsync(new() { Hall = "annex" }).Bounded()).DayOpen);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => again.Kiosk().TakeTicketAsync(new() { Hall = "annex", Services = { 1 } }));

        await again.Admin().OpenDayAsync(new() { Hall = "annex" }).Bounded();
        Assert.Equal("A001", (await again.Kiosk().TakeTicketAsync(new() { Hall = "annex", Services = { 1 } }).Bounded()).Number);
    }

    [Fact]
    public async Task AddHallWithItsDayClosed_AnsweredOnlyOnceItsRecordIsSafe()
    {
        // In the journal's durable mode a change is answered once its record is fsynced; a hall added with its day closed
        // (open_day false) was answered at once, so a crash right after could lose a hall the manager was told was added.
        // The journal's writer is held just before it marks what it wrote as safe (in its bytes-written measurement).
        await using var server = await StartAsync();
        using var writer = new ManualResetEventSlim(initialState: true);
        using var listener = HoldWriterOn(server, writer);

        writer.Reset();
        var add = server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("annex")), OpenDay = false }).ResponseAsync;
        var first = await Task.WhenAny(add, Task.Delay(TimeSpan.FromSeconds(1)));
        writer.Set();

        Assert.NotSame(add, first); // not answered while its record was not safe
        Assert.False((await add.WaitAsync(Rpc.Timeout)).DayOpen);
    }

    [Fact]
    public async Task AddHall_CallCancelledAfterTheHallWasAdded_RetryWithItsRequestIdGetsTheFirstAnswer()
    {
        // The admin tool's deadline passes while the server waits for the added hall's record to be safe (the writer is
        // held as above). The hall is in the engine by then: the retry with the same request id must get the first
        // answer, as admin.proto promises, not ALREADY_EXISTS for the hall its own first try added.
        await using var server = await StartAsync();
        using var writer = new ManualResetEventSlim(initialState: true);
        using var listener = HoldWriterOn(server, writer);

        var request = new AddHallRequest { Json = HallConfiguration.ToJson(TestHalls.Small("annex")), OpenDay = false, RequestId = Guid.NewGuid().ToString() };
        writer.Reset();
        using var deadline = new CancellationTokenSource();
        var add = server.Admin().AddHallAsync(request, cancellationToken: deadline.Token).ResponseAsync;
        var engine = server.Services.GetRequiredService<QueueEngine>();
        await Rpc.EventuallyAsync(() =>
        {
            Assert.True(engine.TryGetHall("annex", out _));
            return Task.CompletedTask;
        });
        deadline.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => add.WaitAsync(Rpc.Timeout));
        writer.Set();

        var retried = await server.Admin().AddHallAsync(request).Bounded();
        Assert.Equal(("annex", false), (retried.Hall, retried.DayOpen));
    }

    /// <summary>
    /// Holds the journal's writer, while <paramref name="writer"/> is reset, just before it marks what it wrote as safe
    /// (in its bytes-written measurement): nothing is answered meanwhile.
    /// </summary>
    private static MeterListener HoldWriterOn(ServerKit server, ManualResetEventSlim writer)
    {
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "queuecore.journal.bytes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => writer.Wait(Rpc.Timeout));
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task Restart_HallAddedAtRunTime_KeepsItsRegionAndLanguage()
    {
        await using (var server = await StartAsync())
        {
            var json = HallConfiguration.ToJson(TestHalls.Small("added"));
            await server.Admin().AddHallAsync(new() { Json = json, Region = "north", Language = "zh-CN" }).Bounded();
            await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("gone")), Region = "north" }).Bounded();
            await server.Admin().RemoveHallAsync(new() { Hall = "gone" }).Bounded();
        }

        await using var again = await StartAsync();

        // The journal brings the hall back; its profile, which the journal does not hold, comes back with it.
        var info = Assert.Single((await again.Admin().ListHallsAsync(new() { Region = "north" }).Bounded()).Halls);
        Assert.Equal(("added", "north", "zh-CN"), (info.Hall, info.Region, info.Language));
        var suggested = await again.Kiosk().SuggestHallsAsync(new() { Region = "north", Service = 1 }).Bounded();
        Assert.Equal(["added"], suggested.Halls.Select(h => h.Hall));
        Assert.DoesNotContain("gone", await File.ReadAllTextAsync(Path.Combine(_data, "hall-profiles.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ConfiguredHallRemovedAtRunTime_StaysRemoved_UntilAddedAgain()
    {
        // A hall manager removed a configured hall (Admin.RemoveHall); a restart added it again from appsettings.json,
        // with an empty day, its screens and kiosks back, while a hall added at run time and removed stayed removed.
        void Annex(ServerSetup s)
        {
            s.Halls.Add(TestHalls.Small("annex"));
            s.Settings["QueueCoreServer:Profiles:annex:Region"] = "north"; // a profile of the removed hall does not stop the start
        }

        await using (var server = await StartAsync(Annex))
        {
            await server.Admin().RemoveHallAsync(new() { Hall = "annex" }).Bounded();
        }

        await using (var again = await StartAsync(Annex))
        {
            Assert.Equal(["hall-1"], (await again.Admin().ListHallsAsync(new()).Bounded()).Halls.Select(h => h.Hall));
            await Rpc.FailsAsync(StatusCode.NotFound, () => again.Kiosk().ListServicesAsync(new() { Hall = "annex" }));
            Assert.Contains(again.Logs, l => l.Contains("Hall annex is configured but an admin removed it", StringComparison.Ordinal));

            // Brought back by hand, it stays, as a hall added at run time does.
            await again.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("annex")), Region = "north" }).Bounded();
        }

        await using var third = await StartAsync(Annex);
        Assert.Equal(["annex", "hall-1"], (await third.Admin().ListHallsAsync(new()).Bounded()).Halls.Select(h => h.Hall));
    }

    [Fact]
    public async Task AddHallAtRunTime_ProfilesFileRenamedIntoPlace_ThenItsDirectorySynced()
    {
        // The profiles file was replaced by a rename that nothing made durable: after a power loss the directory could
        // still name the old file, and the hall added at run time came back with the default region and language.
        var profiles = Path.Combine(_data, "hall-profiles.json");
        var synced = new ConcurrentQueue<bool>(); // per sync of the journal's directory: whether the file held the hall by then
        server::QueueCore.DirectorySync.Synced = directory => // the server's own copy of the engine's (a linked source file)
        {
            if (directory == _data)
            {
                synced.Enqueue(File.Exists(profiles) && File.ReadAllText(profiles).Contains("\"added\"", StringComparison.Ordinal));
            }
        };
        try
        {
            await using var server = await StartAsync();
            var json = HallConfiguration.ToJson(TestHalls.Small("added"));
            await server.Admin().AddHallAsync(new() { Json = json, Region = "north" }).Bounded();
        }
        finally
        {
            server::QueueCore.DirectorySync.Synced = null;
        }

        Assert.Contains(true, synced);
    }

    [Fact]
    public async Task Restart_ScreenShowsTheLastCallsWithTheirTimes()
    {
        // A screen connecting after a restart showed the current calls beside an empty "last calls" list: the hall's
        // saved state had no call times to rebuild it from.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        IReadOnlyList<(string, int, DateTimeOffset)> lastCalls;
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await server.OpenAsync("hall-1", 1, 2);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 1); // A001 to window 1 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 2); // A002 to window 2 at 9:02
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 1); // A001 finished, A003 to window 1 at 9:03
            lastCalls = LastCalls(await ScreenSnapshotAsync(server));
        }

        Assert.Equal([("A003", 1, time.GetUtcNow()), ("A002", 2, time.GetUtcNow().AddMinutes(-1)), ("A001", 1, time.GetUtcNow().AddMinutes(-2))], lastCalls);
        time.Advance(TimeSpan.FromMinutes(5));
        await using var again = await StartAsync(s => s.Time = time);

        var snapshot = await ScreenSnapshotAsync(again);
        Assert.Equal(lastCalls, LastCalls(snapshot));
        Assert.Equal([("A003", 1, lastCalls[0].Item3), ("A002", 2, lastCalls[1].Item3)],
            snapshot.Snapshot.Current.OrderBy(c => c.Window).Select(c => (c.Number, c.Window, c.Time.ToDateTimeOffset())));
    }

    [Fact]
    public async Task Restart_ScreenSnapshot_CurrentCallsNewestFirst()
    {
        // The call screen shows the newest current call large and sorts by sequence; after a restart every current call
        // carried the snapshot's sequence and came in window order, so window 1's call (9:01) showed as the newest though
        // window 2 called at 9:02.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await server.OpenAsync("hall-1", 1, 2, 3);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 1);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 3);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 2);
            Assert.Equal([2, 3, 1], (await ScreenSnapshotAsync(server)).Snapshot.Current.Select(c => c.Window)); // live: by sequence
        }

        await using var again = await StartAsync(s => s.Time = time);
        Assert.Equal([2, 3, 1], (await ScreenSnapshotAsync(again)).Snapshot.Current.Select(c => c.Window));
    }

    [Fact]
    public async Task Restart_CitizenMarkedNoShow_TheirCallStaysInTheLastCalls()
    {
        // A screen watching live keeps a call in its last calls after the citizen is marked a no-show; the list rebuilt
        // after a restart left it out (it held only the tickets at windows and those completed).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var hall = TestHalls.Small("hall-1") with { NoShow = new() { MaxNoShows = 1 } }; // a no-show is dropped, not re-queued
        IReadOnlyList<(string, int, DateTimeOffset)> lastCalls;
        await using (var server = await StartAsync(hall, s => s.Time = time))
        {
            await server.OpenAsync("hall-1", 1, 2);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 1); // A001 to window 1 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            await server.Terminal().NoShowAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // nobody came
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 2); // A002 to window 2 at 9:03
            lastCalls = LastCalls(await ScreenSnapshotAsync(server));
        }

        Assert.Equal([("A002", 2, time.GetUtcNow()), ("A001", 1, time.GetUtcNow().AddMinutes(-2))], lastCalls);
        time.Advance(TimeSpan.FromMinutes(5));
        await using var again = await StartAsync(hall, s => s.Time = time);

        Assert.Equal(lastCalls, LastCalls(await ScreenSnapshotAsync(again)));
    }

    [Fact]
    public async Task Restart_RecalledTicketMarkedARecallAtItsRecallsTime_ReQueuedNoShowNotInTheRebuiltLastCalls()
    {
        // A recalled ticket's rebuilt call is its latest (its recall's time, as a live screen's list has it, one line
        // per ticket; the hall once kept only its first call's, 9:01) and marked a recall as the live stream marked it
        // (it was not: a screen started after the restart showed and spoke it as a first call). A citizen re-queued after
        // a no-show waits again with no trace of the call they missed, which the live list kept: pinned so that a change
        // is seen.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        IReadOnlyList<(string, int, DateTimeOffset, bool)> live;
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await server.OpenAsync("hall-1", 1, 2);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 1); // A001 to window 1 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 2); // A002 to window 2 at 9:02
            time.Advance(TimeSpan.FromMinutes(1));
            await server.Terminal().RecallAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A001 again at 9:03
            await server.Terminal().NoShowAsync(new() { Hall = "hall-1", Window = 2 }).Bounded(); // A002 waits again
            live = [.. (await ScreenSnapshotAsync(server)).Snapshot.RecentCalls.Select(c => (c.Number, c.Window, c.Time.ToDateTimeOffset(), c.Recall))];
        }

        var (at901, at902, at903) = (time.GetUtcNow().AddMinutes(-2), time.GetUtcNow().AddMinutes(-1), time.GetUtcNow());
        Assert.Equal([("A001", 1, at903, true), ("A002", 2, at902, false)], live);
        await using var again = await StartAsync(s => s.Time = time);

        var rebuilt = (await ScreenSnapshotAsync(again)).Snapshot;
        Assert.NotEqual(at901, at903);
        Assert.Equal([("A001", 1, at903, true)], rebuilt.RecentCalls.Select(c => (c.Number, c.Window, c.Time.ToDateTimeOffset(), c.Recall)));
        Assert.Equal([("A001", true)], rebuilt.Current.Select(c => (c.Number, c.Recall)));
    }

    [Fact]
    public async Task Restart_RecalledTicketFinished_MarkedARecallInTheRebuiltLastCalls_AnotherNot()
    {
        // A finished ticket's rebuilt call comes from the hall's recently finished tickets: a recalled one is marked a
        // recall there too, as the live list left it; a ticket called once is not.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        IReadOnlyList<(string, bool)> live;
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await server.OpenAsync("hall-1", 1, 2);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 1); // A001 to window 1
            time.Advance(TimeSpan.FromMinutes(1));
            await server.Terminal().RecallAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A001 again
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A001 completed
            time.Advance(TimeSpan.FromMinutes(1));
            await server.CallAsync("hall-1", window: 2); // A002 to window 2, once
            live = [.. (await ScreenSnapshotAsync(server)).Snapshot.RecentCalls.Select(c => (c.Number, c.Recall))];
        }

        Assert.Equal([("A002", false), ("A001", true)], live);
        await using var again = await StartAsync(s => s.Time = time);

        Assert.Equal(live, (await ScreenSnapshotAsync(again)).Snapshot.RecentCalls.Select(c => (c.Number, c.Recall)));
    }

    [Fact]
    public async Task Restart_RecoveredHallsFeedsStart_HealthNeverDegraded()
    {
        // Each recovered hall's feed used to subscribe from sequence 0 and so start lagged until it resynchronised; the
        // health check counts lagged subscribers, so a normal start read Degraded for a moment.
        string[] halls = ["hall-1", "hall-2", "hall-3", "hall-4"];
        await using (var server = await StartAsync(s => s.Halls.AddRange(halls.Skip(1).Select(h => TestHalls.Small(h)))))
        {
            foreach (var hall in halls)
            {
                await server.TakeAsync(hall);
            }
        }

        await using var watch = new HealthWatch();
        await using var again = await StartAsync(s =>
        {
            s.Halls.AddRange(halls.Skip(1).Select(h => TestHalls.Small(h)));
            s.Services = services => services.AddHostedService(sp => watch.Start(sp.GetRequiredService<QueueEngine>()));
        });
        foreach (var hall in halls)
        {
            using var screen = again.Display().Watch(new() { Hall = hall });
            await screen.ResponseStream.NextAsync(); // every feed has started
        }

        Assert.Equal(0, await watch.StopAsync());
        var health = await again.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(halls.Length, health.Entries["queuecore"].Data["journal.recoveredHalls"]);
    }

    /// <summary>
    /// A new screen's first message, a snapshot, once it shows the hall as the test's commands left it. A screen's
    /// snapshot is the server's feed of the hall, which reads the hall's events a moment after a command is answered (and
    /// after a restart, loads the recovered hall first): a screen that connected at once on a loaded machine was shown
    /// the hall before the test's last call. A new screen connects until its snapshot reaches the hall's sequence now.
    /// </summary>
    private static async Task<DisplayUpdate> ScreenSnapshotAsync(ServerKit server)
    {
        var hall = (await server.Dashboard().GetSnapshotAsync(new() { Hall = "hall-1" }).Bounded()).Sequence;
        DisplayUpdate? first = null;
        await Rpc.EventuallyAsync(async () =>
        {
            using var screen = server.Display().Watch(new() { Hall = "hall-1" });
            first = await screen.ResponseStream.NextAsync();
            Assert.NotNull(first.Snapshot);
            Assert.True(first.Sequence >= hall, $"the screen's snapshot is at {first.Sequence}, the hall at {hall}");
        });
        return first!;
    }

    private static List<(string, int, DateTimeOffset)> LastCalls(DisplayUpdate update) =>
        [.. update.Snapshot.RecentCalls.Select(c => (c.Number, c.Window, c.Time.ToDateTimeOffset()))];

    [Fact]
    public async Task Restart_HallTakenOutOfTheConfiguration_StillServedWithItsQueue_LogSaysWhyAndHowToRemoveIt()
    {
        // An operator deleted a hall from the halls file and restarted: the journal brought it back with its queue and it
        // went on being served, and nothing in the log said why.
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync(s => s.Halls.Add(TestHalls.Small("annex"))))
        {
            taken = await server.TakeAsync("annex");
        }

        await using var again = await StartAsync();
        var kept = await again.Kiosk().GetTicketAsync(new() { Hall = "annex", Ticket = taken.Id }).Bounded();
        Assert.Equal((taken.Number, QueueCore.Grpc.V1.TicketState.Waiting), (kept.Number, kept.State));
        Assert.Contains(again.Logs, l => l.Contains("Hall annex was configured at an earlier start but no longer is", StringComparison.Ordinal)
            && l.Contains("Admin.RemoveHall", StringComparison.Ordinal));
        Assert.DoesNotContain(again.Logs, l => l.Contains("Hall hall-1 was configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_HallConfigurationEdited_EditAppliedAndTheQueueKept()
    {
        // The journal's definition used to win without a word: a hall manager's edit of appsettings.json did nothing.
        QueueCore.Grpc.V1.Ticket taken;
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            taken = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        }

        await using var again = await StartAsync(TestHalls.Small("hall-1") with { Name = "Edited Hall" });
        await Rpc.EventuallyAsync(async () => Assert.Equal("Edited Hall", (await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).HallName));
        var second = await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();
        Assert.Equal(taken.Position + 1, second.Position); // the first ticket still waits ahead of it
        Assert.Equal("A002", second.Number);
    }

    [Fact]
    public async Task Restart_PadRatesTheServiceFinishedJustBeforeIt()
    {
        // The citizen is still at the pad when the server restarts (an update, a crash): the pad's "rate the last
        // service here" must still find the service the window finished.
        QueueCore.Grpc.V1.Ticket served;
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            await server.OpenAsync("hall-1", 1);
            served = await server.CallAsync("hall-1", window: 1);
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
        }

        await using var again = await StartAsync();
        var rated = await again.Evaluator().RateAsync(new() { Hall = "hall-1", Window = 1, Score = 4 }).Bounded();
        Assert.Equal((served.Id, served.Number), (rated.Ticket, rated.Number));
    }

    [Fact]
    public async Task Restart_VisitWentOnToItsNextItemAfterTheWindowsLastCompletedTicket_PadRatesThatVisit()
    {
        // Window 1 completed A001, then finished the first of A002's two items (A002 went on to wait for its second).
        // After a restart the pad's "rate the last service here" first rated A001, the citizen before, with A002's score
        // (the server rebuilt "last finished" from the completed tickets alone), then answered FAILED_PRECONDITION asking
        // for a ticket id the pad has no way to know: the citizen's rating was lost. The hall now keeps each window's
        // last finished ticket with its state.
        QueueCore.Grpc.V1.Ticket visit;
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            await server.OpenAsync("hall-1", 1);
            var terminal = server.Terminal();
            await server.TakeAsync("hall-1");
            await terminal.CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await terminal.StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await terminal.FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A001 completed
            visit = await server.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1, 2 } }).Bounded();
            await terminal.CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await terminal.StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await terminal.FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A002's first item; it waits for its second
        }

        for (var restart = 0; restart < 2; restart++)
        {
            // Twice: the second start recovers the hall from the saved state the first one began its journal with.
            await using var again = await StartAsync();
            if (restart == 1)
            {
                var rated = await again.Evaluator().RateAsync(new() { Hall = "hall-1", Window = 1, Score = 2 }).Bounded();
                Assert.Equal((visit.Id, visit.Number), (rated.Ticket, rated.Number));
                var window = (await again.Dashboard().GetSnapshotAsync(new() { Hall = "hall-1" }).Bounded()).Windows.Single(w => w.Window == 1);
                Assert.Equal((1, 2.0), (window.Ratings, window.MeanRating)); // A002's score, and A001 not rated for it
            }
        }
    }

    /// <summary>Waits until hall-1's day is open (the server opens it once the hall's feed is attached).</summary>
    private static Task DayOpenAsync(ServerKit server) =>
        Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen));

    private Task<ServerKit> StartAsync(Action<ServerSetup>? more = null) => StartAsync(hall: null, more);

    private Task<ServerKit> StartAsync(HallDefinition? hall, Action<ServerSetup>? more = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(hall ?? TestHalls.Small("hall-1"));
        s.Settings["QueueCore:Engine:Journal:Directory"] = _data;
        more?.Invoke(s);
    });

    /// <summary>
    /// Reads the engine's health without pause from before the server starts (a hosted service registered ahead of the
    /// server's own) until stopped; returns the most lagged subscribers it saw.
    /// </summary>
    private sealed class HealthWatch : IHostedService, IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<int>? _watching;

        public HealthWatch Start(QueueEngine engine)
        {
            _watching = Task.Factory.StartNew(
                () =>
                {
                    var most = 0;
                    while (!_stop.IsCancellationRequested)
                    {
                        most = Math.Max(most, engine.GetHealth().LaggedSubscribers);
                        Thread.Yield();
                    }

                    return most;
                },
                TaskCreationOptions.LongRunning);
            return this;
        }

        public Task<int> StopAsync()
        {
            _stop.Cancel();
            return _watching!.WaitAsync(Rpc.Timeout);
        }

        public ValueTask DisposeAsync()
        {
            _stop.Cancel(); // a test that failed before StopAsync leaves no thread spinning (the server disposes it too)
            return ValueTask.CompletedTask;
        }

        Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
