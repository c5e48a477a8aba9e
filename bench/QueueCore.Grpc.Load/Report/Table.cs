using System.Globalization;
using System.Text;

namespace QueueCore.Grpc.Load.Report;

/// <summary>A table printed as aligned Markdown, so a run's output pastes into bench/RESULTS.md as it is.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void Print()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        text.Append('|');
        foreach (var width in widths)
        {
            text.Append(' ').Append('-', width).Append(" |");
        }

        text.AppendLine();
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        Console.Write(text.ToString());
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append(' ').Append((i < cells.Length ? cells[i] : "").PadRight(widths[i])).Append(" |");
        }

        text.AppendLine();
    }

    /// <summary>A duration in nanoseconds as milliseconds, 3 significant digits.</summary>
    public static string Ms(long nanoseconds) => nanoseconds switch
    {
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.0000} ms"),
        < 100_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.000} ms"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.00} ms"),
        < 100_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0} ms"),
    };

    public static string Percentiles(Latency l) => l.Count == 0 ? "-" : $"{Ms(l.P50)} / {Ms(l.P99)} / {Ms(l.P999)}";

    public static string Rate(double perSecond) => string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0}/s");

    public static string Micros(double micros) => string.Create(CultureInfo.InvariantCulture, $"{micros:0.0} µs");

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double real, double bare) =>
        bare <= 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{real / bare:0.00}");

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:N1} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):N1} MB"),
    };

    public static string Verdict(bool met) => met ? "met" : "**not met**";
}
