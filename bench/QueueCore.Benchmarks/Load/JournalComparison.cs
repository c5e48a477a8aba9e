using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// The journal's cost, measured in one run against the in-memory engine:
/// <list type="bullet">
/// <item><c>load-journal [halls=16] [producers=8] [seconds=5] [dir]</c>: per mode (none, batched, durable), the peak
/// of acknowledged commands per second with many concurrent producers (each an async loop keeping 64 commands in
/// flight), then the acknowledgement latency (p50, p99) at half that mode's peak, offered open-loop by a paced
/// submitter and measured from each command's scheduled instant; and the fsync latency of a 4 KB write on the same
/// disk.</item>
/// <item><c>load-recovery [records=1000000] [dir]</c>: writes a journal of that many records (one segment, so recovery
/// replays all of them), then times an engine start that recovers it; prints bytes on disk per record.</item>
/// </list>
/// </summary>
internal static class JournalComparison
{
    public static async Task RunAsync(int halls, int producers, int seconds, string? root)
    {
        var directory = Root(root);
        Console.WriteLine($"QueueCore journal: {halls} halls, {producers} async producers x 64 in flight, {seconds} s per phase, {Environment.ProcessorCount} cores, data in {directory}");
        var (fsync50, fsync99) = FsyncLatency(directory);
        Console.WriteLine(Invariant($"fsync of a 4 KB write on this disk: p50 {fsync50:F3} ms, p99 {fsync99:F3} ms"));
        double? memory = null;
        foreach (var mode in new[] { JournalMode.None, JournalMode.Batched, JournalMode.Durable })
        {
            var dir = Path.Combine(directory, mode.ToString());
            await using var engine = new QueueEngine(new QueueEngineOptions
            {
                ShardCount = 1,
                Journal = new JournalOptions { Mode = mode, Directory = mode == JournalMode.None ? null : dir },
            });
            var handles = await EngineTraffic.PrepareAsync(engine, halls);
            await Throughput(handles, producers, Producers.Warmup(TimeSpan.FromSeconds(seconds)));
            var peak = await Throughput(handles, producers, TimeSpan.FromSeconds(seconds));
            memory ??= peak;
            var (p50, p99, achieved) = Latency(handles, peak / 2, TimeSpan.FromSeconds(seconds));
            Console.WriteLine(Invariant(
                $"{mode,-8} peak {peak / 1e3,8:F0} k acknowledged/s ({peak / memory.Value:P0} of in memory); at {achieved / 1e3:F0} k/s: ack p50 {p50:F3} ms, p99 {p99:F3} ms"));
        }

        Directory.Delete(directory, recursive: true);
    }

    public static async Task RecoveryAsync(int records, string? root)
    {
        var directory = Root(root);
        var options = new QueueEngineOptions
        {
            ShardCount = 1,
            Journal = new JournalOptions { Directory = directory, Mode = JournalMode.Batched, SegmentBytes = 4L << 30 },
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

    private static string Root(string? root) =>
        Path.Combine(root ?? Path.GetTempPath(), "queuecore-journal-bench-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Acknowledged commands per second: async producers, each awaiting its 64 in flight in order.</summary>
    private static async Task<double> Throughput(HallHandle[] halls, int producers, TimeSpan duration)
    {
        var total = 0L;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var pending = new ValueTask<CommandResult>[64];
            var random = (uint)(p + 1) * 2654435761u;
            long step = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                for (var i = 0; i < pending.Length; i++, step++)
                {
                    var r = EngineTraffic.Next(ref random);
                    pending[i] = halls[r % halls.Length].SubmitAsync(EngineTraffic.Command(step, r >> 8));
                }

                foreach (var task in pending)
                {
                    await task;
                }
            }

            Interlocked.Add(ref total, step);
        })));
        return total / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// Open loop: command i is due at start + i / rate and is submitted then (whatever came back); its latency runs
    /// from that instant to its acknowledgement, so a stall counts for every command it delays.
    /// </summary>
    private static (double P50, double P99, double Rate) Latency(HallHandle[] halls, double rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var done = new CountdownEvent(count);
        var interval = Stopwatch.Frequency / rate;
        var random = 12345u;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(1);
            }

            var r = EngineTraffic.Next(ref random);
            var awaiter = halls[r % halls.Length].SubmitAsync(EngineTraffic.Command(i, r >> 8)).GetAwaiter();
            var index = i;
            if (awaiter.IsCompleted)
            {
                Record(awaiter, index, due);
            }
            else
            {
                awaiter.UnsafeOnCompleted(() => Record(awaiter, index, due));
            }
        }

        var achieved = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        done.Wait();
        Array.Sort(latencies);
        return (latencies[count / 2], latencies[(int)(count * 0.99)], achieved);

        void Record(ValueTaskAwaiter<CommandResult> awaiter, int index, long due)
        {
            awaiter.GetResult();
            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            done.Signal();
        }
    }

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
