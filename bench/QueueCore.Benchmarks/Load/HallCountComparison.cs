using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// <c>load-halls</c>: does the number of halls on a shard cost throughput? The same traffic on few and on many
/// halls on one shard: <see cref="EngineTraffic.DefaultOptionsHall"/> (default hall options), a standing queue of
/// <see cref="Standing"/> per hall and the steady stream (<see cref="Producers.SteadyThroughput"/>), so every hall
/// keeps the same queue whatever the count and only the number of halls differs. (EngineTraffic's own stream would
/// not do: its queues grow with the commands each hall receives, so 16 halls would end far deeper than 1,000.)
/// Each run starts with a warm-up that brings every hall to its steady size (see <see cref="WarmUp"/>).
/// </summary>
internal static class HallCountComparison
{
    public const int Standing = 100;

    /// <summary>Runs the comparison; <paramref name="kind"/> "small" (a district office, <see cref="SmallHall"/>: what a city's
    /// many township halls look like) or "traffic" (<see cref="EngineTraffic"/>'s 256-item hall with default options).</summary>
    public static async Task RunAsync(int seconds, int producers, int few, int many, string kind = "small")
    {
        Func<int, HallDefinition> definition = kind == "traffic" ? EngineTraffic.DefaultOptionsHall : SmallHall.Definition;
        Console.WriteLine($"QueueCore halls ({kind}): {few} against {many} halls on 1 shard, {Standing} waiting each, {producers} producer(s), {seconds} s each, {Environment.ProcessorCount} cores");
        var duration = TimeSpan.FromSeconds(seconds);
        await AlternatedRounds.RunAsync(
            () => MeasureAsync(few, producers, duration, definition),
            () => MeasureAsync(many, producers, duration, definition),
            $"{many} halls / {few} halls (throughput ratio; below 1 means many halls are slower)");
    }

    /// <summary>
    /// Runs the steady stream until the JIT has settled (<see cref="Producers.Warmup"/>) and every hall has, on
    /// average, issued twice the tickets it holds in steady state (its standing queue and its retained finished
    /// tickets). Until then a hall's ticket table still grows, and a time-based warm-up alone is unfair to many halls:
    /// in the same second 16 halls each see 60 times the commands that 1,000 halls do, so the many halls were measured
    /// while their tables were still doubling (and the collector moving them).
    /// </summary>
    private static void WarmUp(HallHandle[] halls, int producers, TimeSpan duration)
    {
        var steadyTickets = Standing + halls[0].Definition.RetainedCompletedTickets;
        var needed = halls.Length * 2.0 * steadyTickets * 4; // four commands per ticket: issue, call, start, finish
        var step = Producers.Warmup(duration);
        var done = 0.0;
        do
        {
            done += Producers.SteadyThroughput(halls, producers, step) * step.TotalSeconds;
        }
        while (done < needed);
    }

    private static async Task<double> MeasureAsync(int halls, int producers, TimeSpan duration, Func<int, HallDefinition> definition)
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        var handles = await EngineTraffic.PrepareAsync(engine, halls, definition);
        await Producers.FillAsync(handles, Standing);
        WarmUp(handles, producers, duration);
        var rate = Producers.SteadyThroughput(handles, producers, duration);
        var waiting = await Producers.MeanWaitingAsync(handles);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{halls,5} halls: {rate / 1e6:F2} M commands/s (then {waiting:F0} waiting per hall)"));
        return rate;
    }
}
