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
        IEnumerable<double> Reals(Func<UnaryFigures, double> figure) => rounds.Select(r => figure(r.Real));
        IEnumerable<double> Bares(Func<UnaryFigures, double> figure) => rounds.Select(r => figure(r.Bare));
        IEnumerable<double> Ratios(Func<UnaryFigures, double> figure) =>
            rounds.Select(r => figure(r.Bare) > 0 ? figure(r.Real) / figure(r.Bare) : 0);

        static double Peak(UnaryFigures f) => f.Peak.PerSecond;
        static double PeakCpu(UnaryFigures f) => f.Peak.CpuMicrosecondsPerCall;
        static double PacedP99(UnaryFigures f) => f.Paced.Latency.P99;
        static double Calls(UnaryFigures f) => f.Calls?.PerSecond ?? 0;
        static string Ratio(double ratio) => Table.Ratio(ratio, 1);
        static string Ms(double nanoseconds) => Table.Ms((long)nanoseconds);
        int KeptRate(Func<(UnaryFigures Real, UnaryFigures Bare), UnaryFigures> side) =>
            rounds.Count(r => side(r).Paced.PerSecond >= 0.95 * s.PacedRate);

        var peakMet = Median(Reals(Peak)) >= 40_000 && Median(Ratios(Peak)) >= 0.5;
        var pacedMet = Median(Reals(PacedP99)) < 5_000_000 && KeptRate(r => r.Real) * 2 > rounds.Count;
        Console.WriteLine($"## unary over {rounds.Count} alternated rounds: median (range)");
        new Table("measure", "real", "bare", "real/bare", "target", "verdict (medians)")
            .Row("TakeTicket peak", Range(Reals(Peak), Table.Rate), Range(Bares(Peak), Table.Rate), Range(Ratios(Peak), Ratio),
                ">= 40,000/s and >= 0.5 x bare", Table.Verdict(peakMet))
            .Row("  process CPU per call", Range(Reals(PeakCpu), Table.Micros), Range(Bares(PeakCpu), Table.Micros), Range(Ratios(PeakCpu), Ratio), "", "")
            .Row($"TakeTicket paced at {s.PacedRate:N0}/s: p99", Range(Reals(PacedP99), Ms), Range(Bares(PacedP99), Ms), "", "p99 < 5 ms", Table.Verdict(pacedMet))
            .Row("  rounds that kept the rate (>= 95%)", $"{KeptRate(r => r.Real)} of {rounds.Count}", $"{KeptRate(r => r.Bare)} of {rounds.Count}", "", "", "")
            .Row("FinishAndCallNext peak", Range(Reals(Calls), Table.Rate), Range(Bares(Calls), Table.Rate), Range(Ratios(Calls), Ratio), "", "")
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
}
