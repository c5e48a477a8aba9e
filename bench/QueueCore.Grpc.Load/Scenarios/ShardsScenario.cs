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
        var table = new Table("QueueCore:Engine", "idle CPU (cores)", "peak", "peak p99", $"paced {s.PacedRate:N0}/s achieved", "p99",
            $"paced {s.PacedRate / 4:N0}/s p50 / p99 / p99.9", "CPU per call (peak)");
        var results = new List<(EngineChoice Choice, UnaryFigures Figures)>();
        var phases = s.Quick ? s : s with { Duration = s.Duration / 2 }; // six servers: shorter phases
        foreach (var choice in Choices)
        {
            var figures = await UnaryScenario.MeasureAsync(ServerKind.Real, phases, choice, callNext: false);
            results.Add((choice, figures));
            table.Row(choice.ToString(), FanoutScenario.Cores(figures.IdleCores), Table.Rate(figures.Peak.PerSecond), Table.Ms(figures.Peak.Latency.P99),
                Table.Rate(figures.Paced.PerSecond), Table.Ms(figures.Paced.Latency.P99), Table.Percentiles(figures.Moderate.Latency), UnaryScenario.Micros(figures.Peak));
        }

        table.Print();
        var peak = results.MaxBy(r => r.Figures.Peak.PerSecond);
        var moderate = results.OrderBy(r => r.Figures.Moderate.Latency.P99).First();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"highest peak: {peak.Choice} ({Table.Rate(peak.Figures.Peak.PerSecond)}); lowest p99 at {s.PacedRate / 4:N0}/s: " +
            $"{moderate.Choice} ({Table.Ms(moderate.Figures.Moderate.Latency.P99)})"));
    }
}
