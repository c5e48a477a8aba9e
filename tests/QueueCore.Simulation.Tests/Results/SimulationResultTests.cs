namespace QueueCore.Simulation.Tests.Results;

public sealed class SimulationResultTests
{
    [Fact]
    public void Rows_ABusyAndAQuietDay_SharesAreOfAllTicketsPooled_IntervalTheDaysSpread()
    {
        // A busy day (100 arrivals: 20 left, 10 no-shows, 40 of the 90 judged within the limit) and a quiet one (10
        // arrivals, all served within it). The mean of the days' shares read 72% within the limit where 50 of 100 were.
        var result = TwoDays();
        var row = result.Row(101)!;

        Assert.Equal(50.0 / 100, row[Metric.WithinLimit].Mean, 12); // of those served, abandoned or unserved
        Assert.Equal(20.0 / 110, row[Metric.Abandoned].Mean, 12);
        Assert.Equal(10.0 / 110, row[Metric.NoShows].Mean, 12);
        Assert.Equal(50.0 / 80, row[Metric.Waited].Mean, 12); // of those served
        Assert.Equal(Estimate.Of([40.0 / 90, 1.0]).HalfWidth, row[Metric.WithinLimit].HalfWidth, 12); // the days' spread
        Assert.Equal(Estimate.Of([20.0 / 100, 0.0]).HalfWidth, row[Metric.Abandoned].HalfWidth, 12);
        Assert.Equal(2, row[Metric.WithinLimit].Samples);
        Assert.Equal(55, row[Metric.Arrivals].Mean); // counts stay a day's mean
    }

    [Fact]
    public void Rows_ABusyAndAQuietDay_MeanWaitIsOfAllTicketsPooled_IntervalTheDaysSpread()
    {
        // The busy day's 70 served waited 40 minutes in all (0.57 min each), the quiet day's 10 waited 10 (1 min each):
        // the mean of the days' means read 0.79 min where the 80 citizens waited 50 minutes, 0.625 each.
        var row = TwoDays().Row(101)!;

        Assert.Equal(50.0 / 80, row[Metric.MeanWait].Mean, 12);
        Assert.Equal(Estimate.Of([40.0 / 70, 1.0]).HalfWidth, row[Metric.MeanWait].HalfWidth, 12); // the days' spread
        Assert.Equal(2, row[Metric.MeanWait].Samples);
    }

    [Fact]
    public void SlotLevel_ABusyAndAQuietDay_JudgedOnThePooledShareLessTheDaysSpread_NotBelowZero()
    {
        var result = TwoDays();
        var level = SlotLevel.Of(result, new ResultKey(null, null, 9));

        Assert.Equal(50.0 / 100, level.Share.Mean, 12);
        Assert.Equal((50, 100), (level.Within, level.Waits));
        Assert.Equal(Estimate.Of([40.0 / 90, 1.0]).HalfWidth, level.Share.HalfWidth, 12);
        Assert.True(level.Share.Low < 0, $"{level.Share}"); // two days far apart: the t interval reaches below 0 ...
        Assert.Equal(0, level.LowerBound); // ... and the bound judged on stops there, below the Wilson bound
    }

    /// <summary>Two replications of one service in hour 9 built by hand: 100 arrivals (20 abandoned, 10 no-shows, 70
    /// served, 40 of whom within the limit and waited) and 10 (all served within the limit, having waited).</summary>
    private static SimulationResult TwoDays()
    {
        var plan = ScenarioCompiler.Compile(new Scenario
        {
            DayStart = "09:00",
            SlotMinutes = 60,
            Halls =
            [
                new HallScenario
                {
                    Id = "h",
                    Services = [new ServiceScenario { Id = 101, Name = "household", ArrivalsPerHour = [10], Handling = TestScenarios.Exponential(5) }],
                    Windows = [new WindowScenario { Id = 1, Comprehensive = true, Shifts = [TestScenarios.Span(9, 10)] }],
                },
            ],
        });
        var layout = new RowLayout(plan);
        var pooled = new PooledRows(layout.Count, 2);
        var normal = Array.IndexOf(plan.ClassIds, PriorityPolicy.Normal);
        ReplicationSummary Day(int index, int arrivals, int abandoned, int noShows, int within, int waited)
        {
            var stats = new ReplicationStats(plan);
            ref var cell = ref stats.Cell(0, normal, 9 * TimeSpan.TicksPerHour);
            cell = new CellStats
            {
                Arrivals = arrivals, Abandoned = abandoned, NoShows = noShows, Served = arrivals - abandoned - noShows,
                Within = within, Waited = waited, WaitTicksSum = waited * TimeSpan.TicksPerMinute, MaxWaitTicks = waited > 0 ? 30 * TimeSpan.TicksPerMinute : 0,
            };
            return new ReplicationSummary(layout, stats, pooled, index);
        }

        ReplicationSummary[] days = [Day(0, 100, 20, 10, 40, 40), Day(1, 10, 0, 0, 10, 10)];
        return new SimulationResult(plan, new SimulationOptions { Replications = 2 }, days, pooled, TimeSpan.Zero);
    }
}
