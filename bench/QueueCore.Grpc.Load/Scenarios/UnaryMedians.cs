using System.Globalization;
using QueueCore.Grpc.Load.Report;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>
/// The unary figures over several alternated rounds (<c>--rounds</c>): each figure's median and range, and each ratio
/// taken within its round before the median, so a round on a busy minute moves one sample, not the verdict.
/// </summary>
internal static class UnaryMedians
{
    public static void Print(LoadSettings s, IReadOnlyList<(UnaryFigures Real, UnaryFigures Bare)> rounds)
    {
        double Real(Func<UnaryFigures, double> figure) => Median(rounds.Select(r => figure(r.Real)));
        string RealRange(Func<UnaryFigures, double> figure, Func<double, string> format) => Range(rounds.Select(r => figure(r.Real)), format);
        string BareRange(Func<UnaryFigures, double> figure, Func<double, string> format) => Range(rounds.Select(r => figure(r.Bare)), format);
        string RatioRange(Func<UnaryFigures, double> figure) =>
            Range(rounds.Select(r => figure(r.Bare) > 0 ? figure(r.Real) / figure(r.Bare) : 0), Ratio);

        static double Peak(UnaryFigures f) => f.Peak.PerSecond;
        static double PeakCpu(UnaryFigures f) => f.Peak.CpuMicrosecondsPerCall;
        static double PacedP99(UnaryFigures f) => f.Paced.Latency.P99;
        static double Calls(UnaryFigures f) => f.Calls?.PerSecond ?? 0;

        var peakRatio = Median(rounds.Select(r => Peak(r.Bare) > 0 ? Peak(r.Real) / Peak(r.Bare) : 0));
        var pacedKept = rounds.Count(r => r.Real.Paced.PerSecond >= 0.95 * s.PacedRate);
        Console.WriteLine($"## unary over {rounds.Count} alternated rounds: median (range)");
        new Table("measure", "real", "bare", "real/bare", "target", "verdict (medians)")
            .Row("TakeTicket peak", RealRange(Peak, Table.Rate), BareRange(Peak, Table.Rate), RatioRange(Peak),
                ">= 40,000/s and >= 0.5 x bare", Table.Verdict(Real(Peak) >= 40_000 && peakRatio >= 0.5))
            .Row("  process CPU per call", RealRange(PeakCpu, Micros), BareRange(PeakCpu, Micros), RatioRange(PeakCpu), "", "")
            .Row($"TakeTicket paced at {s.PacedRate:N0}/s: p99", RealRange(PacedP99, p => Table.Ms((long)p)), BareRange(PacedP99, p => Table.Ms((long)p)), "",
                "p99 < 5 ms", Table.Verdict(Real(PacedP99) < 5_000_000 && pacedKept * 2 > rounds.Count))
            .Row("  rounds that kept the rate (>= 95%)", $"{pacedKept} of {rounds.Count}",
                $"{rounds.Count(r => r.Bare.Paced.PerSecond >= 0.95 * s.PacedRate)} of {rounds.Count}", "", "", "")
            .Row("FinishAndCallNext peak", RealRange(Calls, Table.Rate), BareRange(Calls, Table.Rate), RatioRange(Calls), "", "")
            .Print();
    }

    /// <summary>"median (min-max)" of <paramref name="values"/>.</summary>
    private static string Range(IEnumerable<double> values, Func<double, string> format)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? "-" : $"{format(Median(sorted))} ({format(sorted[0])}-{format(sorted[^1])})";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Micros(double micros) => string.Create(CultureInfo.InvariantCulture, $"{micros:0.0} µs");
}
