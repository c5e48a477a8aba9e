namespace QueueCore.Simulation.Tests.Running;

public sealed class SimulatorTests
{
    [Fact]
    public void Run_SameSeed_SameFiguresWhateverTheParallelism()
    {
        var scenario = TestScenarios.Township();
        var one = Simulator.Run(scenario, new SimulationOptions { Replications = 4, Seed = 7, MaxParallelism = 1 });
        var two = Simulator.Run(scenario, new SimulationOptions { Replications = 4, Seed = 7, MaxParallelism = 2 });
        Assert.Equal(one.Rows.SelectMany(r => r.Figures), two.Rows.SelectMany(r => r.Figures));
        Assert.Equal(one.TicketsIssued, two.TicketsIssued);
    }

    [Fact]
    public void Run_Percentiles_ArePercentilesOfAllReplicationsWaitsPooled()
    {
        // A day's p90 averaged over the replications is not the p90 of the waits: the days with long waits make most of
        // the tail, which averaging the days' own percentiles dilutes (it read below the steady-state p99).
        var result = Simulator.Run(TestScenarios.Township(load: 1.3), new SimulationOptions { Replications = 6, Seed = 3 });
        for (var s = 0; s < result.ServiceIds.Count; s++)
        {
            var bins = result.WaitHistograms[s]; // every replication's waits; township's are all under four hours
            var row = result.Row(result.ServiceIds[s])!;
            var pooled = new double[3];
            var calledAtOnce = (long)Math.Round(bins.Sum() * (1 - row[Metric.Waited].Mean)); // the share that waited is of all waits pooled too
            WaitHistogram.Quantiles(bins, bins.Sum(), [0.5, 0.9, 0.99], pooled, long.MaxValue, calledAtOnce);
            Assert.Equal(pooled[0], row[Metric.P50Wait].Mean, 6);
            Assert.Equal(pooled[1], row[Metric.P90Wait].Mean, 6);
            Assert.Equal(pooled[2], row[Metric.P99Wait].Mean, 6);
        }
    }

    [Fact]
    public void Run_Longest_IsTheLongestOfAllReplicationsAtLeastTheP99()
    {
        // With the percentiles of all waits pooled, the mean of each day's longest wait read below the p99 on a service
        // of few citizens (township's business licences: p99 87.8 min, "longest" 51).
        var result = Simulator.Run(TestScenarios.Township(load: 1.3), new SimulationOptions { Replications = 20, Seed = 1 });
        foreach (var row in result.Rows.Where(r => r[Metric.Served].Mean > 0))
        {
            var days = Enumerable.Range(0, 20).Select(i => result.Value(i, row.Key, Metric.MaxWait)).Where(double.IsFinite);
            Assert.Equal(days.Max(), row[Metric.MaxWait].Mean, 9);
            Assert.True(row[Metric.P99Wait].Mean <= row[Metric.MaxWait].Mean, $"{row.Key}: p99 {row[Metric.P99Wait]} longest {row[Metric.MaxWait]}");
        }
    }

    [Fact]
    public void Run_HallsOfOneScenario_DoNotAffectEachOther()
    {
        // The simulator runs each hall's day in turn; a hall's figures must depend neither on the other halls of the
        // scenario nor on which hall ran before it. (A hall's random streams come from its id and its services' ids.)
        var quiet = TestScenarios.Township().Halls[0];
        var busy = TestScenarios.Township(load: 1.8).Halls[0];
        var morning = busy with // citizens come only from 08:00 to 09:00, and its day ends at 10:00
        {
            Services = [.. busy.Services.Select(s => s with { ArrivalsPerHour = [10], Patience = null })],
            Windows = [new WindowScenario { Id = 1, Comprehensive = true, Shifts = [TestScenarios.Span(8, 10)] }],
        };
        var second = busy with { Id = "second" };
        var options = new SimulationOptions { Replications = 2, Seed = 11 };
        Scenario City(params HallScenario[] halls) => new() { Name = "city", DayStart = "08:00", SlotMinutes = 60, Halls = halls };

        var afterQuiet = Simulator.Run(City(quiet, second), options);
        var afterBusy = Simulator.Run(City(morning, second), options);
        var alone = Simulator.Run(City(quiet), options);

        static object[] Figures(SimulationResult r, string hall) =>
            [.. r.Windows.Where(w => w.Hall == hall).Select(w => (w.Window, w.Utilisation.Mean, w.Served.Mean, w.OpenHours.Mean))];

        Assert.NotEmpty(Figures(afterQuiet, "second"));
        Assert.Equal(Figures(afterQuiet, "second"), Figures(afterBusy, "second"));
        Assert.Equal(Figures(alone, quiet.Id), Figures(afterQuiet, quiet.Id));
        Assert.NotEqual(Figures(afterQuiet, "second"), Figures(alone, quiet.Id)); // the figures do tell halls apart
    }

    [Fact]
    public void Run_Appointments_EachChecksInWithItsOwnReference()
    {
        // The hall checks an appointment reference in once a day: simulated appointments must not share one, or every
        // appointment after the first of a day would be refused (and silently missing from the figures).
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2, Seed = 3 });
        Assert.Equal(0, result.TicketsRefused);
        Assert.InRange(result.Row(new ResultKey(101, "appointment", null))![Metric.Arrivals].Mean, 10, 40); // a tenth of about 175
    }

    [Fact]
    public void Run_OtherSeed_OtherDay()
    {
        var scenario = TestScenarios.Township();
        var a = Simulator.Run(scenario, new SimulationOptions { Replications = 2, Seed = 1 });
        var b = Simulator.Run(scenario, new SimulationOptions { Replications = 2, Seed = 2 });
        Assert.NotEqual(a.Row((int?)null)![Metric.MeanWait], b.Row((int?)null)![Metric.MeanWait]);
    }

    [Fact]
    public void Run_EveryArrivalIsAccountedFor()
    {
        // Served, abandoned, dropped as a no-show or left at closing: nothing is lost or counted twice.
        var result = Simulator.Run(TestScenarios.Township(load: 1.6), new SimulationOptions { Replications = 1, Seed = 5 });
        var total = result.Row((int?)null)!;
        var arrivals = total[Metric.Arrivals].Mean;
        var accounted = total[Metric.Served].Mean
            + (arrivals * (total[Metric.Abandoned].Mean + total[Metric.NoShows].Mean + total[Metric.Unserved].Mean));
        Assert.Equal(arrivals, accounted, 6);
        Assert.True(total[Metric.Abandoned].Mean > 0, "an overloaded day has citizens who give up");
        Assert.True(total[Metric.NoShows].Mean > 0, "no-show shares produce no-shows");
    }

    [Fact]
    public void Run_DayClosesWhileATicketsFirstItemIsServed_ThatItemIsServedNotAlsoUnserved()
    {
        // Every ticket carries two items; one window, 08:00 to 09:00, is busy when the day closes at 09:00. The item in
        // hand is finished after the close, and the hall cancels the ticket's second item (nothing may wait after the
        // close). The simulation counted that cancellation as the finished item left unserved as well as served, so a
        // cell's served, abandoned, no-show and unserved items came to more than the items that came to wait.
        var scenario = TestScenarios.MMc(1, 20, 5, hours: 1, warmupHours: 0) with { DayStart = "08:00" };
        var hall = scenario.Halls[0];
        scenario = scenario with
        {
            Halls =
            [
                hall with
                {
                    Services =
                    [
                        hall.Services[0] with { MultiItem = new MultiItemScenario { Share = 1, Items = [2] } },
                        new ServiceScenario { Id = 2, Name = "second", Handling = TestScenarios.Exponential(5) },
                    ],
                    Windows = [hall.Windows[0] with { Shifts = [TestScenarios.Span(8, 9)] }],
                },
            ],
        };
        var plan = ScenarioCompiler.Compile(scenario);
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var stats = new Replication(plan, seed).Run();
            foreach (var c in stats.Cells)
            {
                Assert.Equal(c.Arrivals, c.Served + c.Abandoned + c.NoShows + c.Unserved);
            }
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void Run_ManyDays_EveryCellAccountsForItsItemsAndEveryFigureIsInRange(double load)
    {
        // Per replication and (service, class, hour) cell, the items that came to wait are served, abandoned, no-shows
        // or unserved, exactly once; a window is busy no longer than it is open; p50 <= p90 <= p99 <= longest.
        var scenario = TestScenarios.Township(load);
        var plan = ScenarioCompiler.Compile(scenario);
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var stats = new Replication(plan, seed).Run();
            foreach (var c in stats.Cells)
            {
                Assert.Equal(c.Arrivals, c.Served + c.Abandoned + c.NoShows + c.Unserved);
                Assert.InRange(c.Waited, 0, c.Served);
                Assert.InRange(c.Within, 0, c.Served);
            }

            for (var w = 0; w < stats.WindowBusy.Length; w++)
            {
                Assert.InRange(stats.WindowBusy[w], 0, stats.WindowOpen[w]);
            }
        }

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 8, Seed = 2 });
        for (var i = 0; i < 8; i++)
        {
            foreach (var row in result.Rows)
            {
                double V(Metric m) => result.Value(i, row.Key, m);
                if (double.IsFinite(V(Metric.P50Wait)))
                {
                    Assert.True(V(Metric.P50Wait) <= V(Metric.P90Wait) && V(Metric.P90Wait) <= V(Metric.P99Wait) && V(Metric.P99Wait) <= V(Metric.MaxWait), $"{row.Key} in replication {i}");
                    Assert.InRange(V(Metric.MeanWait), 0, V(Metric.MaxWait));
                }
            }
        }

        Assert.All(result.Windows, w => Assert.InRange(w.Utilisation.Mean, 0, 1));
        Assert.All(result.HourlyUtilisation.Where(u => double.IsFinite(u.Mean)), u => Assert.InRange(u.Mean, 0, 1));
    }

    [Fact]
    public void Run_MoreWindows_ShorterWaits()
    {
        var scenario = TestScenarios.Township(load: 1.3);
        var hall = scenario.Halls[0];
        var more = scenario with { Halls = [hall with { Windows = [.. hall.Windows, new WindowScenario { Id = 9, Count = 2, Comprehensive = true, Shifts = [TestScenarios.Span(8, 17)] }] }] };
        var options = new SimulationOptions { Replications = 6 };
        var before = Simulator.Run(scenario, options).Row((int?)null)![Metric.MeanWait];
        var after = Simulator.Run(more, options).Row((int?)null)![Metric.MeanWait];
        Assert.True(after.High < before.Low, $"two more windows: {after} min against {before} min");
    }

    [Fact]
    public void Run_LunchBreak_TheWindowCallsNobodyDuringIt()
    {
        var calls = new List<CallRecord>();
        var replication = new Replication(ScenarioCompiler.Compile(TestScenarios.Township(load: 1.5)), 3) { CallObserver = calls.Add };
        var stats = replication.Run();
        var lunchStart = TimeSpan.FromHours(12).Ticks;
        var lunchEnd = TimeSpan.FromHours(12.5).Ticks;
        Assert.DoesNotContain(calls, c => c.Window == 1 && c.Called >= lunchStart && c.Called < lunchEnd);
        Assert.Contains(calls, c => c.Window == 1 && c.Called >= lunchEnd); // back after lunch
        Assert.DoesNotContain(calls, c => c.Window == 3 && c.Called >= TimeSpan.FromHours(12).Ticks && c.Called < TimeSpan.FromHours(13).Ticks);
        Assert.DoesNotContain(calls, c => c.Called >= TimeSpan.FromHours(17).Ticks); // every shift ends at 17:00

        // Open time is the shift minus the break (plus the last service run past the bell).
        var openHours = stats.WindowOpen[0] / (double)TimeSpan.TicksPerHour;
        Assert.InRange(openHours, 8.5, 9.0);
    }

    [Fact]
    public void Run_DayOverrun_WaitingTicketsAreCountedAsUnserved()
    {
        var scenario = TestScenarios.MMc(1, 30, 5, hours: 4, warmupHours: 0); // 2.5 times what one window can serve
        var hall = scenario.Halls[0];
        scenario = scenario with { Halls = [hall with { Windows = [hall.Windows[0] with { Shifts = [TestScenarios.Span(0, 4)] }] }] };
        var total = Simulator.Run(scenario, new SimulationOptions { Replications = 3 }).Row((int?)null)!;
        Assert.InRange(total[Metric.Unserved].Mean, 0.4, 0.8);
    }

    [Fact]
    public void Run_OverloadedHall_SaysSoWithItsUtilisation()
    {
        // M/M/2 at ρ = λ E[S] / c = 30/h x 5 min / 2 = 1.25: no steady state (Erlang C has none at ρ >= 1), the queue grows
        // as long as arrivals come. The run printed its mean wait (about 10 hours here) as calmly as any other.
        var overloaded = Simulator.Run(TestScenarios.MMc(2, 30, 5, hours: 20, warmupHours: 2), new SimulationOptions { Replications = 2 });
        var notice = Assert.Single(overloaded.Notices);
        Assert.StartsWith("halls[0] (mmc): overloaded from 00:00 to 20:00: the arrivals bring 2.5 windows' worth of handling", notice, StringComparison.Ordinal);
        Assert.Contains("to 2 windows open (utilisation 1.25)", notice, StringComparison.Ordinal);

        // ρ = 0.95 is heavy but stable: nothing to say.
        Assert.Empty(Simulator.Run(TestScenarios.MMc(2, 22.8, 5, hours: 20, warmupHours: 2), new SimulationOptions { Replications = 2 }).Notices);

        // A day whose 09:00 hour brings 3 Erlangs to 2 windows (ρ = 1.5), the hours around it 1 Erlang: that hour is named.
        var day = TestScenarios.MMc(2, 12, 5, hours: 3, warmupHours: 0) with { DayStart = "08:00", SlotMinutes = 60 };
        var hall = day.Halls[0];
        day = day with { Halls = [hall with { Services = [hall.Services[0] with { ArrivalsPerHour = [12, 36, 12] }], Windows = [hall.Windows[0] with { Shifts = [TestScenarios.Span(8, 12)] }] }] };
        Assert.Contains("overloaded from 09:00 to 10:00: the arrivals bring 3 windows' worth of handling (arrivals an hour x mean handling time) to 2 windows open (utilisation 1.50)",
            Assert.Single(Simulator.Run(day, new SimulationOptions { Replications = 2 }).Notices), StringComparison.Ordinal);

        // One window: "to 1 window open", not "1 windows"; and "1 window's worth" likewise.
        var single = Assert.Single(Simulator.Run(TestScenarios.MMc(1, 12, 5, hours: 20, warmupHours: 2), new SimulationOptions { Replications = 2 }).Notices);
        Assert.Contains("the arrivals bring 1 window's worth of handling (arrivals an hour x mean handling time) to 1 window open (utilisation 1.00)", single, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HallNoCitizenComesTo_SaysSoNamingIt()
    {
        // Of a city's two halls, the second's rates are all 0: its windows stood idle all day without a word.
        var busy = TestScenarios.MMc(2, 12, 5, hours: 3, warmupHours: 0);
        var quiet = busy.Halls[0] with { Id = "quiet", Services = [busy.Halls[0].Services[0] with { ArrivalsPerHour = [0, 0] }] };
        var scenario = busy with { Halls = [busy.Halls[0], quiet] };

        var notice = Assert.Single(Simulator.Run(scenario, new SimulationOptions { Replications = 1 }).Notices);

        Assert.StartsWith("halls[1] (quiet): no citizen arrives", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ServiceWithoutArrivalsPerHour_SaysItGetsNoTicketsOrOnlyExtraItems()
    {
        // Service 2's rates were left out: the day had no ticket for it, and nothing said so, as if it had no load.
        // Service 3 without rates is legitimate (only ever an extra item of service 1's tickets), and said too.
        var scenario = TestScenarios.MMc(2, 12, 5, hours: 3, warmupHours: 0);
        var hall = scenario.Halls[0];
        scenario = scenario with
        {
            Halls =
            [
                hall with
                {
                    Services =
                    [
                        hall.Services[0] with { MultiItem = new MultiItemScenario { Share = 0.2, Items = [3] } },
                        new ServiceScenario { Id = 2, Name = "pensions", Handling = TestScenarios.Exponential(5) },
                        new ServiceScenario { Id = 3, Name = "seal", Handling = TestScenarios.Exponential(5) },
                    ],
                },
            ],
        };

        var notices = Simulator.Run(scenario, new SimulationOptions { Replications = 2 }).Notices;

        Assert.Equal(2, notices.Count);
        Assert.StartsWith("halls[0].services[1].arrivalsPerHour: not given, so no ticket comes for service 2 (pensions)", notices[0], StringComparison.Ordinal);
        Assert.StartsWith("halls[0].services[2].arrivalsPerHour: not given, so service 3 (seal) comes only as an extra item of other services' tickets", notices[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ArrivalsAfterTheLastWindowCloses_AreCountedAsRefused()
    {
        var scenario = TestScenarios.MMc(2, 20, 5, hours: 4, warmupHours: 0);
        var hall = scenario.Halls[0];
        scenario = scenario with { Halls = [hall with { Windows = [hall.Windows[0] with { Shifts = [TestScenarios.Span(0, 2)] }] }] };
        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 });
        Assert.InRange(result.TicketsRefused, 40, 120); // about 20 an hour for the last two hours, in each of two replications
    }
}
