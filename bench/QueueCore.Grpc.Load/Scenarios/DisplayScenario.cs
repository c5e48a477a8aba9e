using QueueCore.Grpc.Load.Drivers;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// 2. Call-to-display delay in a busy city hall: its terminals call (FinishAndCallNext) at a steady rate, each
/// screen on a connection of its own; the delay runs from just before the terminal's call is sent to the call's
/// arrival on each screen (so it includes the terminal's request, the engine, the hall feed and the stream).
/// </summary>
internal static class DisplayScenario
{
    public static async Task RunAsync(LoadSettings s)
    {
        // Rare calls: measure longer, so the percentiles rest on more than a few hundred samples.
        var settings = s.Quick ? s : s with { Duration = s.Duration * 2 };
        Console.WriteLine($"## display: one busy hall of {s.Halls}, {s.DisplayRate} calls/s (FinishAndCallNext), {s.DisplayStreams} screens " +
            $"with a connection each; delay from the terminal's send to each screen's receipt; {settings.Duration.TotalSeconds:0} s measured");
        var real = await CallTraffic.RunAsync(ServerKind.Real, settings, s.Halls, 1, s.DisplayStreams, s.DisplayRate, connectionPerScreen: true);
        Console.WriteLine($"  Real: p50 {Table.Ms(real.Delay.P50)}, p99 {Table.Ms(real.Delay.P99)}");
        var bare = await CallTraffic.RunAsync(ServerKind.Bare, settings, s.Halls, 1, s.DisplayStreams, s.DisplayRate, connectionPerScreen: true);
        Console.WriteLine($"  Bare: p50 {Table.Ms(bare.Delay.P50)}, p99 {Table.Ms(bare.Delay.P99)}");
        new Table("measure", "real", "bare", "real/bare", "target", "verdict")
            .Row("calls made", Table.Rate(real.CallsPerSecond), Table.Rate(bare.CallsPerSecond), "", "", "")
            .Row("send-to-screen delay p50", Table.Ms(real.Delay.P50), Table.Ms(bare.Delay.P50), Table.Ratio(real.Delay.P50, bare.Delay.P50), "< 1 ms", Table.Verdict(Met(real) && real.Delay.P50 < 1_000_000))
            .Row("send-to-screen delay p99", Table.Ms(real.Delay.P99), Table.Ms(bare.Delay.P99), Table.Ratio(real.Delay.P99, bare.Delay.P99), "< 5 ms", Table.Verdict(Met(real) && real.Delay.P99 < 5_000_000))
            .Row("  p99.9 / max", $"{Table.Ms(real.Delay.P999)} / {Table.Ms(real.Delay.Max)}", $"{Table.Ms(bare.Delay.P999)} / {Table.Ms(bare.Delay.Max)}", "", "", "")
            .Row("terminal reply p50 / p99", $"{Table.Ms(real.Reply.P50)} / {Table.Ms(real.Reply.P99)}", $"{Table.Ms(bare.Reply.P50)} / {Table.Ms(bare.Reply.P99)}", "", "", "")
            .Row("deliveries expected / received", Accounted(real), Accounted(bare), "", "every call once", Table.Verdict(Met(real)))
            .Row("out of order or twice / unmatched", $"{real.OutOfOrder} / {real.Unmatched}", $"{bare.OutOfOrder} / {bare.Unmatched}", "", "0", "")
            .Row("terminal calls refused", Table.Count(real.Refused), Table.Count(bare.Refused), "", "", "")
            .Print();
    }

    public static string Accounted(CallTrafficResult r) => $"{Table.Count(r.Expected)} / {Table.Count(r.Delivered)}";

    /// <summary>Every measured call reached every screen once, in order.</summary>
    public static bool Met(CallTrafficResult r) => r.Expected > 0 && r.Missing == 0 && r.OutOfOrder == 0 && r.Unmatched == 0;
}
