using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// <c>load-halls</c>: does the number of halls on a shard cost throughput? The same traffic on few and on many
/// halls on one shard: <see cref="EngineTraffic.DefaultOptionsHall"/> (default hall options), a standing queue of
/// <see cref="Standing"/> per hall and the steady stream (<see cref="Producers.SteadyThroughput"/>), so every hall
/// keeps the same queue whatever the count and only the number of halls differs. (EngineTraffic's own stream would
/// not do: its queues grow with the commands each hall receives, so 16 halls would end far deeper than 1,000.)
/// Each run starts with a short warm-up.
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

    private static async Task<double> MeasureAsync(int halls, int producers, TimeSpan duration, Func<int, HallDefinition> definition)
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        var handles = await EngineTraffic.PrepareAsync(engine, halls, definition);
        await Producers.FillAsync(handles, Standing);
        Producers.SteadyThroughput(handles, producers, Producers.Warmup(duration));
        var rate = Producers.SteadyThroughput(handles, producers, duration);
        var waiting = await Producers.MeanWaitingAsync(handles);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{halls,5} halls: {rate / 1e6:F2} M commands/s (then {waiting:F0} waiting per hall)"));
        return rate;
    }
}
