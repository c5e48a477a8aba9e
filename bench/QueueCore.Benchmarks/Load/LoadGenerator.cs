using System.Diagnostics;
using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// The engine's load modes, outside BenchmarkDotNet: each command's positional arguments and what it prints are in
/// <see cref="Commands"/>, which <c>help</c> prints (<see cref="Usage"/>); the measurements are in the classes each
/// command starts (<see cref="MemoryProbe"/>, <see cref="HallCountComparison"/>, <see cref="ShardCountComparison"/>,
/// <see cref="MetricsComparison"/>, <see cref="JournalComparison"/>, <see cref="WorkloadLoop"/>). <c>load</c> itself is
/// here: phase 1 finds the peak throughput (each producer keeps 64 commands in flight); phase 2 offers half that rate
/// from one paced producer and records every command's submit-to-result latency. Halls are
/// <see cref="EngineTraffic.Hall"/> (large ticket table).
/// Run: <c>dotnet run -c Release --project bench/QueueCore.Benchmarks -- load-memory</c> (etc.).
/// </summary>
internal static class LoadGenerator
{
    // The maxima keep a run within a few GiB of memory and disk: an EngineTraffic hall (load, load-defaults,
    // load-metrics, load-journal, load-memory's trafficHalls) holds a 1 << 14-ticket table, about 2 MB; a small hall
    // 33 KB bare, and its table grows to 512 tickets (64 KB) with load-halls' standing queue; a waiting ticket 173 B;
    // a journal record 37 B on disk (and load-recovery's halls keep many of its tickets waiting); load and
    // load-journal keep every command's latency (8 B each, up to millions a second), and load-journal's log grows by
    // tens of MB a second. (10^9 halls ran until the memory ran out.) Producers are threads or async loops; the shard
    // count is the engine's own check; a workload needs an item in each of its categories, and a hall allows at most
    // MaxServices.
    private static readonly LoadCommand[] Commands =
    [
        new("load", "the engine end to end: peak M commands/s (each producer thread keeps 64 in flight), then submit-to-result latency (us) at half the peak",
            [new("halls", 16, 1000), new("shards", 1), new("producers", 1, 64), new("seconds", 5, 60)], []),
        new("load-memory", "managed bytes per hall (in the engine and bare; small and EngineTraffic halls) and per waiting ticket",
            [new("halls", 1000, 100_000), new("tickets", 100_000, 10_000_000), new("trafficHalls", 100, 1000)], []),
        new("load-halls", "the same traffic on few and on many halls of one shard: M commands/s each, three alternated rounds, the median ratio",
            [new("seconds", 5, 600), new("producers", 1, 64), new("few", 16, 20_000), new("many", 1000, 20_000)], [new("kind", ["small", "traffic"])]),
        new("load-defaults", "default engine options against ShardCount = 1 and 2: M commands/s each, the default's loss against the best",
            [new("halls", 16, 1000), new("producers", 1, 64), new("seconds", 5, 600)], []),
        new("load-metrics", "without and with OpenTelemetry collecting the engine's meter: M commands/s each, three alternated rounds, the median ratio",
            [new("halls", 16, 1000), new("producers", 1, 64), new("seconds", 5, 600)], []),
        new("load-journal", "per journal mode: acknowledged k commands/s, then ack latency p50/p99 (ms) with 16 to 1,024 clients; fsync latency (ms); in dir ('-': the temporary directory)",
            [new("halls", 16, 1000), new("producers", 8, 1024), new("seconds", 5, 60)], [new("dir|-"), new("modes", ["none", "batched", "durable"], CommaSeparated: true)]),
        new("load-recovery", "writes a journal of about that many records (rounds of 1,024) in dir (default: the temporary directory), then times an engine start that recovers it (ms); bytes on disk per record",
            [new("records", 1_000_000, 10_000_000)], [new("dir")]),
        new("workload-loop", "the hall's workload row per size (items) in a plain timed loop: ns per operation, wall and CPU (--next-key: the Next key alone)",
            [new("seconds", 4, 600), new("rounds", 3, 100)], [], MoreNumbers: new("size", 16, HallDefinition.MaxServices, Min: WorkloadHall.Categories), Flag: "--next-key"),
    ];

    /// <summary>Every load command with its arguments and what it prints, for the help.</summary>
    public static string Usage => $"""
        usage: QueueCore.Benchmarks <command> [arguments]   (positional, all optional; numbers are whole, from 1 or the least shown to any max shown)
        {string.Concat(Commands.Select(c => $"  {c.Usage}{Environment.NewLine}      {c.Summary}{Environment.NewLine}"))}
        Anything that starts with '-' goes to BenchmarkDotNet: --filter '*CallNext*' --job short, --list flat, --help.
        """;

    public static bool IsCommand(string name) => Commands.Any(c => c.Name == name);

    /// <summary>Starts <paramref name="command"/>.</summary>
    /// <exception cref="ArgumentException">An argument is not one the command takes (thrown before anything runs; the
    /// message names it and gives the command's usage).</exception>
    public static Task RunAsync(string command, string[] args)
    {
        var line = Commands.Single(c => c.Name == command);
        var a = line.Parse(args);
        if (command == "load-journal" && a.Words is [{ } directory, null] && line.Words[1].Accepts(directory))
        {
            // The directory comes first: 'load-journal 16 32 5 durable' ran all three modes in a directory named 'durable'.
            throw new ArgumentException($"load-journal: '{directory}' reads as modes, but the directory comes first ('-' for the temporary one): load-journal {string.Join(' ', a.Numbers)} - {directory}");
        }

        if (command == "load" && new QueueEngineOptions { ShardCount = a.Numbers[1] }.FindProblem() is { } problem)
        {
            throw new ArgumentException($"load: shards {a.Numbers[1]}: {problem.Message}");
        }

        var n = a.Numbers;
        if (command is "load-journal" or "load-recovery" && a.Words[0] is { } dir and not "-" && File.Exists(dir))
        {
            throw new ArgumentException($"{command}: dir '{dir}' is a file, not a directory");
        }

        // The steady stream gives each producer halls of its own (load-journal's, windows of its own): more producers
        // than that failed mid-run with a stack trace.
        var (producers, steadyHalls, unit) = command switch
        {
            "load-halls" => (n[1], Math.Min(n[2], n[3]), "halls (the fewer of few and many)"),
            "load-defaults" or "load-metrics" => (n[1], n[0], "halls"),
            "load-journal" => (n[1], n[0] * EngineTraffic.WindowsPerHall, $"windows ({EngineTraffic.WindowsPerHall} a hall)"),
            _ => (0, 0, ""),
        };
        if (producers > steadyHalls)
        {
            throw new ArgumentException($"{command}: producers {producers} is over {steadyHalls}, the number of {unit}; each producer needs one of its own");
        }

        return command switch
        {
            "load-memory" => Task.Run(() => MemoryProbe.Run(n[0], n[1], n[2])),
            "load-halls" => HallCountComparison.RunAsync(n[0], n[1], n[2], n[3], a.Words[0] ?? "small"),
            "load-defaults" => ShardCountComparison.RunAsync(n[0], n[1], n[2]),
            "load-journal" => JournalComparison.RunAsync(n[0], n[1], n[2], a.Words[0] is "-" ? null : a.Words[0], a.Words[1]),
            "load-metrics" => MetricsComparison.RunAsync(n[0], n[1], n[2]),
            "load-recovery" => JournalComparison.RecoveryAsync(n[0], a.Words[0]),
            "workload-loop" => Task.Run(() => WorkloadLoop.Run(n[0], n[1], a.More, a.Flag)),
            _ => RunAsync(n[0], n[1], n[2], n[3]),
        };
    }

    private static async Task RunAsync(int halls, int shards, int producers, int seconds)
    {
        Console.WriteLine($"QueueCore load: {halls} halls x {EngineTraffic.WindowsPerHall} windows, {shards} shard(s), {producers} producer(s), {Environment.ProcessorCount} cores");

        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = shards });
        var handles = await EngineTraffic.PrepareAsync(engine, halls);

        var peak = Producers.Throughput(handles, producers, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak throughput: {peak / 1e6:F2} M commands/s"));

        var rate = peak / 2;
        var (p50, p99, p999, max, achieved) = Latency(handles, rate, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency at {rate / 1e3:N0} k commands/s offered (half the peak), {achieved / 1e3:N0} k achieved: p50 {p50:F2} us, p99 {p99:F2} us, p99.9 {p999:F2} us, max {max:F0} us"));
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
