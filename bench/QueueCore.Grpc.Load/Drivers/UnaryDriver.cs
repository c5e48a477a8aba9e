using System.Diagnostics;
using Grpc.Core;
using QueueCore.Grpc.Load.Report;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// Drives one kind of unary call: at peak (a fixed number of calls in flight, each sent as the last returns), or
/// paced (an open loop at a fixed rate, latency counted from when each call was due, so a server that falls behind
/// shows it in the latency instead of hiding it by slowing the sender).
/// </summary>
internal static class UnaryDriver
{
    /// <summary>The paced sender's cap on calls in flight, so an overloaded server cannot make it queue without bound.</summary>
    public const int PacedMaxInFlight = 2048;

    public static async Task<UnaryResult> PeakAsync(Func<long, Task> call, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        var latency = new LatencyRecorder();
        var window = new MeasureWindow();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            long completed = 0, errors = 0, next = worker;
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call(next);
                }
                catch (RpcException)
                {
                    errors += window.Contains(start) ? 1 : 0;
                    continue;
                }
                finally
                {
                    next += concurrency;
                }

                var end = Stopwatch.GetTimestamp();
                if (window.Contains(start))
                {
                    latency.Record(start, end);
                }

                completed += window.Contains(end) ? 1 : 0;
            }

            return (completed, errors);
        })).ToArray();

        await Task.Delay(warmup);
        window.Open();
        var cpu = CpuClock.Now();
        var gc = GcClock.Now();
        await Task.Delay(duration);
        window.Close();
        var cores = CpuClock.CoresSince(cpu);
        var collected = GcClock.Since(gc);
        await stop.CancelAsync();
        var counts = await Task.WhenAll(workers);
        return new UnaryResult(counts.Sum(c => c.completed) / window.Length.TotalSeconds, latency.Read(), counts.Sum(c => c.errors), cores, collected);
    }

    public static async Task<UnaryResult> PacedAsync(Func<long, Task> call, double rate, TimeSpan warmup, TimeSpan duration)
    {
        var latency = new LatencyRecorder();
        var window = new MeasureWindow();
        long completed = 0, errors = 0, inFlight = 0;
        var cpu = default(CpuClock);
        var gc = default(GcClock);
        double cores = 0;

        async Task SendAsync(long index, long due)
        {
            try
            {
                await call(index);
                var end = Stopwatch.GetTimestamp();
                if (window.Contains(end))
                {
                    // Calls that complete in the window, timed from when they were due: a sender held back by the
                    // in-flight cap (a server that cannot keep the rate) shows as latency.
                    latency.Record(due, end);
                    Interlocked.Increment(ref completed);
                }
            }
            catch (RpcException)
            {
                if (window.Contains(Stopwatch.GetTimestamp()))
                {
                    Interlocked.Increment(ref errors);
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        // A thread of its own sends every call that is due, then sleeps about a millisecond: calls go out in
        // batches of rate/1000, each timed from its own due instant.
        var pacer = new Thread(() =>
        {
            var ticksPerCall = Stopwatch.Frequency / rate;
            var begin = Stopwatch.GetTimestamp();
            var open = begin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            var close = open + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            long sent = 0;
            var opened = false;
            while (Stopwatch.GetTimestamp() is var now && now < close)
            {
                if (!opened && now >= open)
                {
                    window.Open();
                    cpu = CpuClock.Now();
                    gc = GcClock.Now();
                    opened = true;
                }

                var due = (long)((now - begin) / ticksPerCall);
                while (sent < due && Volatile.Read(ref inFlight) < PacedMaxInFlight)
                {
                    Interlocked.Increment(ref inFlight);
                    _ = SendAsync(sent, begin + (long)(sent * ticksPerCall));
                    sent++;
                }

                Thread.Sleep(1);
            }

            window.Close();
            cores = CpuClock.CoresSince(cpu);
            gc = GcClock.Since(gc);
        })
        { IsBackground = true, Name = "paced sender" };
        pacer.Start();
        await Task.Run(pacer.Join);
        var drained = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref inFlight) > 0 && Stopwatch.GetElapsedTime(drained) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        return new UnaryResult(Volatile.Read(ref completed) / window.Length.TotalSeconds, latency.Read(), Volatile.Read(ref errors), cores, gc);
    }
}
