using System.Globalization;
using QueueCore.Grpc.Load.Drivers;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// 3. Fan-out: many display streams over many halls (shared connections, 100 streams each), every hall's terminals
/// calling at the rate that offers the target deliveries per second (calls/s x screens per hall); achieved
/// deliveries and the send-to-screen delay, real against bare.
/// </summary>
internal static class FanoutScenario
{
    public static async Task RunAsync(LoadSettings s)
    {
        var perHall = (double)s.FanoutDeliveries / s.FanoutStreams;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## fanout: {s.FanoutStreams:N0} display streams over {s.FanoutHalls} halls ({(double)s.FanoutStreams / s.FanoutHalls:0.#} per hall, {LoadSettings.StreamsPerConnection} per connection); " +
            $"{perHall:0.#} calls/s per hall = {s.FanoutDeliveries:N0} call deliveries/s offered (each call also clears the window's previous one)"));
        var real = await CallTraffic.RunAsync(ServerKind.Real, s, s.FanoutHalls, s.FanoutHalls, s.FanoutStreams, perHall, connectionPerScreen: false);
        Console.WriteLine($"  Real: {Table.Rate(real.DeliveriesPerSecond)} deliveries, p99 {Table.Ms(real.Delay.P99)}");
        var bare = await CallTraffic.RunAsync(ServerKind.Bare, s, s.FanoutHalls, s.FanoutHalls, s.FanoutStreams, perHall, connectionPerScreen: false);
        Console.WriteLine($"  Bare: {Table.Rate(bare.DeliveriesPerSecond)} deliveries, p99 {Table.Ms(bare.Delay.P99)}");
        var ratio = bare.DeliveriesPerSecond > 0 ? real.DeliveriesPerSecond / bare.DeliveriesPerSecond : 0;
        new Table("measure", "real", "bare", "real/bare", "target", "verdict")
            .Row("calls made", Table.Rate(real.CallsPerSecond), Table.Rate(bare.CallsPerSecond), "", "", "")
            .Row("call deliveries received", Table.Rate(real.DeliveriesPerSecond), Table.Rate(bare.DeliveriesPerSecond), Table.Ratio(real.DeliveriesPerSecond, bare.DeliveriesPerSecond),
                string.Create(CultureInfo.InvariantCulture, $"~{s.FanoutDeliveries:N0}/s, >= 0.8 x bare"),
                Table.Verdict(real.DeliveriesPerSecond >= 0.95 * s.FanoutDeliveries && ratio >= 0.8))
            .Row("  all updates received (calls, clears, counts)", Table.Rate(real.UpdatesPerSecond), Table.Rate(bare.UpdatesPerSecond), "", "", "")
            .Row("send-to-screen delay p50 / p99", $"{Table.Ms(real.Delay.P50)} / {Table.Ms(real.Delay.P99)}", $"{Table.Ms(bare.Delay.P50)} / {Table.Ms(bare.Delay.P99)}",
                Table.Ratio(real.Delay.P99, bare.Delay.P99), "p99 < 50 ms", Table.Verdict(real.Delay.Count > 0 && real.Delay.P99 < 50_000_000))
            .Row("  p99.9 / max", $"{Table.Ms(real.Delay.P999)} / {Table.Ms(real.Delay.Max)}", $"{Table.Ms(bare.Delay.P999)} / {Table.Ms(bare.Delay.Max)}", "", "", "")
            .Row("terminal reply p50 / p99", $"{Table.Ms(real.Reply.P50)} / {Table.Ms(real.Reply.P99)}", $"{Table.Ms(bare.Reply.P50)} / {Table.Ms(bare.Reply.P99)}", "", "", "")
            .Row("deliveries expected / received", DisplayScenario.Accounted(real), DisplayScenario.Accounted(bare), "", "every call once", Table.Verdict(DisplayScenario.Met(real)))
            .Row("out of order or twice / unmatched", $"{real.OutOfOrder} / {real.Unmatched}", $"{bare.OutOfOrder} / {bare.Unmatched}", "", "0", "")
            .Row("terminal calls refused", Table.Count(real.Refused), Table.Count(bare.Refused), "", "", "")
            .Row("process CPU (cores)", Cores(real.Cores), Cores(bare.Cores), "", "", "")
            .Print();
    }

    public static string Cores(double cores) => string.Create(CultureInfo.InvariantCulture, $"{cores:0.00}");
}
