using System.Globalization;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// 5. Engine options on this machine: the real server's unary test (TakeTicket at peak and paced) under each
/// ShardCount and WaitStrategy, with the CPU the process burns while idle. The server's request threads are the
/// engine's producers, so shards compete with them for the cores.
/// </summary>
internal static class ShardsScenario
{
    private static readonly EngineChoice[] Choices =
    [
        new(1, WaitStrategy.SpinThenBlock),
        new(1, WaitStrategy.Blocking),
        new(2, WaitStrategy.SpinThenBlock),
        new(2, WaitStrategy.Blocking),
        new(1, WaitStrategy.BusySpin),
        new(1, WaitStrategy.SpinThenBlock, ContinuationsOnPool: false),
    ];

    public static async Task RunAsync(LoadSettings s)
    {
        Console.WriteLine($"## shards: real server, Kiosk.TakeTicket peak ({s.Concurrency} in flight) and paced ({s.PacedRate:N0}/s) per engine option; " +
            $"{Environment.ProcessorCount} cores");
        var table = new Table("QueueCore:Engine", "idle CPU (cores)", "peak", "peak p99", "paced achieved", "paced p50 / p99 / p99.9", "CPU per call (paced)");
        var results = new List<(EngineChoice Choice, UnaryFigures Figures)>();
        foreach (var choice in Choices)
        {
            var figures = await UnaryScenario.MeasureAsync(ServerKind.Real, s, choice, callNext: false);
            results.Add((choice, figures));
            table.Row(choice.ToString(), FanoutScenario.Cores(figures.IdleCores), Table.Rate(figures.Peak.PerSecond), Table.Ms(figures.Peak.Latency.P99),
                Table.Rate(figures.Paced.PerSecond), Table.Percentiles(figures.Paced.Latency), UnaryScenario.Micros(figures.Paced));
        }

        table.Print();
        var peak = results.MaxBy(r => r.Figures.Peak.PerSecond);
        var paced = results.Where(r => r.Figures.Paced.PerSecond >= 0.95 * s.PacedRate).OrderBy(r => r.Figures.Paced.Latency.P99).FirstOrDefault();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"highest peak: {peak.Choice} ({Table.Rate(peak.Figures.Peak.PerSecond)}); lowest paced p99 at the full rate: " +
            $"{(paced.Figures is null ? "none kept the rate" : $"{paced.Choice} ({Table.Ms(paced.Figures.Paced.Latency.P99)})")}"));
    }
}
