namespace QueueCore.Simulation.Tests.Running;

/// <summary>Replaying a day's trace with other staffing: the trace's arrivals and handling times, the scenario's windows.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qc-replay").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SimulationResult Replay(int windows, string trace)
    {
        File.WriteAllText(Path.Combine(_directory, "day.csv"), trace);
        return Simulator.Run(Staffing(windows), new SimulationOptions { Replications = 2 }, _directory);
    }

    private static Scenario Staffing(int windows) => new()
    {
        DayStart = "09:00",
        WaitLimitMinutes = 5,
        Halls =
        [
            new HallScenario
            {
                Id = "replay",
                Trace = "day.csv",
                Services = [new ServiceScenario { Id = 101 }, new ServiceScenario { Id = 102 }],
                Windows = [new WindowScenario { Id = 1, Count = windows, Comprehensive = true, Shifts = [TestScenarios.Span(9, 18)] }],
            },
        ],
    };

    private const string Day = """
        ticket,arrival,service,age,handling_seconds
        A001,09:00:00,101,30,600
        A002,09:00:00,101,30,600
        A003,09:00:00,102,30,300
        """;

    [Fact]
    public void Replay_OneWindow_TicketsQueueBehindTheTracedHandlingTimes()
    {
        var result = Replay(1, Day);
        var all = result.Row((int?)null)!;
        Assert.Equal(3, all[Metric.Arrivals].Mean);
        Assert.Equal(20, all[Metric.MaxWait].Mean, 3); // the third ticket waits behind two traced 10-minute services
    }

    [Fact]
    public void Replay_MostCalledAtOnce_MedianWaitReadsZero()
    {
        // A001 and A003 find the window idle, A002 waits ten minutes behind A001. The median wait is none at all, but
        // read 0.06 minutes ("0.1" in the table): the waits of none were spread over their 5-second bin.
        var result = Replay(1, """
            ticket,arrival,service,handling_seconds
            A001,09:00:00,101,600
            A002,09:00:00,101,600
            A003,09:30:00,101,60
            """);

        var all = result.Row((int?)null)!;
        Assert.Equal(3, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.P50Wait].Mean);
        Assert.Equal(10, all[Metric.P99Wait].Mean, 6);
    }

    [Fact]
    public void Replay_TicketBackToAnItem_ItsLaterRowsAddToTheItemsFirstPass()
    {
        // A002 came back to item 101 after 102 (a transfer back, as the journal's day export writes it): the hall holds
        // each item once on a ticket, so the replay serves 101 once for both rows' time (90 s), then 102. The replay
        // used to refuse the trace. A003, issued just after A002, waits for A002's 101 and 102: 150 s.
        var result = Replay(1, """
            ticket,arrival,service,handling_seconds
            A001,09:00:00,101,60
            A002,09:01:00,101,60
            A002,09:01:00,102,60
            A002,09:01:00,101,30
            A003,09:01:00,101,60
            """);

        var all = result.Row((int?)null)!;
        Assert.Equal(4, all[Metric.Arrivals].Mean); // A001, A002's 101 and 102, A003
        Assert.Equal(4, all[Metric.Served].Mean);
        Assert.Equal(3, result.Row(101)![Metric.Served].Mean);
        Assert.Equal(2.5, all[Metric.MaxWait].Mean, 3);
        Assert.StartsWith("trace file 'day.csv': 1 ticket comes back to an item already on it (e.g. A002 to service 101)", Assert.Single(result.Notices), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_WaitsOfManyHours_PercentilesAreTheWaits()
    {
        // Sixty citizens at 09:00 for one window, ten minutes each: the k-th waits 10 k minutes, up to 590. The wait
        // histogram used to end in one bin for "four hours or more", so the median, p90 and p99 all read 240.0 minutes
        // (a median below the mean of 295) however long an overloaded hall's citizens waited.
        var rows = Enumerable.Range(1, 60).Select(i => $"T{i:000},09:00:00,101,600");
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,handling_seconds\n" + string.Join('\n', rows) + "\n");
        var scenario = Staffing(1);
        scenario = scenario with { Halls = [scenario.Halls[0] with { Windows = [new WindowScenario { Id = 1, Comprehensive = true, Shifts = [TestScenarios.Span(9, 24)] }] }] };

        var all = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory).Row((int?)null)!;

        Assert.Equal(60, all[Metric.Served].Mean);
        Assert.Equal(295, all[Metric.MeanWait].Mean, 6);
        Assert.Equal(590, all[Metric.MaxWait].Mean, 6);
        Assert.InRange(all[Metric.P50Wait].Mean, 290 * 0.98, 300 * 1.02); // between the 30th and 31st waits, to within a bin
        Assert.InRange(all[Metric.P90Wait].Mean, 530 * 0.98, 540 * 1.02);
        Assert.InRange(all[Metric.P99Wait].Mean, 580 * 0.98, 590);
    }

    [Fact]
    public void Replay_WindowsOpenAfterTheLastArrival_HourlyUtilisationCoversTheirDay()
    {
        // Six citizens at 09:00 keep the one window busy from 09:00 to 10:00; it stays open to 18:00. The hourly
        // utilisation used to end with the arrivals' hours: one "09:00" figure of 1/9 (the nine open hours folded into
        // it) and none for 10:00 to 17:00.
        var result = Replay(1, "ticket,arrival,service,handling_seconds\n" + string.Join('\n', Enumerable.Range(1, 6).Select(i => $"A{i:000},09:00:00,101,600")) + "\n");

        Assert.Equal(18, result.HourlyUtilisation.Count); // hours from midnight to the window's close at 18:00
        Assert.Equal(1, result.HourlyUtilisation[9].Mean, 9);
        Assert.All(result.HourlyUtilisation.Skip(10), e => Assert.Equal(0, e.Mean));
    }

    [Fact]
    public void Replay_DailyCapAndIssuingHours_TheHallRefusesAsItWouldThatDay()
    {
        // The engine's per-service daily cap and issuing hours, set in the scenario: service 101 issues two tickets a
        // day, service 102 from 09:00 to 10:00. A scenario could say neither (unknown fields), so a planner could not
        // simulate a hall that caps an item or stops issuing it at 10:00.
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,handling_seconds\nA1,09:00:00,101,60\nA2,09:10:00,101,60\nA3,09:20:00,101,60\nB1,09:30:00,102,60\nB2,10:00:00,102,60\n");
        var scenario = Staffing(1);
        var hall = scenario.Halls[0];
        scenario = scenario with
        {
            Halls =
            [
                hall with
                {
                    Services =
                    [
                        new ServiceScenario { Id = 101, DailyCap = 2 },
                        new ServiceScenario { Id = 102, IssuingHours = [TestScenarios.Span(9, 10)] },
                    ],
                },
            ],
        };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory);

        Assert.Equal(2, result.Row(101)![Metric.Served].Mean);
        Assert.Equal(1, result.Row(101)![Metric.Refused].Mean); // A3, the third of the day
        Assert.Equal(1, result.Row(102)![Metric.Served].Mean);
        Assert.Equal(1, result.Row(102)![Metric.Refused].Mean); // B2, at 10:00, when issuing has stopped
        Assert.Equal(4, result.TicketsRefused); // over the two replications
    }

    [Fact]
    public void Replay_InterleaveTwoNormalForEachPriority_TheWindowCallsInThatRatio()
    {
        // The engine's interleave rule in the other direction than interleaveAfter: one priority ticket, then two
        // normal ones, while both wait. T0 holds the window until 09:10; meanwhile three normal and two elderly
        // citizens come (elderly: ten minutes' head start, ranked first). Calls from 09:10, one a minute: E1, N1, N2, E2, N3.
        var calls = new List<CallRecord>();
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,age,handling_seconds\nT0,09:00:00,101,30,600\nN1,09:01:00,101,30,60\nN2,09:01:10,101,30,60\nN3,09:01:20,101,30,60\nE1,09:02:00,101,70,60\nE2,09:03:00,101,70,60\n");
        var scenario = Staffing(1);
        scenario = scenario with { Halls = [scenario.Halls[0] with { Priority = new PriorityScenario { Interleave = new InterleaveScenario { PriorityCalls = 1, NormalCalls = 2 } } }] };
        new Replication(ScenarioCompiler.Compile(scenario, _directory), 1) { CallObserver = calls.Add }.Run();

        Assert.Equal(["normal", "elderly", "normal", "normal", "elderly", "normal"], calls.Select(c => c.Class));
        Assert.Equal([0, 10, 11, 12, 13, 14], calls.Select(c => (int)((c.Called - TimeSpan.FromHours(9).Ticks) / TimeSpan.TicksPerMinute)));
    }

    [Fact]
    public void Replay_ADayWorkedOutByHand_EveryFigureAsDocumented()
    {
        // One window from 09:00 to 18:00, ten minutes a citizen, limit 5 minutes. A001-A003 come at 09:00 (waits 0,
        // 10, 20: 102's A003 is third), A004 at 09:10 (called at 09:30: 20). The window is busy 09:00-09:40.
        var result = Replay(1, "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,600\nA002,09:00:00,101,600\nA003,09:00:00,102,600\nA004,09:10:00,101,600\n");

        var all = result.Row((int?)null)!;
        Assert.Equal(4, all[Metric.Arrivals].Mean);
        Assert.Equal(12.5, all[Metric.MeanWait].Mean, 6);
        Assert.Equal(0.25, all[Metric.WithinLimit].Mean, 6); // only A001 within 5 minutes
        Assert.Equal(0.75, all[Metric.Waited].Mean, 6);
        Assert.Equal(20, all[Metric.P90Wait].Mean, 1);
        Assert.Equal(10, result.Row(101)![Metric.MeanWait].Mean, 6);
        Assert.Equal(20, result.Row(102)![Metric.MeanWait].Mean, 6);
        Assert.Equal(4, result.Row(new ResultKey(null, null, 9))![Metric.Arrivals].Mean); // every wait began in the 09:00 hour
        Assert.Equal(3, result.Row(new ResultKey(101, "normal", null))![Metric.Arrivals].Mean); // A001, A002, A004: normal

        var window = Assert.Single(result.Windows);
        Assert.Equal(40.0 / (9 * 60), window.Utilisation.Mean, 6);
        Assert.Equal(9, window.OpenHours.Mean, 6);
        Assert.Equal(40.0 / 60, result.HourlyUtilisation[9].Mean, 6);
    }

    [Fact]
    public void Replay_LastTicketOnTheHour_CountedInItsHour()
    {
        // A trace whose last ticket comes at 10:00:00 sharp: the hourly rows ended with 09:00-10:00, which counted it.
        // A day of tickets all at 09:00 (dayStart) had its only hourly row labelled 08:00-09:00, before the day began.
        var result = Replay(1, "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,600\nA002,10:00:00,101,600\n");
        Assert.Equal(1, result.Row(new ResultKey(null, null, 9))![Metric.Arrivals].Mean);
        Assert.Equal(1, result.Row(new ResultKey(null, null, 10))?[Metric.Arrivals].Mean);

        var early = Replay(1, Day);
        Assert.Null(early.Row(new ResultKey(null, null, 8)));
        Assert.Equal(3, early.Row(new ResultKey(null, null, 9))?[Metric.Arrivals].Mean);
    }

    [Fact]
    public void Replay_ServicesWithArrivalRates_TheTraceReplacesThem()
    {
        // The planner adds a trace to a scenario whose services give arrivalsPerHour: the README says the trace's
        // arrivals replace the Poisson ones. They were simulated on top of the trace (township.json with
        // township-monday.csv: 551 tickets a day instead of the trace's 276, waits of hours).
        File.WriteAllText(Path.Combine(_directory, "day.csv"), Day);
        var scenario = Staffing(1);
        var hall = scenario.Halls[0];
        scenario = scenario with
        {
            Halls = [hall with { Services = [.. hall.Services.Select(s => s with { ArrivalsPerHour = [60, 60], Handling = TestScenarios.Exponential(5) })] }],
        };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory);

        Assert.Equal(6, result.TicketsIssued); // the trace's three tickets in each of two replications
        Assert.Equal(3, result.Row((int?)null)![Metric.Arrivals].Mean);
    }

    [Fact]
    public void Replay_ThreeWindows_NobodyWaits()
    {
        var result = Replay(3, Day);
        Assert.Equal(0, result.Row((int?)null)![Metric.MaxWait].Mean);
        Assert.Equal(1, result.Row((int?)null)![Metric.WithinLimit].Mean);
    }

    [Fact]
    public void Replay_ItemWithoutHandlingTime_IsANoShow()
    {
        var result = Replay(1, "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,\nA002,09:00:00,101,60\n");
        var all = result.Row((int?)null)!;
        Assert.Equal(0.5, all[Metric.NoShows].Mean);
        Assert.Equal(1, all[Metric.Served].Mean);
    }

    [Theory]
    [InlineData(null, 3.0)] // the engine's default: re-queued once, called back after A002, dropped at the second no-show
    [InlineData(1, 2.0)] // dropped at the first: one recall
    public void Replay_NoShowPolicy_TheHallRequeuesOrDropsAsSet(int? maxNoShows, double busyMinutes)
    {
        // A001 never comes (no handling time), A002 is served for a minute. Each call of A001 holds the window for
        // recallSeconds (60). A scenario could not set the hall's no-show policy ('unknown field noShow').
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,\nA002,09:00:00,101,60\n");
        var scenario = Staffing(1);
        scenario = scenario with { Halls = [scenario.Halls[0] with { NoShow = maxNoShows is { } n ? new NoShowScenario { MaxNoShows = n } : null }] };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory);

        var window = Assert.Single(result.Windows);
        Assert.Equal(busyMinutes, window.Utilisation.Mean * window.OpenHours.Mean * 60, 6);
        Assert.Equal(0.5, result.Row((int?)null)![Metric.NoShows].Mean);
    }

    [Fact]
    public void Replay_UnservedItemBeforeAServedOne_TheTicketGoesOnToIt()
    {
        // A001's first item was not served that day, its second was: both are replayed, the first as a no-show.
        var result = Replay(1, "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,\nA001,09:00:00,102,60\nA002,09:00:00,101,60\n");
        var all = result.Row((int?)null)!;
        Assert.Equal(3, all[Metric.Arrivals].Mean); // every row of the trace came to wait
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(1.0 / 3, all[Metric.NoShows].Mean, 9);
        Assert.Equal(1, result.Row(102)![Metric.Served].Mean);
    }

    [Fact]
    public void Replay_NoItemServed_TheTicketIsDroppedAtItsFirstAsThatDay()
    {
        // Nothing after the first item was served: the holder never came, and the hall's no-show dropped the ticket
        // with its other items, which therefore never came to wait.
        var result = Replay(1, "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,\nA001,09:00:00,102,\n");
        var all = result.Row((int?)null)!;
        Assert.Equal(1, all[Metric.Arrivals].Mean);
        Assert.Equal(0, all[Metric.Served].Mean);
        Assert.Equal(1, all[Metric.NoShows].Mean);
    }

    [Fact]
    public void Replay_WaitingAtClose_ServedWhenAWindowReachesThem_NeverNoShows()
    {
        // A002 was still waiting when the real hall closed (the day export's outcome waiting_at_close): real demand. It
        // was replayed as an absent citizen, called, recalled and counted as a no-show, so a "what if" overstated them.
        // Now the window that reaches A002 serves it for the mean of the day's served 101s (10 minutes).
        var result = Replay(1, "ticket,arrival,service,handling_seconds,outcome\nA001,09:00:00,101,600,served\nA002,09:00:00,101,,waiting_at_close\n");
        var all = result.Row((int?)null)!;
        Assert.Equal(2, all[Metric.Arrivals].Mean);
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.NoShows].Mean);
        Assert.Equal(0, all[Metric.Unserved].Mean);
        var window = Assert.Single(result.Windows);
        Assert.Equal(20, window.Utilisation.Mean * window.OpenHours.Mean * 60, 6); // both served for 10 minutes, no recall
    }

    [Fact]
    public void Replay_WaitingAtClose_NoWindowReachesThem_StillWaitingAtClosing_NotNoShows()
    {
        // A001 holds the only window past its 18:00 close: A002 waits through the replayed day, as on the real one.
        var result = Replay(1, "ticket,arrival,service,handling_seconds,outcome\nA001,09:00:00,101,40000,served\nA002,09:00:00,101,,waiting_at_close\n");
        var all = result.Row((int?)null)!;
        Assert.Equal(2, all[Metric.Arrivals].Mean);
        Assert.Equal(1, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.NoShows].Mean);
        Assert.Equal(0.5, all[Metric.Unserved].Mean);
    }

    [Fact]
    public void Validate_WaitingAtCloseForAServiceNoRowServes_ErrorNamesTheServiceAndWhatToGive()
    {
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,handling_seconds,outcome\nA001,09:00:00,101,60,served\nA002,09:00:00,102,,waiting_at_close\n");
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(Staffing(1), _directory));
        var error = Assert.Single(e.Errors);
        Assert.Contains("1 ticket was still waiting at the day's close for service 102 (e.g. A002)", error, StringComparison.Ordinal);
        Assert.Contains("give halls[0].services[1].handling", error, StringComparison.Ordinal);

        // With the scenario's handling for 102, it is served for that mean.
        var scenario = Staffing(1);
        scenario = scenario with { Halls = [scenario.Halls[0] with { Services = [new ServiceScenario { Id = 101 }, new ServiceScenario { Id = 102, Handling = TestScenarios.Exponential(5) }] }] };
        var all = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory).Row((int?)null)!;
        Assert.Equal(2, all[Metric.Served].Mean);
    }

    [Fact]
    public void Replay_CancelledAtTheWindow_CalledAndSentOff_NotANoShow()
    {
        // The clerk cancelled A001 after calling it (outcome cancelled): its holder came. It was replayed as an absent
        // citizen, recalled for a minute and counted as a no-show. Now it is called, counted served, and the window goes on.
        var result = Replay(1, "ticket,arrival,service,handling_seconds,outcome\nA001,09:00:00,101,,cancelled\nA002,09:00:00,101,60,served\n");
        var all = result.Row((int?)null)!;
        Assert.Equal(2, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.NoShows].Mean);
        var window = Assert.Single(result.Windows);
        Assert.Equal(1, window.Utilisation.Mean * window.OpenHours.Mean * 60, 4); // A002's minute: no recall
    }

    [Fact]
    public void Replay_TicketsCancelledAtTheWindowInARow_EachEndsThere_TheWindowCallsOn()
    {
        // A002 and A003 came for 101 and 102 and were each sent off at the window (both rows cancelled, as the day export
        // writes a ticket cancelled at its call). Each is called at 9:10 and ends there: their 102s never come to wait.
        // Served for no time instead, each went on to its 102, which waited and was served, and A004 waited for them.
        var result = Replay(1, """
            ticket,arrival,service,handling_seconds,outcome
            A001,09:00:00,101,600,served
            A002,09:00:00,101,,cancelled
            A002,09:00:00,102,,cancelled
            A003,09:00:00,101,,cancelled
            A003,09:00:00,102,,cancelled
            A004,09:00:00,102,60,served
            """);

        var all = result.Row((int?)null)!;
        Assert.Equal(4, all[Metric.Arrivals].Mean);
        Assert.Equal(4, all[Metric.Served].Mean);
        Assert.Equal(0, all[Metric.Unserved].Mean);
        Assert.Equal(1, result.Row(102)![Metric.Arrivals].Mean); // A004's alone
        Assert.Equal(10, all[Metric.MaxWait].Mean, 6); // A002, A003 and A004 all called at 9:10
        var window = Assert.Single(result.Windows);
        Assert.Equal(4, window.Served.Mean);
        Assert.Equal(11, window.Utilisation.Mean * window.OpenHours.Mean * 60, 4); // A001's ten minutes and A004's one
    }

    [Fact]
    public void Replay_ScenarioPatience_ReplayedCitizensGiveUpAfterIt()
    {
        // The planner asks "with one window, who would give up after 5 minutes?". The replay ignored patience: all three
        // waited as long as it took. Now A002 and A003, not called within 5 minutes, leave then.
        File.WriteAllText(Path.Combine(_directory, "day.csv"), Day);
        var scenario = Staffing(1);
        var fixedFive = new DistributionScenario { Kind = "fixed", Minutes = 5 };
        scenario = scenario with { Halls = [scenario.Halls[0] with { Services = [.. scenario.Halls[0].Services.Select(s => s with { Patience = fixedFive })] }] };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory);

        var all = result.Row((int?)null)!;
        Assert.Equal(3, all[Metric.Arrivals].Mean);
        Assert.Equal(1, all[Metric.Served].Mean);
        Assert.Equal(2 / 3.0, all[Metric.Abandoned].Mean, 9);
        Assert.Equal(0, all[Metric.MaxWait].Mean);
        Assert.DoesNotContain(result.Notices, n => n.Contains("patience", StringComparison.Ordinal));
    }

    [Fact]
    public void Replay_ClassMixNoShowShareMultiItem_NotedAsIgnored()
    {
        // The trace says who came with what, so these do not apply; a planner who set them believed they took effect.
        File.WriteAllText(Path.Combine(_directory, "day.csv"), Day);
        var scenario = Staffing(1);
        scenario = scenario with
        {
            Halls =
            [
                scenario.Halls[0] with
                {
                    Services =
                    [
                        new ServiceScenario { Id = 101, ClassMix = new Dictionary<string, double> { ["elderly"] = 0.2 }, NoShowShare = 0.1, MultiItem = new MultiItemScenario { Share = 0.3, Items = [102] } },
                        new ServiceScenario { Id = 102, NoShowShare = 0.1 },
                    ],
                },
            ],
        };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }, _directory);

        Assert.Contains("halls[0]: the replay ignores classMix (service 101): the trace gives each arrival's class (its age, flags, appointment or class column)", result.Notices);
        Assert.Contains("halls[0]: the replay ignores noShowShare (services 101, 102): the trace says who did not come when called (outcome no_show)", result.Notices);
        Assert.Contains("halls[0]: the replay ignores multiItem (service 101): the trace gives each ticket's items", result.Notices);
        Assert.Equal(0, result.Row((int?)null)![Metric.NoShows].Mean); // and indeed nobody was made absent
    }

    [Fact]
    public void Validate_BadTraceRow_IsTheOnlyProblem()
    {
        // The services of a traced hall need no handling times, also when its trace fails to load.
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,handling_seconds\nA001,09:00:00,x,60\n");
        var e = Assert.Throws<ScenarioException>(() => Simulator.Validate(Staffing(1), _directory));
        var error = Assert.Single(e.Errors);
        Assert.Equal("trace file 'day.csv', line 2, column 'service': 'x': expected a whole number", error);
    }
}
