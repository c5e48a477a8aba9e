using System.Diagnostics;
using System.Globalization;
using QueueCore.Benchmarks.Halls;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// `-- workload-loop [seconds] [rounds] [sizes...] [--next-key]`: the hall's row of <see cref="WorkloadBenchmarks"/> (with
/// <c>--next-key</c>, the "Next key alone" row) in a plain
/// timed loop, for A/B runs of two builds and for profilers (perf, dotnet-trace), which BenchmarkDotNet's child
/// processes make awkward. Prints ns per operation for each round and the fastest and median over rounds; the
/// figures are comparable with each other, and BenchmarkDotNet remains the figure of record.
/// </summary>
internal static class WorkloadLoop
{
    public static void Run(int seconds, int rounds, int[] sizes, bool nextKey = false)
    {
        foreach (var services in sizes)
        {
            var bench = new WorkloadBenchmarks { Services = services };
            bench.Setup();
            Func<long> row = nextKey ? bench.QueueCoreHallNextKey : bench.QueueCoreHall;
            row(); // the JIT's tiers settle before timing
            var perOp = new List<double>();
            var cpuPerOp = new List<double>(); // the process's CPU time: steadier than wall time on a shared machine
            for (var round = 0; round < rounds; round++)
            {
                var ops = 0L;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed.TotalSeconds < seconds)
                {
                    row();
                    ops += WorkloadBenchmarks.OperationsPerInvoke;
                }

                perOp.Add(watch.Elapsed.TotalNanoseconds / ops);
                cpuPerOp.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / ops);
            }

            perOp.Sort();
            cpuPerOp.Sort();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{services,5} items{(nextKey ? " (Next key alone)" : "")}: fastest {perOp[0]:F1} ns/op, median {perOp[perOp.Count / 2]:F1} ns/op (rounds: {string.Join(", ", perOp.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))}); CPU: fastest {cpuPerOp[0]:F1}, median {cpuPerOp[cpuPerOp.Count / 2]:F1} ns/op"));
        }
    }
}
