namespace QueueCore.Simulation.Tests.Validation;

/// <summary>
/// The bound the dispatch rule promises, on simulated days with the default head starts: no normal ticket is passed
/// by a priority ticket issued more than that class's head start after it, unless the max-wait guard applies.
/// </summary>
public sealed class HeadStartBoundTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void SimulatedDay_NoNormalTicketPassedBeyondTheHeadStart(ulong seed)
    {
        var policy = new PriorityPolicy();
        var headStart = policy.Classes.ToDictionary(c => c.Id, c => c.HeadStart.Ticks);
        var maxWait = policy.MaxWait!.Value.Ticks;
        var scenario = new Scenario
        {
            DayStart = "08:00",
            Halls =
            [
                new HallScenario
                {
                    Id = "busy",
                    Services =
                    [
                        new ServiceScenario
                        {
                            Id = 1, ArrivalsPerHour = [40, 60, 60, 50, 30, 50, 60, 40], Handling = TestScenarios.Exponential(6),
                            ClassMix = new Dictionary<string, double> { ["elderly"] = 0.2, ["key-enterprise"] = 0.1, ["green"] = 0.02 },
                            AppointmentShare = 0.1,
                        },
                    ],
                    Windows = [new WindowScenario { Id = 1, Count = 5, Comprehensive = true, Shifts = [TestScenarios.Span(8, 24)] }],
                },
            ],
        };
        var calls = new List<CallRecord>();
        var replication = new Replication(ScenarioCompiler.Compile(scenario), seed) { CallObserver = calls.Add };
        replication.Run();

        // Normal tickets by issue time, with the latest call among those issued before each one.
        var normal = calls.Where(c => c.Class == PriorityPolicy.Normal).OrderBy(c => c.Issued).ToArray();
        var issued = normal.Select(c => c.Issued).ToArray();
        var latestCall = new long[normal.Length];
        for (var i = 0; i < normal.Length; i++)
        {
            latestCall[i] = Math.Max(i > 0 ? latestCall[i - 1] : 0, normal[i].Called);
        }

        var passes = 0;
        foreach (var p in calls.Where(c => c.Class != PriorityPolicy.Normal))
        {
            var guard = p.Called - p.Issued >= maxWait;
            var threshold = p.Issued - headStart[p.Class];

            // Any normal ticket issued before the threshold and still waiting when p was called was passed beyond the bound.
            var before = LowerBound(issued, threshold);
            Assert.False(before > 0 && latestCall[before - 1] > p.Called && !guard,
                $"{p.Class} ticket issued at {new TimeSpan(p.Issued)} called at {new TimeSpan(p.Called)} passed a normal ticket issued before {new TimeSpan(threshold)}");

            passes += normal.Any(n => n.Issued < p.Issued && n.Called > p.Called) ? 1 : 0;
        }

        Assert.True(passes > 50, $"the day should put priority tickets ahead of waiting normal ones (only {passes} did)");
    }

    private static int LowerBound(long[] sorted, long value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == value)
        {
            i--;
        }

        return i;
    }
}
