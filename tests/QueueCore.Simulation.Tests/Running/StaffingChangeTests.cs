namespace QueueCore.Simulation.Tests.Running;

/// <summary>
/// A what-if of staffing, as a planner runs the shipped one (township.json against township-window7.json: window 7
/// from 10:00 to 15:00): on the same citizens, the day is the same call for call until the new window opens, and the
/// new window works only in its hours.
/// </summary>
public sealed class StaffingChangeTests
{
    private static readonly long Ten = TimeSpan.FromHours(10).Ticks, Fifteen = TimeSpan.FromHours(15).Ticks;

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void WindowOpenedAtTen_EveryCallBeforeTenIsTheSame_AndTheNewWindowCallsOnlyInItsHours(ulong seed)
    {
        var (before, after) = (Calls("township.json", seed), Calls("township-window7.json", seed));

        Assert.Contains(before, c => c.Called < Ten);
        Assert.Equal(before.Where(c => c.Called < Ten), after.Where(c => c.Called < Ten));
        Assert.Contains(after, c => c.Window == 7);
        Assert.All(after.Where(c => c.Window == 7), c => Assert.InRange(c.Called, Ten, Fifteen - 1));
        Assert.DoesNotContain(before, c => c.Window == 7);
    }

    [Fact]
    public void WindowOpenedAtTen_ItsHoursAreAdded_OnTheSameCitizens()
    {
        var options = new SimulationOptions { Replications = 2, Seed = 3 };
        var (a, b) = (Run("township.json", options), Run("township-window7.json", options));

        Assert.Equal(a.Windows.Select(w => w.Window), b.Windows.Where(w => w.Window != 7).Select(w => w.Window));
        Assert.InRange(b.Windows.Single(w => w.Window == 7).OpenHours.Mean, 5, 5.5); // 10:00-15:00, and the ticket in hand at three
        Assert.Equal(a.TicketsIssued, b.TicketsIssued); // the same citizens came
        Assert.True(b.Row((int?)null)![Metric.MeanWait].Mean < a.Row((int?)null)![Metric.MeanWait].Mean);
    }

    private static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "scenarios", file);

    private static SimulationResult Run(string file, SimulationOptions options) => Simulator.Run(ScenarioReader.Load(Path(file)), options);

    private static List<CallRecord> Calls(string file, ulong seed)
    {
        var calls = new List<CallRecord>();
        new Replication(ScenarioCompiler.Compile(ScenarioReader.Load(Path(file))), Simulator.ReplicationSeed(seed, 0)) { CallObserver = calls.Add }.Run();
        return calls;
    }
}
