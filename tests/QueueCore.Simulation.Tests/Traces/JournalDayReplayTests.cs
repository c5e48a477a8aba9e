using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Simulation.Tests.Traces;

/// <summary>
/// The journal and the simulator connected: a day that ran on a journaled engine is exported from its journal
/// (<see cref="DayTraceExport"/>) and replayed by the simulator with other staffing.
/// </summary>
public sealed class JournalDayReplayTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qc-journal-day").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ExportedDay_ReplaysWithItsArrivalsAndHandlingTimes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            await hall.IssueTicketAsync(new ServiceItemList([101]));
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([102]), age: 75);
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(10));
            await hall.FinishAndCallNextAsync(1); // the elderly A002 went first (its class's head start): 10 minutes; A001 called
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(5));
            await hall.FinishAsync(1); // A001 handled for 5
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(2, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        var trace = DayTrace.Load(csv);
        Assert.Equal(["A001", "A002"], trace.Tickets.Select(t => t.Ticket));
        Assert.Equal(new TimeSpan(9, 1, 0), trace.Tickets[1].Arrival);
        Assert.Equal(75, trace.Tickets[1].Age);
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], trace.Tickets.Select(t => t.Items.Single().HandlingTime!.Value));

        // The same day replayed with the window open from 9:00: A001 is served at once (5 minutes), and A002, which
        // came a minute later, waits the four minutes left.
        var all = ReplayWithOneWindowFromNine();
        Assert.Equal(2, all[Metric.Arrivals].Mean);
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(4, all[Metric.MaxWait].Mean, 3);
    }

    [Fact]
    public async Task ExportedDay_ReplayedWithTheStaffingItHad_ReproducesTheDaysWaits()
    {
        // README: "so a planner can replay today with other staffing". The check a planner makes first: today replayed
        // with today's staffing gives today's waits. 150 citizens (a fifth with a second item) over two windows whose
        // clerks call the next ticket as soon as they are free, as the simulator's clerks do.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var random = new Random(5);
        var waits = new List<double>(); // each item's wait until its call, in minutes
        var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = journal } }, time);
        await using (engine)
        {
            var hall = engine.AddHall(new HallDefinition
            {
                Id = "township",
                Categories = [new() { Id = "A", Prefix = "A" }],
                Services = [new() { Id = 101, Category = "A" }, new() { Id = 102, Category = "A" }],
                Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
            });
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, auto: false);
            await hall.OpenWindowAsync(2, auto: false);
            var arrivals = new Queue<DateTimeOffset>();
            for (var (i, at) = (0, time.GetUtcNow()); i < 150; i++)
            {
                at += TimeSpan.FromSeconds(-150 * Math.Log(1 - random.NextDouble()));
                arrivals.Enqueue(at);
            }

            var waitingSince = new Dictionary<long, DateTimeOffset>();
            var (freeAt, serving) = (new DateTimeOffset?[3], new long[3]);
            while (arrivals.Count > 0 || freeAt.Any(f => f is not null))
            {
                var window = freeAt[1] is { } one && (freeAt[2] is not { } two || one <= two) ? 1 : freeAt[2] is not null ? 2 : 0;
                if (arrivals.Count > 0 && (window == 0 || arrivals.Peek() <= freeAt[window]))
                {
                    time.Advance(arrivals.Dequeue() - time.GetUtcNow());
                    var issued = await hall.IssueTicketAsync(new ServiceItemList(random.NextDouble() < 0.2 ? [101, 102] : [101]));
                    waitingSince[issued.Ticket] = time.GetUtcNow();
                }
                else
                {
                    time.Advance(freeAt[window]!.Value - time.GetUtcNow());
                    Assert.True((await hall.FinishAsync(window)).IsSuccess);
                    waitingSince[serving[window]] = time.GetUtcNow(); // its next item, if it has one, waits from now
                    freeAt[window] = null;
                }

                foreach (var w in new[] { 1, 2 }.Where(w => freeAt[w] is null))
                {
                    if ((await hall.CallNextAsync(w)) is { IsSuccess: true } called)
                    {
                        waits.Add((time.GetUtcNow() - waitingSince[called.Ticket]).TotalMinutes);
                        serving[w] = called.Ticket;
                        await hall.StartServingAsync(w);
                        freeAt[w] = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Round(-270 * Math.Log(1 - random.NextDouble())));
                    }
                }
            }
        }

        using (var writer = new StreamWriter(Path.Combine(_directory, "day.csv")))
        {
            var export = DayTraceExport.Write(journal, "township", writer);
            Assert.Equal((150, true), (export.Tickets, export.WholeDay));
        }

        var scenario = new Scenario
        {
            DayStart = "08:00",
            Halls =
            [
                new HallScenario
                {
                    Id = "township",
                    Trace = "day.csv",
                    Services = [new ServiceScenario { Id = 101 }, new ServiceScenario { Id = 102 }],
                    Windows = [new WindowScenario { Id = 1, Count = 2, Comprehensive = true, Shifts = [TestScenarios.Span(8, 23)] }],
                },
            ],
        };
        var all = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory).Row((int?)null)!;
        Assert.Equal(waits.Count, all[Metric.Arrivals].Mean);
        Assert.Equal(waits.Count, all[Metric.Served].Mean);
        Assert.True(waits.Average() > 5, $"a day with queues to reproduce: mean wait {waits.Average():0.00} min");
        Assert.Equal(waits.Average(), all[Metric.MeanWait].Mean, 0.02); // arrivals are exported to the second
        Assert.Equal(waits.Max(), all[Metric.MaxWait].Mean, 0.02);
    }

    [Fact]
    public async Task ExportedDay_TransferBackToAServedItem_Replays()
    {
        // A001 is served for item 101 (5 min), goes on to 102, and after 2 min there is sent back to 101 (3 min more):
        // the hall replaces its item 102 with 101, so the export lists 101 twice (300 s, then 120 + 180 s), and the
        // replay refused the whole trace ("lists service 101 twice").
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            await hall.IssueTicketAsync(new ServiceItemList([101, 102]));
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([102])); // A002 at 9:01
            time.Advance(TimeSpan.FromMinutes(4));
            await hall.FinishAndCallNextAsync(1); // A001's 101 done at 9:05; A001 (issued first) called for 102
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(2));
            Assert.True((await hall.TransferToServiceAsync(1, 101)).IsSuccess); // back to 101 at 9:07
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(3));
            await hall.FinishAndCallNextAsync(1); // A001 done at 9:10; A002 called
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(4));
            await hall.FinishAsync(1);
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(2, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        var trace = DayTrace.Load(csv);
        Assert.Equal([(101, 300.0), (101, 300.0)], trace.Tickets[0].Items.Select(i => (i.Service, i.HandlingTime!.Value.TotalSeconds)));

        // Replayed with one window from 9:00: A001's 10 minutes of work on 101 in one pass, then A002 (issued at 9:01)
        // after 9 minutes' wait.
        var all = ReplayWithOneWindowFromNine();
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(9, all[Metric.MaxWait].Mean, 3);
    }

    [Fact]
    public async Task ExportedDay_ClassStaffGave_ReplayedInThatClass()
    {
        // The information desk put A003 in the green channel (HallCommand.IssueTicket's priorityClass): it was called
        // before A002, issued a minute earlier. The trace carried only the citizens' attributes, from which the replay's
        // hall derived 'normal': it replayed A003 after A002, and no green-channel row.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            await hall.IssueTicketAsync(new ServiceItemList([101]));
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A002 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([101]), priorityClass: PriorityPolicy.GreenChannel)).IsSuccess); // A003 at 9:02
            time.Advance(TimeSpan.FromMinutes(3));
            Assert.Equal("A003", (await hall.FinishAndCallNextAsync(1)).Number.ToString()); // 9:05
            time.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal("A002", (await hall.FinishAndCallNextAsync(1)).Number.ToString()); // 9:10
            time.Advance(TimeSpan.FromMinutes(5));
            Assert.True((await hall.FinishAndCallNextAsync(1)).IsSuccess); // 9:15
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(3, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        Assert.Equal([null, null, PriorityPolicy.GreenChannel], DayTrace.Load(csv).Tickets.Select(t => t.PriorityClass));

        // Replayed with one window from 9:00: A001 until 9:05, then A003 (green, waited 3 minutes), then A002 (waited 9).
        var result = Simulator.Run(OneWindowFromNine(), new SimulationOptions { Replications = 2 }, _directory);
        var green = result.Row(new ResultKey(101, PriorityPolicy.GreenChannel, null));
        Assert.NotNull(green);
        Assert.Equal(1, green[Metric.Arrivals].Mean);
        Assert.Equal(3, green[Metric.MaxWait].Mean, 3);
        Assert.Equal(9, result.Row((int?)null)![Metric.MaxWait].Mean, 3);
    }

    [Theory]
    [InlineData(5, "09:00:00", "09:05:30", 0)] // 30 seconds past the real hall's 5-minute grace period (the replay's hall has 10)
    [InlineData(10, "09:00:00.000", "09:10:00.500", 0)] // half a second past it (the arrival is exported to the second)
    [InlineData(10, "09:30:30", "09:00:10", 0)] // 20 seconds before the 30-minute early window (the slot was exported as 09:30)
    [InlineData(10, "1.09:05:00", "09:10:00", 0)] // the slot is tomorrow's (exported as 09:05, five minutes before)
    [InlineData(5, "09:00:00", "09:04:59", 1)] // on time
    public async Task ExportedDay_AppointmentCheckIn_ReplayedOnTimeOnlyIfItWasInTheRealHall(int graceMinutes, string slot, string checkIn, int replayedInAppointmentClass)
    {
        // The export wrote the slot as a time of day in minutes: a check-in the real hall found late or early could
        // replay on time, and the scenario's hall judges by its own (default) grace period and early window.
        var day = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset At(string time) => day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var time = new FakeTimeProvider(At("09:00"));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time, new PriorityPolicy { AppointmentGracePeriod = TimeSpan.FromMinutes(graceMinutes) });
        await using (engine)
        {
            time.Advance(At(checkIn) - time.GetUtcNow());
            var ticket = await hall.CheckInAppointmentAsync(new ServiceItemList([101]), "R-1", At(slot));
            Assert.True(ticket.IsSuccess, ticket.ToString());
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(5));
            await hall.FinishAsync(1);
        }

        using (var writer = new StreamWriter(Path.Combine(_directory, "day.csv")))
        {
            Assert.Equal(1, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        var result = Simulator.Run(OneWindowFromNine(), new SimulationOptions { Replications = 2 }, _directory);
        Assert.Equal(1, result.Row((int?)null)![Metric.Arrivals].Mean);
        Assert.Equal(replayedInAppointmentClass, result.Row(new ResultKey(101, PriorityPolicy.Appointment, null))![Metric.Arrivals].Mean);
    }

    /// <summary>The exported day.csv replayed in the township hall with window 1 open from 9:00: the whole day's row.</summary>
    [Fact]
    public async Task ExportedNightHallDay_PastMidnightWhole_InOrder_Replayed()
    {
        // A night hall, 18:00 to 02:00: A001 at 23:50 (served 10 minutes), A002 at 00:20 (served 5). The export left
        // A002 out (a trace's arrival was a time of one day); now its arrival counts on from the day's date, 24:20:00,
        // and the simulator replays the night with a shift written as its hours count on, 18:00 to 26:00.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            time.Advance(new TimeSpan(5, 50, 0));
            await hall.IssueTicketAsync(new ServiceItemList([101]));
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(10));
            await hall.FinishAsync(1);
            time.Advance(TimeSpan.FromMinutes(20));
            await hall.IssueTicketAsync(new ServiceItemList([102]));
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(5));
            await hall.FinishAsync(1);
            time.Advance(new TimeSpan(1, 35, 0));
            Assert.True((await hall.CloseDayAsync()).IsSuccess); // 02:00
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            var export = DayTraceExport.Write(journal, "township", writer);
            Assert.True(export.WholeDay, string.Join(" ", export.Notes));
            Assert.Equal(2, export.Tickets);
        }

        Assert.Equal(["A001,23:50:00,101", "A002,24:20:00,102"], File.ReadLines(csv).Skip(1).Select(l => string.Join(',', l.Split(',')[..3])));
        var trace = DayTrace.Load(csv);
        Assert.Equal([new TimeSpan(23, 50, 0), new TimeSpan(1, 0, 20, 0)], trace.Tickets.Select(t => t.Arrival));
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)], trace.Tickets.Select(t => t.Items.Single().HandlingTime!.Value));

        var scenario = new Scenario
        {
            DayStart = "18:00",
            Halls =
            [
                new HallScenario
                {
                    Id = "township",
                    Trace = "day.csv",
                    Services = [new ServiceScenario { Id = 101 }, new ServiceScenario { Id = 102 }],
                    Windows = [new WindowScenario { Id = 1, Comprehensive = true, Shifts = [new TimeRangeScenario { From = "18:00", To = "26:00" }] }],
                },
            ],
        };
        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory);
        var all = result.Row((int?)null)!;
        Assert.Equal(2, all[Metric.Arrivals].Mean);
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.MaxWait].Mean, 3);
        Assert.Equal(1, result.Row(new ResultKey(null, null, 24))![Metric.Arrivals].Mean); // A002 in the hour from midnight, counted on
    }

    [Fact]
    public async Task ExportedDay_CitizenWhoCancelledWhileWaiting_ReplaysAsLeavingThen()
    {
        // A002 cancelled her ticket (the phone app) at 9:05 after waiting 4 minutes: no window ever called her. The trace
        // listed her item as never served, which the replay takes as an absent citizen: the window called her at 9:10,
        // held the call a minute and re-queued her, so A003 waited 9 minutes instead of 8, the day showed a no-show and
        // nobody who left, and with a second window she was "absent" again instead of served.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A001 at 9:00, called at once
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(1));
            var left = await hall.IssueTicketAsync(new ServiceItemList([101])); // A002 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A003 at 9:02
            time.Advance(TimeSpan.FromMinutes(3));
            Assert.True((await hall.CancelTicketAsync(left.Ticket, "left")).IsSuccess); // A002 leaves at 9:05
            time.Advance(TimeSpan.FromMinutes(5));
            await hall.FinishAndCallNextAsync(1); // 9:10: A003 called after 8 minutes
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(10));
            await hall.FinishAsync(1);
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(3, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        var trace = DayTrace.Load(csv);
        Assert.Equal([null, new TimeSpan(9, 5, 0), null], trace.Tickets.Select(t => t.Left));

        // The same staffing: the day as it happened.
        var all = ReplayWithOneWindowFromNine();
        Assert.Equal(3, all[Metric.Arrivals].Mean);
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(1 / 3.0, all[Metric.Abandoned].Mean, 6);
        Assert.Equal(0, all[Metric.NoShows].Mean);
        Assert.Equal(8, all[Metric.MaxWait].Mean, 3);

        // With a second window she is called at 9:01, before she left, and served as long as the day's other 101s took.
        var two = OneWindowFromNine();
        two.Halls[0].Windows[0].Count = 2;
        var more = Simulator.Run(two, new SimulationOptions { Replications = 2 }, _directory).Row((int?)null)!;
        Assert.Equal(3, more[Metric.Served].Mean);
        Assert.Equal(0, more[Metric.Abandoned].Mean);
        Assert.Equal(0, more[Metric.NoShows].Mean);
    }

    [Fact]
    public async Task ExportedDay_TicketsWaitingAtClose_ReplayedAsDemand_NeverAsNoShows()
    {
        // The hall closed at 9:40 with A002 and A003 still waiting (CloseDay cancels them). The export listed their
        // items as never served, as an absent citizen's, so a replay with the window open longer called them, recalled
        // them and counted two no-shows: a "what if" that overstated no-shows. They are real demand: served when a
        // window reaches them, else still waiting at closing.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A001 at 9:00, called at once
            await hall.CallNextAsync(1);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A002 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A003 at 9:02
            time.Advance(TimeSpan.FromMinutes(38));
            await hall.FinishAsync(1); // A001 handled for 40 minutes
            Assert.True((await hall.CloseDayAsync()).IsSuccess); // 9:40: A002 and A003 still waiting
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(3, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        // The window open to 18:00: A002 is called at 9:40 and A003 at 10:20, each served as long as the day's A001.
        var all = ReplayWithOneWindowFromNine();
        Assert.Equal(3, all[Metric.Arrivals].Mean);
        Assert.Equal(3, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.NoShows].Mean);
        Assert.Equal(78, all[Metric.MaxWait].Mean, 3);

        // The window open to 10:00 only: A002 is served, A003 still waits at closing, as the day it came.
        var brief = OneWindowFromNine();
        brief.Halls[0].Windows[0].Shifts = [TestScenarios.Span(9, 10)];
        var closed = Simulator.Run(brief, new SimulationOptions { Replications = 2 }, _directory).Row((int?)null)!;
        Assert.Equal(3, closed[Metric.Arrivals].Mean);
        Assert.Equal(2, closed[Metric.Served].Mean);
        Assert.Equal(0, closed[Metric.NoShows].Mean);
        Assert.Equal(1 / 3.0, closed[Metric.Unserved].Mean, 6);
    }

    [Fact]
    public async Task ExportedDay_MultiItemTicketCancelledAtTheWindow_ItsLaterItemsNeverComeToWait()
    {
        // A001 came for 101 and 102; the clerk called her for 101 at 9:00 and cancelled the ticket at the window at 9:02
        // (a document missing): 102 went with it, never called. The export marks both items cancelled. The replay served
        // 101 for no time, as meant for the item at the window, and then 102 as well: an item that waited, was called and
        // was served, so the day read three items served where it had two, and service 102 a visitor it never had.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            var sentOff = await hall.IssueTicketAsync(new ServiceItemList([101, 102])); // A001 at 9:00, called at once
            Assert.Equal(sentOff.Ticket, (await hall.CallNextAsync(1)).Ticket);
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A002 at 9:01
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.True((await hall.CancelTicketAsync(sentOff.Ticket, "document missing")).IsSuccess); // 9:02, at the window
            await hall.CallNextAsync(1); // A002
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(5));
            await hall.FinishAsync(1);
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(2, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        var trace = DayTrace.Load(csv);
        Assert.Equal([(101, TraceOutcome.Cancelled), (102, TraceOutcome.Cancelled)], trace.Tickets[0].Items.Select(i => (i.Service, i.Outcome)));

        // The same staffing: A001 called at 9:00 and sent off, A002 called on arrival at 9:01. Two items came, both were
        // called (counted served); service 102 had nobody.
        var result = Simulator.Run(OneWindowFromNine(), new SimulationOptions { Replications = 2 }, _directory);
        var all = result.Row((int?)null)!;
        Assert.Equal(2, all[Metric.Arrivals].Mean);
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.Unserved].Mean);
        Assert.Equal(0, all[Metric.NoShows].Mean);
        Assert.Equal(0, result.Row(102)?[Metric.Arrivals].Mean ?? 0);
        var window = Assert.Single(result.Windows);
        Assert.Equal(2, window.Served.Mean); // as the rows count them
        Assert.Equal(5, window.Utilisation.Mean * window.OpenHours.Mean * 60, 4); // A002's five minutes: A001 took no window time
    }

    [Fact]
    public async Task ExportedDay_NoShowReQueuedAndServedLater_ReplayKeepsTheRecallTimeAndTheWaits()
    {
        // A001 was called at 9:00, recalled at 9:01 and marked a no-show at 9:02: two minutes of window 1 spent on a
        // citizen who was not there. The hall re-queued her behind A002 and A003, and she was served last, at 9:10.
        // The trace listed only her served row, so the replay served her at her first call: the recall minutes were
        // lost, the others were called two minutes earlier and she was served ten minutes too soon.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var journal = Path.Combine(_directory, "journal");
        var (engine, hall) = await OpenTownshipAsync(journal, time);
        await using (engine)
        {
            var late = await hall.IssueTicketAsync(new ServiceItemList([101])); // A001 at 9:00, called at once
            Assert.Equal(late.Ticket, (await hall.CallNextAsync(1)).Ticket);
            time.Advance(TimeSpan.FromMinutes(1));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A002 at 9:01
            Assert.True((await hall.RecallAsync(1)).IsSuccess);
            time.Advance(TimeSpan.FromSeconds(30));
            await hall.IssueTicketAsync(new ServiceItemList([101])); // A003 at 9:01:30
            time.Advance(TimeSpan.FromSeconds(30));
            Assert.True((await hall.NoShowAsync(1)).IsSuccess); // 9:02: re-queued three places back, behind A003
            await hall.CallNextAsync(1); // A002 at 9:02, waited 1 minute, served 5
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(5));
            await hall.FinishAsync(1);
            await hall.CallNextAsync(1); // A003 at 9:07, waited 5.5 minutes, served 3
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(3));
            await hall.FinishAsync(1);
            Assert.Equal(late.Ticket, (await hall.CallNextAsync(1)).Ticket); // A001 at 9:10, waited 10 minutes, served 4
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromMinutes(4));
            await hall.FinishAsync(1);
        }

        var csv = Path.Combine(_directory, "day.csv");
        using (var writer = new StreamWriter(csv))
        {
            Assert.Equal(3, DayTraceExport.Write(journal, "township", writer).Tickets);
        }

        var first = DayTrace.Load(csv).Tickets[0].Items.Single();
        Assert.Equal((TraceOutcome.Served, TimeSpan.FromMinutes(4)), (first.Outcome, first.HandlingTime!.Value));
        Assert.Equal([TimeSpan.FromMinutes(2)], first.RecallTimes);

        // The same staffing: the same waits (1, 5.5 and 10 minutes), the same window time (2 minutes of recalls and 12 of
        // service), and A001 counted served, not a no-show.
        var result = Simulator.Run(OneWindowFromNine(), new SimulationOptions { Replications = 2 }, _directory);
        var all = result.Row((int?)null)!;
        Assert.Equal((3, 3, 0), (all[Metric.Arrivals].Mean, all[Metric.Served].Mean, all[Metric.NoShows].Mean));
        Assert.Equal(5.5, all[Metric.MeanWait].Mean, 4);
        Assert.Equal(10, all[Metric.MaxWait].Mean, 4);
        var window = Assert.Single(result.Windows);
        Assert.Equal(14, window.Utilisation.Mean * window.OpenHours.Mean * 60, 4);
    }

    private ResultRow ReplayWithOneWindowFromNine()
    {
        return Simulator.Run(OneWindowFromNine(), new SimulationOptions { Replications = 2 }, _directory).Row((int?)null)!;
    }

    /// <summary>The township hall replaying day.csv with window 1 open from 9:00.</summary>
    private static Scenario OneWindowFromNine() =>
        new()
        {
            DayStart = "09:00",
            Halls =
            [
                new HallScenario
                {
                    Id = "township",
                    Trace = "day.csv",
                    Services = [new ServiceScenario { Id = 101 }, new ServiceScenario { Id = 102 }],
                    Windows = [new WindowScenario { Id = 1, Comprehensive = true, Shifts = [TestScenarios.Span(9, 18)] }],
                },
            ],
        };

    /// <summary>A journaled engine with the day's township hall: items 101 and 102, window 1 open.</summary>
    private static async Task<(QueueEngine Engine, HallHandle Hall)> OpenTownshipAsync(string journal, TimeProvider time, PriorityPolicy? priority = null)
    {
        var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = journal } }, time);
        var hall = engine.AddHall(new HallDefinition
        {
            Id = "township",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new() { Id = 101, Category = "A" }, new() { Id = 102, Category = "A" }],
            Windows = [new() { Id = 1, Comprehensive = true }],
            Priority = priority ?? new(),
        });
        engine.Start();
        await hall.OpenDayAsync();
        await hall.OpenWindowAsync(1);
        return (engine, hall);
    }
}
