using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// <c>load-defaults</c>: what does a user lose by keeping the engine's default options when the producers run in
/// the same process? Runs the same traffic (<see cref="EngineTraffic.Hall"/> as <c>load</c> uses them, a standing
/// queue of <see cref="HallCountComparison.Standing"/> per hall, the steady stream of
/// <see cref="Producers.SteadyThroughput"/>) with default <see cref="QueueEngineOptions"/>, and with one and two
/// shards each way (<see cref="QueueEngineOptions.ApplyOnCallingThread"/> off: the shard threads apply; on: the
/// producers apply when the turn is free), and prints each throughput and the default's loss against the best. Each
/// run starts with a short warm-up.
/// </summary>
internal static class ShardCountComparison
{
    public static async Task RunAsync(int halls, int producers, int seconds)
    {
        var defaults = new QueueEngineOptions();
        Console.WriteLine($"QueueCore defaults: {halls} halls, {producers} producer(s) in process, {seconds} s each, {Environment.ProcessorCount} cores (default ShardCount = {defaults.ShardCount})");
        var duration = TimeSpan.FromSeconds(seconds);
        (string Name, QueueEngineOptions Options)[] configs =
        [
            ($"default (ShardCount = {defaults.ShardCount})", defaults),
            ("1 shard, shard thread", new QueueEngineOptions { ShardCount = 1, ApplyOnCallingThread = false }),
            ("1 shard, inline", new QueueEngineOptions { ShardCount = 1, ApplyOnCallingThread = true }),
            ("2 shards, shard threads", new QueueEngineOptions { ShardCount = 2, ApplyOnCallingThread = false }),
            ("2 shards, inline", new QueueEngineOptions { ShardCount = 2, ApplyOnCallingThread = true }),
        ];
        var rates = new double[configs.Length];
        for (var i = 0; i < configs.Length; i++)
        {
            await using var engine = new QueueEngine(configs[i].Options);
            var handles = await EngineTraffic.PrepareAsync(engine, halls);
            await Producers.FillAsync(handles, HallCountComparison.Standing);
            Producers.SteadyThroughput(handles, producers, Producers.Warmup(duration));
            rates[i] = Producers.SteadyThroughput(handles, producers, duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{configs[i].Name,-26}: {rates[i] / 1e6:F2} M commands/s"));
        }

        var best = rates.Max();
        var bestName = configs[Array.IndexOf(rates, best)].Name;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"default's loss against the best ({bestName}): {(1 - (rates[0] / best)) * 100:F0}%"));
    }
}
