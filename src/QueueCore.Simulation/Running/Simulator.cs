using System.Diagnostics;

namespace QueueCore.Simulation;

/// <summary>Runs scenarios: replications in parallel over the cores, each one single-threaded and reproducible from
/// the seed, summarised with 95% confidence intervals.</summary>
public static class Simulator
{
    /// <summary>Checks a scenario (every problem named by its field path) without running it.</summary>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    public static void Validate(Scenario scenario, string? baseDirectory = null) => ScenarioCompiler.Compile(scenario, baseDirectory);

    /// <summary>Runs <paramref name="scenario"/>; trace files are found relative to <paramref name="baseDirectory"/>.
    /// <paramref name="progress"/> hears the number of replications finished.</summary>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    public static SimulationResult Run(Scenario scenario, SimulationOptions? options = null, string? baseDirectory = null, IProgress<int>? progress = null)
    {
        options ??= new SimulationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replications, 1);
        var plan = ScenarioCompiler.Compile(scenario, baseDirectory);
        return Run(plan, options, progress);
    }

    internal static SimulationResult Run(SimulationPlan plan, SimulationOptions options, IProgress<int>? progress = null)
    {
        var layout = new RowLayout(plan);
        var summaries = new ReplicationSummary[options.Replications];
        var pooled = new PooledRows(layout.Count, options.Replications);
        var done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, options.Replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) }, i =>
        {
            var stats = new Replication(plan, ReplicationSeed(options.Seed, i)).Run();
            summaries[i] = new ReplicationSummary(layout, stats, pooled, i);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return new SimulationResult(plan, options, summaries, pooled, clock.Elapsed);
    }

    /// <summary>The seed of replication <paramref name="index"/> of a run seeded with <paramref name="seed"/>.</summary>
    internal static ulong ReplicationSeed(ulong seed, int index) => Xoshiro256.Mix(seed, (ulong)index + 1);
}
