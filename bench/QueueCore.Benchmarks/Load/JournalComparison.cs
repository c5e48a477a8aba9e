using System.Diagnostics;
using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// The journal's cost, measured in one run against the in-memory engine:
/// <list type="bullet">
/// <item><c>load-journal [halls=16] [producers=8] [seconds=5] [dir|-] [modes]</c>: per mode (none, batched, durable), the
/// peak of acknowledged commands per second with many concurrent producers (each an async loop keeping 64 commands in
/// flight), twice: on halls whose queues grow (EngineTraffic's random stream) and on halls in a steady state (each
/// producer the clerks of some windows); then the acknowledgement latency (p50, p99) with 16 to 1,024 clients that each
/// wait for their command's answer before sending the next (the load they reach is printed beside it); and the fsync
/// latency of a 4 KB write on the same disk. QUEUECORE_PEAK_ONLY=1 skips the latency runs.</item>
/// <item><c>load-recovery [records=1000000] [dir]</c>: writes a journal of that many records (one segment, so recovery
/// replays all of them), then times an engine start that recovers it; prints bytes on disk per record.</item>
/// </list>
/// </summary>
internal static class JournalComparison
{
    /// <param name="modes">Which modes to run, comma-separated (none, batched, durable); default all three.</param>
    public static async Task RunAsync(int halls, int producers, int seconds, string? root, string? modes = null)
    {
        var directory = Root(root);
        Console.WriteLine($"QueueCore journal: {halls} halls, {producers} async producers x 64 in flight, {seconds} s per phase, {Environment.ProcessorCount} cores, data in {directory}");
        ThreadPool.SetMinThreads(Math.Max(64, producers * 2), 64); // acknowledgements come back on the pool: none may wait for a thread
        var (fsync50, fsync99) = FsyncLatency(directory);
        Console.WriteLine(Invariant($"fsync of a 4 KB write on this disk: p50 {fsync50:F3} ms, p99 {fsync99:F3} ms"));
        double? memory = null, steadyMemory = null;
        var chosen = modes is null
            ? [JournalMode.None, JournalMode.Batched, JournalMode.Durable]
            : modes.Split(',').Select(m => Enum.Parse<JournalMode>(m, ignoreCase: true)).ToArray();
        foreach (var mode in chosen)
        {
            var peak = await PeakAsync(mode, Path.Combine(directory, mode + "-peak"), halls, producers, seconds, Growing);
            memory ??= peak;
            Console.WriteLine(Invariant($"{mode,-8} peak {peak / 1e3,8:F0} k acknowledged/s ({peak / memory.Value:P0} of in memory), halls growing"));

            // The same producers on fresh halls in a steady state: each producer the clerks of some windows (issue,
            // finish and call next, start), so queues stay as short as a hall's and snapshots stay small.
            var steady = await PeakAsync(mode, Path.Combine(directory, mode + "-steady"), halls, producers, seconds, Steady);
            steadyMemory ??= steady;
            Console.WriteLine(Invariant($"{mode,-8} peak {steady / 1e3,8:F0} k acknowledged/s ({steady / steadyMemory.Value:P0} of in memory), halls steady"));

            if (Environment.GetEnvironmentVariable("QUEUECORE_PEAK_ONLY") is { Length: > 0 })
            {
                continue; // for profiling the peaks
            }

            // Latency on fresh halls in a steady state (each client the clerk of its own window: issue, finish and
            // call next, start), as in a hall's day: the peak's traffic above only grows its halls' queues, to tens
            // of thousands of tickets a hall, which no hall has and whose snapshots would dominate the log.
            await using (var engine = Engine(mode, Path.Combine(directory, mode + "-latency")))
            {
                var handles = await EngineTraffic.PrepareAsync(engine, halls);
                foreach (var clients in new[] { 16, 64, 128, 256, 512, 1024 })
                {
                    var (p50, p99, achieved) = await Latency(handles, clients, TimeSpan.FromSeconds(seconds));
                    Console.WriteLine(Invariant(
                        $"{"",-8} {clients,4} clients, one command each in flight: {achieved / 1e3,6:F0} k/s ({achieved / peak:P0} of this mode's peak), ack p50 {p50:F3} ms, p99 {p99:F3} ms"));
                }

                var waiting = 0;
                foreach (var hall in handles)
                {
                    waiting += (await hall.GetSnapshotAsync()).Waiting.Count;
                }

                Console.WriteLine(Invariant($"{"",-8} tickets waiting after the latency runs: {waiting / (double)handles.Length:F0} a hall"));
            }
        }

        Directory.Delete(directory, recursive: true);
    }

    private static QueueEngine Engine(JournalMode mode, string directory) => new(new QueueEngineOptions
    {
        ShardCount = 1,
        Journal = new JournalOptions { Mode = mode, Directory = mode == JournalMode.None ? null : directory },
    });

    public static async Task RecoveryAsync(int records, string? root)
    {
        var directory = Root(root);
        var options = new QueueEngineOptions
        {
            ShardCount = 1,
            // The recovery after a crash: a graceful stop snapshots every hall (SnapshotAtStop) and leaves nothing to replay.
            Journal = new JournalOptions { Directory = directory, Mode = JournalMode.Batched, SegmentBytes = 4L << 30, SnapshotAtStop = false },
        };
        await using (var engine = new QueueEngine(options))
        {
            var handles = await EngineTraffic.PrepareAsync(engine, 16);
            var pending = new ValueTask<CommandResult>[1024];
            uint random = 99;
            for (var sent = 0L; sent < records;)
            {
                for (var i = 0; i < pending.Length; i++, sent++)
                {
                    var r = EngineTraffic.Next(ref random);
                    pending[i] = handles[r % handles.Length].SubmitAsync(EngineTraffic.Command(sent, r >> 8));
                }

                foreach (var task in pending)
                {
                    await task;
                }
            }
        }

        var bytes = Directory.GetFiles(directory, "*.qlog", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        if (Environment.GetEnvironmentVariable("QUEUECORE_KEEP_JOURNAL") is { Length: > 0 } keep)
        {
            CopyDirectory(directory, keep); // for a profiler: the journal as recovery reads it
        }

        var started = Stopwatch.GetTimestamp();
        await using (var recovered = new QueueEngine(options))
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var report = recovered.Recovery!;
            Console.WriteLine(Invariant(
                $"recovered {report.Halls.Count} halls from {report.Records:N0} records ({report.Bytes / 1e6:F1} MB) in {report.Elapsed.TotalMilliseconds:F0} ms (engine start {elapsed.TotalMilliseconds:F0} ms); {(double)bytes / report.Records:F1} bytes on disk per record"));
        }

        Directory.Delete(directory, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Root(string? root) =>
        Path.Combine(root ?? Path.GetTempPath(), "queuecore-journal-bench-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The peak on a fresh engine's halls, after a warm-up, with each producer's stream from <paramref name="stream"/>.</summary>
    private static async Task<double> PeakAsync(
        JournalMode mode, string directory, int halls, int producers, int seconds, Func<HallHandle[], int, int, Func<ValueTask<CommandResult>>> stream)
    {
        await using var engine = Engine(mode, directory);
        var handles = await EngineTraffic.PrepareAsync(engine, halls);
        await Throughput(handles, producers, Producers.Warmup(TimeSpan.FromSeconds(seconds)), stream);
        return await Throughput(handles, producers, TimeSpan.FromSeconds(seconds), stream);
    }

    /// <summary>
    /// Acknowledged commands per second: async producers, each keeping 64 commands in flight (a sliding window: as the
    /// oldest is acknowledged, the next is sent), as a server's many concurrent requests keep the engine fed. (A
    /// producer that sent 64, then awaited all 64, moved in waves: the shard applied a wave while the flusher idled,
    /// then the flusher synced it while the shard idled.) <paramref name="stream"/> gives producer p of n its sender.
    /// </summary>
    private static async Task<double> Throughput(
        HallHandle[] halls, int producers, TimeSpan duration, Func<HallHandle[], int, int, Func<ValueTask<CommandResult>>> stream)
    {
        var total = 0L;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var send = stream(halls, p, producers);
            var pending = new ValueTask<CommandResult>[64];
            for (var i = 0; i < pending.Length; i++)
            {
                pending[i] = send();
            }

            long acknowledged = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var slot = (int)(acknowledged++ % pending.Length);
                await pending[slot];
                pending[slot] = send();
            }

            foreach (var task in pending)
            {
                await task; // drain: every command sent is acknowledged before the engine goes
            }

            Interlocked.Add(ref total, acknowledged);
        })));
        return total / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>EngineTraffic's random stream: random halls and windows, so many calls are refused and queues grow.</summary>
    private static Func<ValueTask<CommandResult>> Growing(HallHandle[] halls, int producer, int producers)
    {
        var random = (uint)(producer + 1) * 2654435761u;
        long step = 0;
        return () =>
        {
            var r = EngineTraffic.Next(ref random);
            return halls[r % halls.Length].SubmitAsync(EngineTraffic.Command(step++, r >> 8));
        };
    }

    /// <summary>
    /// The steady stream: the halls' windows (clerks) are split between the producers, each clerk's commands sent in
    /// order (issue, finish and call next, start), so each hall keeps a short queue.
    /// </summary>
    private static Func<ValueTask<CommandResult>> Steady(HallHandle[] halls, int producer, int producers)
    {
        var clerks = halls.Length * EngineTraffic.WindowsPerHall;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(producers, clerks);
        var mine = Enumerable.Range(0, clerks).Where(c => c % producers == producer).ToArray();
        var steps = new long[mine.Length];
        var random = (uint)(producer + 1) * 2246822519u;
        long sent = 0;
        return () =>
        {
            var k = (int)(sent++ % mine.Length);
            var (hall, window) = (mine[k] % halls.Length, 1 + (mine[k] / halls.Length));
            return halls[hall].SubmitAsync(EngineTraffic.Steady(steps[k]++, window, EngineTraffic.Next(ref random)));
        };
    }

    /// <summary>
    /// Closed loop: <paramref name="clients"/> clients, each submitting one command and waiting for its
    /// acknowledgement before the next (a kiosk or a clerk's terminal); the latency of every command, and the rate
    /// they reach together.
    /// </summary>
    private static async Task<(double P50, double P99, double Rate)> Latency(HallHandle[] halls, int clients, TimeSpan duration)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var latencies = new List<double>(1 << 14);
            var random = (uint)(c + 1) * 2246822519u;
            for (long step = 0; Stopwatch.GetTimestamp() < stop; step++)
            {
                var command = EngineTraffic.Steady(step, Window(c, halls.Length), EngineTraffic.Next(ref random));
                var sent = Stopwatch.GetTimestamp();
                await halls[c % halls.Length].SubmitAsync(command);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            return latencies;
        })));
        var all = perClient.SelectMany(l => l).ToArray();
        var rate = all.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(all);
        return (all[all.Length / 2], all[(int)(all.Length * 0.99)], rate);
    }

    /// <summary>Client <paramref name="client"/>'s window in its hall: clients of one hall take its windows in turn.</summary>
    private static int Window(int client, int halls) => 1 + (client / halls % EngineTraffic.WindowsPerHall);

    private static (double P50, double P99) FsyncLatency(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "fsync.probe");
        var block = new byte[4096];
        var samples = new double[1000];
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            for (var i = 0; i < samples.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                file.Write(block);
                file.Flush(flushToDisk: true);
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        File.Delete(path);
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
