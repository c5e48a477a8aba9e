using System.Diagnostics;
using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// The engine's load modes, outside BenchmarkDotNet (all arguments optional, positional):
/// <list type="bullet">
/// <item><c>load [halls=16] [shards=1] [producers=1] [seconds=5]</c>: end-to-end load. Phase 1 finds the peak throughput
/// (each producer keeps 64 commands in flight); phase 2 offers half that rate from one paced producer and records
/// every command's submit-to-result latency. Halls are <see cref="EngineTraffic.Hall"/> (large ticket table).</item>
/// <item><c>load-memory [halls=1000] [tickets=100000] [trafficHalls=100]</c>: memory per hall (engine hall and bare
/// <see cref="Hall"/>, <see cref="SmallHall"/> with default hall options; and <see cref="EngineTraffic.Hall"/> as
/// the other modes use it), and memory per waiting ticket in one hall (<see cref="MemoryProbe"/>).</item>
/// <item><c>load-halls [seconds=5] [producers=1] [few=16] [many=1000] [small|traffic]</c>: the same traffic on few and on many
/// halls on one shard, default hall options; three alternated rounds, each throughput and ratio, then the median ratio
/// (<see cref="HallCountComparison"/>).</item>
/// <item><c>load-defaults [halls=16] [producers=1] [seconds=5]</c>: default engine options against ShardCount = 1
/// and 2, producers in the same process; prints each throughput and the default's loss against the best
/// (<see cref="ShardCountComparison"/>).</item>
/// <item><c>load-metrics [halls=16] [producers=1] [seconds=5]</c>: the same traffic without a metrics listener and with
/// OpenTelemetry's SDK collecting the engine's meter, alternated; each throughput and the median ratio
/// (<see cref="MetricsComparison"/>).</item>
/// <item><c>load-journal</c> and <c>load-recovery</c>: the journal against the in-memory engine (<see cref="JournalComparison"/>).</item>
/// <item><c>workload-loop [seconds=4] [rounds=3] [sizes=16...] [--next-key]</c>: the hall's workload row in a plain loop
/// (<see cref="WorkloadLoop"/>).</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/QueueCore.Benchmarks -- load-memory</c> (etc.).
/// </summary>
internal static class LoadGenerator
{
    public static bool IsCommand(string name) => name is "load" or "load-memory" or "load-halls" or "load-defaults" or "load-journal" or "load-recovery" or "load-metrics" or "workload-loop";

    /// <summary>Starts <paramref name="command"/>.</summary>
    /// <exception cref="ArgumentException">A positional number is not a whole number, or a word is not one the command
    /// takes (thrown before anything runs).</exception>
    public static Task RunAsync(string command, string[] args)
    {
        // Checked before anything runs: a mistyped number ('5s', 'one') was taken as that argument's default, silently.
        for (var i = 0; i < args.Length; i++)
        {
            if (IsNumberAt(command, i) && !(command == "workload-loop" && args[i] == "--next-key") && !int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"{command}: argument {i + 1}, '{args[i]}', is not a whole number (see LoadGenerator for each command's arguments).");
            }
        }

        if (command == "load-halls" && args.Length > 4 && (args.Length > 5 || args[4] is not ("small" or "traffic")))
        {
            throw new ArgumentException($"load-halls: '{args[^1]}' is not a hall kind (small or traffic), or there is an argument too many.");
        }

        return Start(command, args);
    }

    /// <summary>Whether a command's argument at <paramref name="index"/> is a number (the others are a directory, modes or a hall kind).</summary>
    private static bool IsNumberAt(string command, int index) => command switch
    {
        "load-halls" => index < 4,
        "load-journal" => index < 3,
        "load-recovery" => index < 1,
        _ => true,
    };

    private static Task Start(string command, string[] args) => command switch
    {
        "load-memory" => Task.Run(() => MemoryProbe.Run(Arg(args, 0, 1000), Arg(args, 1, 100_000), Arg(args, 2, 100))),
        "load-halls" => HallCountComparison.RunAsync(Arg(args, 0, 5), Arg(args, 1, 1), Arg(args, 2, 16), Arg(args, 3, 1000), args.Length > 4 ? args[4] : "small"),
        "load-defaults" => ShardCountComparison.RunAsync(Arg(args, 0, 16), Arg(args, 1, 1), Arg(args, 2, 5)),
        "load-journal" => JournalComparison.RunAsync(Arg(args, 0, 16), Arg(args, 1, 8), Arg(args, 2, 5), args.Length > 3 && args[3] != "-" ? args[3] : null, args.Length > 4 ? args[4] : null),
        "load-metrics" => MetricsComparison.RunAsync(Arg(args, 0, 16), Arg(args, 1, 1), Arg(args, 2, 5)),
        "load-recovery" => JournalComparison.RecoveryAsync(Arg(args, 0, 1_000_000), args.Length > 1 ? args[1] : null),
        "workload-loop" => Task.Run(() => WorkloadLoop.Run(
            Arg(args, 0, 4), Arg(args, 1, 3), [.. args.Skip(2).Where(a => a != "--next-key").Select(int.Parse).DefaultIfEmpty(16)], args.Contains("--next-key"))),
        _ => RunAsync(args),
    };

    /// <summary>Parses positional argument <paramref name="index"/>, or <paramref name="fallback"/> if absent.</summary>
    public static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static async Task RunAsync(string[] args)
    {
        var halls = Arg(args, 0, 16);
        var shards = Arg(args, 1, 1);
        var producers = Arg(args, 2, 1);
        var seconds = Arg(args, 3, 5);
        Console.WriteLine($"QueueCore load: {halls} halls x {EngineTraffic.WindowsPerHall} windows, {shards} shard(s), {producers} producer(s), {Environment.ProcessorCount} cores");

        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = shards });
        var handles = await EngineTraffic.PrepareAsync(engine, halls);

        var peak = Producers.Throughput(handles, producers, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak throughput: {peak / 1e6:F2} M commands/s"));

        var rate = peak / 2;
        var (p50, p99, p999, max, achieved) = Latency(handles, rate, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency at {rate / 1e6:F2} M commands/s offered (half the peak), {achieved / 1e6:F2} M achieved: p50 {p50:F2} us, p99 {p99:F2} us, p99.9 {p999:F2} us, max {max:F0} us"));
    }

    private static (double P50, double P99, double P999, double Max, double Rate) Latency(HallHandle[] halls, double rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var interval = Stopwatch.Frequency / rate;
        var random = 12345u;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(1); // paced: the offered load is the rate, not as fast as possible
            }

            var r = EngineTraffic.Next(ref random);
            var sent = Stopwatch.GetTimestamp();
            Producers.Await(halls[r % halls.Length].SubmitAsync(EngineTraffic.Command(i, r >> 8)));
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
        }

        var achieved = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        return (latencies[count / 2], latencies[(int)(count * 0.99)], latencies[(int)(count * 0.999)], latencies[^1], achieved);
    }
}
