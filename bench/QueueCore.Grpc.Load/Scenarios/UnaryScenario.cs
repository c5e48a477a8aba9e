using QueueCore.Grpc.Load.Clients;
using QueueCore.Grpc.Load.Drivers;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// 1. Issue-ticket unary calls (Kiosk.TakeTicket, random hall and service) at peak and paced, then
/// Terminal.FinishAndCallNext at peak on the tickets the first phases left waiting; real server, then bare.
/// </summary>
internal static class UnaryScenario
{
    public static async Task RunAsync(LoadSettings s)
    {
        Console.WriteLine($"## unary: Kiosk.TakeTicket, {s.Halls} halls, {s.Channels} channels; peak = {s.Concurrency} calls in flight; " +
            $"paced = {s.PacedRate:N0}/s and {s.PacedRate / 4:N0}/s open loop, latency from each call's due time; then Terminal.FinishAndCallNext at peak");
        var rounds = new List<(UnaryFigures Real, UnaryFigures Bare)>();
        for (var round = 1; round <= s.Rounds; round++)
        {
            if (s.Rounds > 1)
            {
                Console.WriteLine($"### round {round} of {s.Rounds}, load average {Machine.LoadAverage()}");
            }

            // Alternated, so that the machine's slow minutes (other tenants) fall on both servers alike.
            var real = await MeasureAsync(ServerKind.Real, s, s.Engine, callNext: true);
            var bare = await MeasureAsync(ServerKind.Bare, s, s.Engine, callNext: true);
            PrintRound(s, real, bare);
            rounds.Add((real, bare));
        }

        if (s.Rounds > 1)
        {
            UnaryMedians.Print(s, rounds);
        }
    }

    private static void PrintRound(LoadSettings s, UnaryFigures real, UnaryFigures bare)
    {
        new Table("measure", "real", "bare", "real/bare", "target", "verdict")
            .Row("TakeTicket peak", Table.Rate(real.Peak.PerSecond), Table.Rate(bare.Peak.PerSecond), Table.Ratio(real.Peak.PerSecond, bare.Peak.PerSecond),
                ">= 40,000/s and >= 0.5 x bare", Table.Verdict(real.Peak.PerSecond >= 40_000 && real.Peak.PerSecond >= 0.5 * bare.Peak.PerSecond))
            .Row("  latency p50 / p99 / p99.9", Table.Percentiles(real.Peak.Latency), Table.Percentiles(bare.Peak.Latency), "", "", "")
            .Row("  process CPU per call", Micros(real.Peak), Micros(bare.Peak), Table.Ratio(real.Peak.CpuMicrosecondsPerCall, bare.Peak.CpuMicrosecondsPerCall), "", "")
            .Row("  errors", Table.Count(real.Peak.Errors), Table.Count(bare.Peak.Errors), "", "", "")
            .Row($"TakeTicket paced at {s.PacedRate:N0}/s", Table.Rate(real.Paced.PerSecond), Table.Rate(bare.Paced.PerSecond), "", "", "")
            .Row("  latency p50 / p99 / p99.9", Table.Percentiles(real.Paced.Latency), Table.Percentiles(bare.Paced.Latency), "", "p99 < 5 ms",
                Table.Verdict(real.Paced.Latency.Count > 0 && real.Paced.Latency.P99 < 5_000_000 && real.Paced.PerSecond >= 0.95 * s.PacedRate))
            .Row("  errors", Table.Count(real.Paced.Errors), Table.Count(bare.Paced.Errors), "", "", "")
            .Row($"TakeTicket paced at {s.PacedRate / 4:N0}/s", Table.Rate(real.Moderate.PerSecond), Table.Rate(bare.Moderate.PerSecond), "", "", "")
            .Row("  latency p50 / p99 / p99.9", Table.Percentiles(real.Moderate.Latency), Table.Percentiles(bare.Moderate.Latency), "", "", "")
            .Row("  process CPU per call", Micros(real.Moderate), Micros(bare.Moderate), Table.Ratio(real.Moderate.CpuMicrosecondsPerCall, bare.Moderate.CpuMicrosecondsPerCall), "", "")
            .Row("FinishAndCallNext peak", Table.Rate(real.Calls!.PerSecond), Table.Rate(bare.Calls!.PerSecond), Table.Ratio(real.Calls.PerSecond, bare.Calls.PerSecond), "", "")
            .Row("  latency p50 / p99 / p99.9", Table.Percentiles(real.Calls.Latency), Table.Percentiles(bare.Calls.Latency), "", "", "")
            .Row("  errors (nothing left to call counts)", Table.Count(real.Calls.Errors), Table.Count(bare.Calls.Errors), "", "", "")
            .Print();
    }

    public static async Task<UnaryFigures> MeasureAsync(ServerKind kind, LoadSettings s, EngineChoice engine, bool callNext, bool quiet = false)
    {
        await using var server = await ServerHost.StartAsync(kind, s.Halls, engine, s.ServerConfiguration);
        var channels = LoadChannels.Create(server.Address, s.Channels);
        try
        {
            var halls = LoadHalls.Ids(s.Halls);
            await HallSetup.OpenWindowsAsync(channels, halls); // before the load: the first calls pay for connections and JIT
            var idle = await IdleCoresAsync(s.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2));

            var kiosks = channels.Select(c => new Kiosk.KioskClient(c)).ToArray();
            var takes = halls.SelectMany(h => LoadHalls.Services.Select(service => new TakeTicketRequest { Hall = h, Services = { service } })).ToArray();
            Task Take(long i) => kiosks[i % kiosks.Length].TakeTicketAsync(takes[Random.Shared.Next(takes.Length)], Devices.Kiosk).ResponseAsync;
            var peak = await UnaryDriver.PeakAsync(Take, s.Concurrency, s.Warmup, s.Duration);
            Progress(quiet, $"  {kind}: TakeTicket peak {Table.Rate(peak.PerSecond)}, p99 {Table.Ms(peak.Latency.P99)}, {peak.Gc}");
            // The quarter rate first: after a rate the server cannot carry, its backlog would spill into the next phase.
            var moderate = await UnaryDriver.PacedAsync(Take, s.PacedRate / 4.0, s.Warmup, s.Duration);
            Progress(quiet, $"  {kind}: TakeTicket paced at {s.PacedRate / 4:N0}/s: {Table.Rate(moderate.PerSecond)}, p99 {Table.Ms(moderate.Latency.P99)}, {moderate.Gc}");
            var paced = await UnaryDriver.PacedAsync(Take, s.PacedRate, s.Warmup, s.Duration);
            Progress(quiet, $"  {kind}: TakeTicket paced at {s.PacedRate:N0}/s: {Table.Rate(paced.PerSecond)}, p99 {Table.Ms(paced.Latency.P99)}, {paced.Gc}");
            UnaryResult? calls = null;
            if (callNext)
            {
                var terminals = channels.Select(c => new Terminal.TerminalClient(c)).ToArray();
                var windows = halls.SelectMany(h => Enumerable.Range(1, LoadHalls.Windows).Select(w => new WindowRequest { Hall = h, Window = w })).ToArray();
                Task Call(long i) => terminals[i % terminals.Length].FinishAndCallNextAsync(windows[Random.Shared.Next(windows.Length)], Devices.Terminal).ResponseAsync;
                calls = await UnaryDriver.PeakAsync(Call, s.Concurrency, s.Warmup, s.Duration);
                Progress(quiet, $"  {kind}: FinishAndCallNext peak {Table.Rate(calls.PerSecond)}, p99 {Table.Ms(calls.Latency.P99)}");
            }

            return new UnaryFigures(peak, paced, moderate, calls, idle);
        }
        finally
        {
            LoadChannels.Dispose(channels);
        }
    }

    private static void Progress(bool quiet, string line)
    {
        if (!quiet)
        {
            Console.WriteLine(line);
        }
    }

    public static string Micros(UnaryResult result) => result.PerSecond > 0 ? Table.Micros(result.CpuMicrosecondsPerCall) : "-";

    /// <summary>The process's CPU while nothing is sent: what the server burns idle (spinning shards show here).</summary>
    private static async Task<double> IdleCoresAsync(TimeSpan length)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var cpu = CpuClock.Now();
        await Task.Delay(length);
        return CpuClock.CoresSince(cpu);
    }
}
