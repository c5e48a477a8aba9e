using System.Diagnostics;
using System.Globalization;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// The engine's end-to-end load test: many halls, producers on their own threads. Phase 1 finds the peak
/// throughput (each producer keeps 64 commands in flight); phase 2 offers half that rate from one paced producer and
/// records every command's submit-to-result latency.
/// Run: <c>dotnet run -c Release --project bench/QueueCore.Benchmarks -- load [halls] [shards] [producers] [seconds]</c>.
/// </summary>
internal static class LoadGenerator
{
    public static async Task RunAsync(string[] args)
    {
        var halls = Arg(args, 0, 16);
        var shards = Arg(args, 1, 1);
        var producers = Arg(args, 2, 1);
        var seconds = Arg(args, 3, 5);
        Console.WriteLine($"QueueCore load: {halls} halls x {EngineTraffic.WindowsPerHall} windows, {shards} shard(s), {producers} producer(s), {Environment.ProcessorCount} cores");

        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = shards });
        var handles = await EngineTraffic.PrepareAsync(engine, halls);

        var peak = Throughput(handles, producers, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak throughput: {peak / 1e6:F2} M commands/s"));

        var rate = peak / 2;
        var (p50, p99, p999, max, achieved) = Latency(handles, rate, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency at {achieved / 1e6:F2} M commands/s (half the peak): p50 {p50:F2} us, p99 {p99:F2} us, p99.9 {p999:F2} us, max {max:F0} us"));
    }

    private static double Throughput(HallHandle[] halls, int producers, TimeSpan duration)
    {
        var total = 0L;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
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
                    Await(task);
                }
            }

            Interlocked.Add(ref total, step);
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        return total / Stopwatch.GetElapsedTime(started).TotalSeconds;
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
            Await(halls[r % halls.Length].SubmitAsync(EngineTraffic.Command(i, r >> 8)));
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
        }

        var achieved = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        return (latencies[count / 2], latencies[(int)(count * 0.99)], latencies[(int)(count * 0.999)], latencies[^1], achieved);
    }

    /// <summary>A synchronous producer's wait: spin until the shard completes the command.</summary>
    private static void Await(ValueTask<CommandResult> task)
    {
        var spinner = default(SpinWait);
        while (!task.IsCompleted)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        _ = task.Result;
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
