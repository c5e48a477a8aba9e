namespace QueueCore.Simulation.Tests.Staffing;

public sealed class StaffingSearchTests
{
    [Fact]
    public void Run_FindsStaffingThatMeetsTheTargetEveryHour_NearErlangC()
    {
        var scenario = new Scenario
        {
            DayStart = "09:00",
            Halls =
            [
                new HallScenario
                {
                    Id = "h",
                    Services = [new ServiceScenario { Id = 1, ArrivalsPerHour = [30, 60, 90, 40], Handling = TestScenarios.Exponential(6) }],
                    Windows = [new WindowScenario { Id = 1, Comprehensive = true, Shifts = [TestScenarios.Span(9, 13)] }],
                },
            ],
        };
        var target = new StaffingTarget(0.9, TimeSpan.FromMinutes(10));
        var plan = StaffingSearch.Run(scenario, target, new SimulationOptions { Replications = 8, Seed = 3 });

        Assert.True(plan.MetTarget, $"windows {string.Join(' ', plan.Windows)}, Erlang C {string.Join(' ', plan.ErlangC)}");
        Assert.All(plan.WithinLimit, e => Assert.True(e.Mean >= 0.9, $"{e}"));
        Assert.Equal([9.0, 10, 11, 12], plan.SlotStarts);
        for (var k = 0; k < 4; k++)
        {
            Assert.InRange(plan.Windows[k], plan.ErlangC[k] - 2, plan.ErlangC[k] + 2);
        }

        Assert.True(plan.Windows[2] > plan.Windows[0], "the peak hour needs more windows than the first");
    }

    [Fact]
    public void Run_SlotsNotHourly_AreRefusedWithTheField()
    {
        var scenario = TestScenarios.Township() with { SlotMinutes = 30 };
        var e = Assert.Throws<ScenarioException>(() => StaffingSearch.Run(scenario, new StaffingTarget(0.9, TimeSpan.FromMinutes(15)), new SimulationOptions()));
        Assert.StartsWith("slotMinutes:", e.Message, StringComparison.Ordinal);
    }
}
