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
        var ratios = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            // Alternated, so a neighbour's load on a shared machine falls on both counts alike.
            var fewRate = await MeasureAsync(few, producers, duration, definition);
            var manyRate = await MeasureAsync(many, producers, duration, definition);
            ratios.Add(manyRate / fewRate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{many} halls / {few} halls: {manyRate / fewRate:F2} (throughput ratio; below 1 means many halls are slower)"));
        }

        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {Rounds} alternated rounds: {ratios[Rounds / 2]:F2} (range {ratios[0]:F2}-{ratios[^1]:F2})"));
    }

    private const int Rounds = 3;

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
