using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>A hall's working day seen from outside across a restart: what each device sees afterwards is what it saw before.</summary>
public sealed partial class JournalRestartTests
{
    [Fact]
    public async Task Restart_WindowsTheirClerksParkedAndTransferredTickets_AsBefore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        QueueCore.Grpc.V1.HallSnapshot before;
        WindowInfo infoBefore;
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await server.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 1, Clerk = 4711 }).Bounded();
            await server.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 2, Clerk = 815 }).Bounded();
            await server.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 3, Clerk = 42 }).Bounded();
            await server.Terminal().PauseWindowAsync(new() { Hall = "hall-1", Window = 3, Reason = "lunch" }).Bounded();
            for (var i = 0; i < 6; i++)
            {
                await server.TakeAsync("hall-1", service: 1 + (i % 2));
            }

            time.Advance(TimeSpan.FromMinutes(1));
            await server.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A001
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().ParkAsync(new() { Hall = "hall-1", Window = 1, Reason = "fetch papers", ReturnAt = Timestamp.FromDateTimeOffset(time.GetUtcNow().AddMinutes(20)) }).Bounded();
            await server.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A002
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().TransferAsync(new() { Hall = "hall-1", Window = 1, TargetWindow = 2 }).Bounded();
            await server.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded(); // A003
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            time.Advance(TimeSpan.FromMinutes(2));
            await server.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().CloseWindowAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            before = await server.Dashboard().GetSnapshotAsync(new() { Hall = "hall-1" }).Bounded();
            infoBefore = await server.Terminal().GetWindowInfoAsync(new() { Hall = "hall-1", Window = 2 }).Bounded();
        }

        Assert.Single(before.Parked);
        await using var again = await StartAsync(s => s.Time = time);
        var after = await again.Dashboard().GetSnapshotAsync(new() { Hall = "hall-1" }).Bounded();
        var infoAfter = await again.Terminal().GetWindowInfoAsync(new() { Hall = "hall-1", Window = 2 }).Bounded();

        Assert.Equal(before.Windows, after.Windows); // states, clerks, pause reasons, served counts
        Assert.Equal(before.Parked, after.Parked);
        Assert.Equal(before.AtWindows, after.AtWindows);
        Assert.Equal(before.Services, after.Services);
        Assert.Equal(before.TotalWaiting, after.TotalWaiting);
        Assert.Equal(infoBefore.Parked, infoAfter.Parked);
        Assert.Equal(infoBefore.Figures, infoAfter.Figures);
        var queueBefore = await again.Terminal().GetQueueAsync(new() { Hall = "hall-1", Window = 2 }).Bounded();
        Assert.Equal("A002", queueBefore.Tickets[0].Number); // the transferred ticket still heads window 2's own queue

        // The parked ticket comes back at its return time, not before.
        time.Advance(TimeSpan.FromMinutes(15)); // 9:18, due at 9:21
        await Task.Delay(200);
        Assert.Single((await again.Dashboard().GetSnapshotAsync(new() { Hall = "hall-1" }).Bounded()).Parked);
        time.Advance(TimeSpan.FromMinutes(4));
        await Rpc.EventuallyAsync(async () => Assert.Empty((await again.Dashboard().GetSnapshotAsync(new() { Hall = "hall-1" }).Bounded()).Parked));
    }

    [Fact]
    public async Task Restart_RetriedRequestIds_AnsweredWithTheFirstResult()
    {
        QueueCore.Grpc.V1.Ticket taken, called;
        await using (var server = await StartAsync())
        {
            await server.OpenAsync("hall-1", 1);
            taken = await server.TakeAsync("hall-1", requestId: "0b5e2c1e-0000-4000-8000-000000000001");
            await server.TakeAsync("hall-1");
            called = await server.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1, RequestId = "0b5e2c1e-0000-4000-8000-000000000002" }).Bounded();
        }

        await using var again = await StartAsync();
        var retriedTake = await again.TakeAsync("hall-1", requestId: "0b5e2c1e-0000-4000-8000-000000000001");
        Assert.Equal((taken.Id, taken.Number), (retriedTake.Id, retriedTake.Number));
        var retriedCall = await again.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1, RequestId = "0b5e2c1e-0000-4000-8000-000000000002" }).Bounded();
        Assert.Equal((called.Id, called.Number), (retriedCall.Id, retriedCall.Number));
        Assert.Equal("A003", (await again.TakeAsync("hall-1")).Number);
    }

    [Fact]
    public async Task Restart_AdminToolRetriesItsChangesAfterIt_GetsTheFirstAnswers_NothingAppliedTwice()
    {
        // A hall manager's tool sends a change, the server restarts (an update, a crash) before the answer reaches it, and
        // the tool retries with the same request id. The ids were kept in memory only: after the restart AddHall answered
        // ALREADY_EXISTS, RemoveWindow and RemoveHall NOT_FOUND, and PutWindow redefined the hall a second time.
        const string addId = "7d1c0a52-0000-4000-8000-000000000001", putId = "7d1c0a52-0000-4000-8000-000000000002";
        const string removeWindowId = "7d1c0a52-0000-4000-8000-000000000003", removeHallId = "7d1c0a52-0000-4000-8000-000000000004";
        var annex = new AddHallRequest { Json = HallConfiguration.ToJson(TestHalls.Small("annex")), Region = "north", RequestId = addId };
        var put = new PutWindowRequest { Hall = "annex", Window = new() { Id = 4, Name = "Four", Skills = { new SkillDef { Service = 1 } } }, RequestId = putId };
        var removeWindow = new RemoveWindowRequest { Hall = "annex", Window = 2, RequestId = removeWindowId };
        var removeHall = new HallId { Hall = "gone", RequestId = removeHallId };
        HallInfo added, putAnswer, windowRemoved, hallRemoved;
        await using (var server = await StartAsync())
        {
            await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("gone")) }).Bounded();
            added = await server.Admin().AddHallAsync(annex).Bounded();
            putAnswer = await server.Admin().PutWindowAsync(put).Bounded();
            windowRemoved = await server.Admin().RemoveWindowAsync(removeWindow).Bounded();
            hallRemoved = await server.Admin().RemoveHallAsync(removeHall).Bounded();
        }

        await using var again = await StartAsync();
        var sequence = (await again.Admin().ListHallsAsync(new()).Bounded()).Halls.Single(h => h.Hall == "annex").Sequence;
        Assert.Equal(added, await again.Admin().AddHallAsync(annex).Bounded());
        Assert.Equal(putAnswer, await again.Admin().PutWindowAsync(put).Bounded());
        Assert.Equal(windowRemoved, await again.Admin().RemoveWindowAsync(removeWindow).Bounded());
        Assert.Equal(hallRemoved, await again.Admin().RemoveHallAsync(removeHall).Bounded());
        Assert.Equal(sequence, (await again.Admin().ListHallsAsync(new()).Bounded()).Halls.Single(h => h.Hall == "annex").Sequence); // nothing applied again

        // The same id with other content is still refused as such.
        var other = put.Clone();
        other.Window.Name = "Four, renamed";
        Assert.Equal(nameof(QueueError.RequestIdReused), (await Rpc.FailsAsync(StatusCode.AlreadyExists, () => again.Admin().PutWindowAsync(other))).Reason());
    }

    [Fact]
    public async Task Restart_CloseDayRetriedAfterTheDayWasOpenedAgain_GetsItsFirstAnswer_DayLeftOpen()
    {
        // The evening's CloseDay answer was lost; another admin opened the next day; the server restarted; the tool retried
        // its CloseDay. The hall rightly did not close again, but the answer was read afresh: day_open true, as if the
        // close had not been made.
        var close = new CloseDayRequest { Hall = "hall-1", RequestId = "5f0e4b7a-0000-4000-8000-000000000001" };
        HallInfo closed;
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            closed = await server.Admin().CloseDayAsync(close).Bounded();
            Assert.False(closed.DayOpen);
            Assert.True((await server.Admin().OpenDayAsync(new() { Hall = "hall-1", RequestId = "5f0e4b7a-0000-4000-8000-000000000002" }).Bounded()).DayOpen);
        }

        await using var again = await StartAsync();
        Assert.Equal(closed, await again.Admin().CloseDayAsync(close).Bounded());
        Assert.True((await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).DayOpen); // not closed twice
    }

    [Fact]
    public async Task Restart_AdminChangedAWindowAndAddedAHall_ChangesKept()
    {
        await using (var server = await StartAsync())
        {
            await server.Admin().PutWindowAsync(new() { Hall = "hall-1", Window = new() { Id = 2, Name = "Passports", Skills = { new SkillDef { Service = 2 } } } }).Bounded();
            await server.Admin().PutWindowAsync(new() { Hall = "hall-1", Window = new() { Id = 4, Name = "Window four", Skills = { new SkillDef { Category = "a" } } } }).Bounded();
            await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("annex")), Region = "north", Language = "en-GB" }).Bounded();
            Assert.Equal("A001", (await server.TakeAsync("annex")).Number);
            await server.Admin().CloseDayAsync(new() { Hall = "annex" }).Bounded();
        }

        await using var again = await StartAsync();
        var hall = HallConfiguration.FromJson((await again.Admin().GetHallAsync(new() { Hall = "hall-1" }).Bounded()).Json);
        Assert.Equal(["Window 1", "Passports", "Window 3", "Window four"], hall.Windows.Select(w => w.Name));
        var info = Assert.Single((await again.Admin().ListHallsAsync(new() { Region = "north" }).Bounded()).Halls);
        Assert.Equal(("annex", "north", "en-GB"), (info.Hall, info.Region, info.Language));
        Assert.False((await again.Kiosk().ListServicesAsync(new() { Hall = "annex" }).Bounded()).DayOpen); // closed stays closed
    }

    [Fact]
    public async Task Restart_DayWasOpen_LogSaysItGoesOn_NotThatItOpened()
    {
        // After a crash the log said "Hall hall-1 (...): day opened", as at the first start of a day: an operator read
        // it as a new day (numbering from A001, the morning's tickets gone) when the day had gone on.
        await using (var server = await StartAsync())
        {
            await server.TakeAsync("hall-1");
        }

        var logs = new InformationLog();
        await using var again = await StartAsync(s => s.Services = services => services.AddSingleton<ILoggerProvider>(logs));

        var line = Assert.Single(logs.Lines, l => l.StartsWith("Hall hall-1 (", StringComparison.Ordinal));
        Assert.Contains("recovered from the journal with its day open", line, StringComparison.Ordinal);
        Assert.DoesNotContain("day opened", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ConfiguredEditTheDayRefuses_LoggedKeptAndAppliedAtTheNextStartThatAllowsIt()
    {
        var edited = TestHalls.Small("hall-1") with { Services = [TestHalls.Small("hall-1").Services[0]] }; // service 2 removed
        await using (var server = await StartAsync())
        {
            await server.TakeAsync("hall-1", service: 2);
        }

        await using (var refused = await StartAsync(edited))
        {
            Assert.Contains(refused.Logs, l => l.Contains("Hall hall-1: its configuration changed", StringComparison.Ordinal) && l.Contains("tried again at the next start", StringComparison.Ordinal));
            Assert.Contains((await refused.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).Services, s => s.Service == 2); // kept: a ticket holds it
            await refused.OpenAsync("hall-1", 1);
            await refused.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await refused.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await refused.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
        }

        await using var again = await StartAsync(edited);
        await Rpc.EventuallyAsync(async () => Assert.DoesNotContain((await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded()).Services, s => s.Service == 2));
    }

    [Fact]
    public async Task Restart_DayClosedKeepingTheWaiting_StaysClosed_TheWaitingStillServed()
    {
        await using (var server = await StartAsync())
        {
            await server.OpenAsync("hall-1", 1);
            await server.TakeAsync("hall-1");
            await server.TakeAsync("hall-1");
            await server.Admin().CloseDayAsync(new() { Hall = "hall-1", KeepWaiting = true }).Bounded();
        }

        await using var again = await StartAsync();
        var services = await again.Kiosk().ListServicesAsync(new() { Hall = "hall-1" }).Bounded();
        Assert.False(services.DayOpen);
        Assert.Equal(2, services.Services.Single(s => s.Service == 1).Waiting);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }));
        Assert.Equal("A001", (await again.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded()).Number);
        Assert.Equal("A002", (await again.Terminal().FinishAndCallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded()).Number);
    }

    /// <summary>The server's log lines at Information and above, as an operator reads them.</summary>
    private sealed class InformationLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task DayExport_ServersDataDirectoryAfterARestart_WholeDayAsTheReadmeSays()
    {
        // The planner's export, as the README gives it, on what the server leaves on disk: its journal beside its own
        // files (hall-profiles.json, admin-requests.json, the lock), the day spanning a restart.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await server.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 1, Clerk = 4711 }).Bounded();
            await server.TakeAsync("hall-1", service: 1);
            await server.TakeAsync("hall-1", service: 2);
            time.Advance(TimeSpan.FromMinutes(1));
            await server.Terminal().CallNextAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            time.Advance(TimeSpan.FromMinutes(3));
            await server.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
        }

        await using (var again = await StartAsync(s => s.Time = time))
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await again.TakeAsync("hall-1", service: 1);
        }

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_data, "hall-1", csv);

        Assert.Equal(3, result.Tickets);
        Assert.True(result.WholeDay, string.Join("; ", result.Notes));
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DayTraceExport.Header, rows[0].TrimEnd('\r'));
        Assert.StartsWith("A001,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",180,1,", rows[1], StringComparison.Ordinal); // served three minutes at window 1
        Assert.StartsWith("A003,", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AppointmentCheckedInAndClerkAtAWindow_StillOneVisitAndOneWindowAfterwards()
    {
        // Rule 8 across a restart: the recovered hall still knows the day's check-ins and which clerk holds which
        // window, and numbers on after the tickets it gave.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        TakeTicketRequest CheckIn() => new()
        {
            Hall = "hall-1", Services = { 1 }, Appointment = new() { Code = "BK-9", Slot = Timestamp.FromDateTimeOffset(time.GetUtcNow()) },
        };
        QueueCore.Grpc.V1.Ticket first;
        await using (var server = await StartAsync(s => s.Time = time))
        {
            await DayOpenAsync(server);
            await server.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 1, Clerk = 7 }).Bounded();
            first = await server.Kiosk().TakeTicketAsync(CheckIn()).Bounded();
        }

        await using var again = await StartAsync(s => s.Time = time);
        var twice = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => again.Kiosk().TakeTicketAsync(CheckIn()));
        var secondWindow = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => again.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 2, Clerk = 7 }));
        var secondClerk = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => again.Terminal().OpenWindowAsync(new() { Hall = "hall-1", Window = 1, Clerk = 8 }));
        var next = await again.Kiosk().TakeTicketAsync(new() { Hall = "hall-1", Services = { 1 } }).Bounded();

        Assert.Contains($"as ticket {first.Number}, which is waiting", twice.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(("ClerkBusy", "Clerk 7 is already at window 1; close it first."), (secondWindow.Reason(), secondWindow.Status.Detail));
        Assert.Equal(("WindowWrongState", "Window 1 is already open (clerk 7)."), (secondClerk.Reason(), secondClerk.Status.Detail));
        Assert.Equal("A002", next.Number);
    }
}
