using System.Diagnostics;
using QueueCore.Benchmarks.Scenarios;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// Producer threads for the load modes: each keeps 64 commands in flight on random halls and spins until every
/// result is in, so throughput is what the shards sustain, not a pacing choice. Two streams: EngineTraffic's
/// (<see cref="Throughput"/>: random windows, so many calls, starts and finishes are refused and queues grow with
/// the commands each hall receives) and a steady one (<see cref="SteadyThroughput"/>: queues stay put).
/// </summary>
internal static class Producers
{
    private const int InFlight = 64;

    /// <summary>Commands per second that <paramref name="producers"/> threads get through in <paramref name="duration"/>.</summary>
    public static double Throughput(HallHandle[] halls, int producers, TimeSpan duration)
    {
        var total = 0L;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            var pending = new ValueTask<CommandResult>[InFlight];
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

    /// <summary>
    /// Commands per second on a steady stream: each hall cycles issue, call next, start, finish, the call by its
    /// windows in turn, so with a standing queue (<see cref="FillAsync"/>) every hall keeps the same number waiting
    /// however many halls share the traffic. Halls are split between producers (hall i to producer i mod producers),
    /// so each hall's commands stay in order; each producer keeps 64 in flight on random halls of its share.
    /// </summary>
    public static double SteadyThroughput(HallHandle[] halls, int producers, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(producers, halls.Length);
        var total = 0L;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            var mine = halls.Where((_, i) => i % producers == p).ToArray();
            var windows = mine.Select(h => h.Definition.Windows.Count).ToArray();
            var services = mine.Select(h => h.Definition.Services.Count).ToArray();
            var cycle = new long[mine.Length];
            var pending = new ValueTask<CommandResult>[InFlight];
            var random = (uint)(p + 1) * 2654435761u;
            long sent = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                for (var i = 0; i < pending.Length; i++, sent++)
                {
                    var r = EngineTraffic.Next(ref random);
                    var h = (int)(r % (uint)mine.Length);
                    var k = cycle[h]++;
                    var window = 1 + (int)((k >> 2) % windows[h]);
                    pending[i] = mine[h].SubmitAsync((k & 3) switch
                    {
                        0 => HallCommand.IssueTicket((int)((r >> 8) % (uint)services[h])),
                        1 => HallCommand.CallNext(window),
                        2 => HallCommand.StartServing(window),
                        _ => HallCommand.Finish(window),
                    });
                }

                foreach (var task in pending)
                {
                    Await(task);
                }
            }

            Interlocked.Add(ref total, sent);
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

    /// <summary>Issues <paramref name="perHall"/> tickets in every hall (services in turn): the standing queue.</summary>
    public static async Task FillAsync(HallHandle[] halls, int perHall)
    {
        var pending = new ValueTask<CommandResult>[perHall];
        foreach (var hall in halls)
        {
            var services = hall.Definition.Services.Count;
            for (var i = 0; i < perHall; i++)
            {
                pending[i] = hall.SubmitAsync(HallCommand.IssueTicket(i % services));
            }

            foreach (var task in pending)
            {
                if (!(await task).IsSuccess)
                {
                    throw new InvalidOperationException($"Filling hall '{hall.Id}' failed.");
                }
            }
        }
    }

    /// <summary>A warm-up before a measured run: a fifth of it, at most a second (enough for tiered JIT).</summary>
    public static TimeSpan Warmup(TimeSpan duration) => TimeSpan.FromTicks(Math.Min(duration.Ticks / 5, TimeSpan.TicksPerSecond));

    /// <summary>A synchronous producer's wait: spin until the shard completes the command.</summary>
    public static CommandResult Await(ValueTask<CommandResult> task)
    {
        var spinner = default(SpinWait);
        while (!task.IsCompleted)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return task.Result;
    }

    /// <summary>Tickets waiting per hall at the end of a run (snapshots: allocates, so only after measuring).</summary>
    public static async Task<double> MeanWaitingAsync(HallHandle[] halls)
    {
        long waiting = 0;
        foreach (var hall in halls)
        {
            waiting += (await hall.GetSnapshotAsync()).TotalWaiting;
        }

        return (double)waiting / halls.Length;
    }
}
