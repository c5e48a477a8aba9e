using System.Globalization;
using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary>
/// <c>export journal-directory hall [--day yyyy-MM-dd]</c>: a hall's day from a server's journal as a day trace, for
/// <c>replay</c>: the last one it holds, or the one of that date (yesterday's after today opened: the journal's archive
/// keeps it). The operator hands the planner the data directory (or a copy of it); without this the day came out only
/// through <see cref="DayTraceExport"/> in code.
/// </summary>
internal static class ExportCommand
{
    public static int Run(CommandLine line)
    {
        const string Missing = "export: give the journal's data directory and a hall id, e.g. export data/journal township";
        var journal = line.Positional.ElementAtOrDefault(1) ?? throw new CommandLineException(Missing);
        var hall = line.Positional.ElementAtOrDefault(2) ?? throw new CommandLineException(Missing);
        if (!Directory.Exists(journal))
        {
            throw new CommandLineException($"export: '{journal}' is not a directory; give the journal's data directory (QueueCore:Engine:Journal:Directory)");
        }

        DateOnly? day = line.Text("day") is not { } given ? null
            : DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw new CommandLineException($"--day: '{given}' is not a date yyyy-MM-dd (the hall-local date of the day, e.g. --day 2026-11-30)");
        var directory = line.Out(Path.Combine("sim-out", "export-" + hall));
        Directory.CreateDirectory(directory);
        var dated = day is { } d ? " of " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var trace = Path.Combine(directory, hall + (dated.Length > 0 ? "-" + dated[4..] : "") + ".csv"); // a day asked for by date does not overwrite the last day's
        DayTraceExportResult result;
        try
        {
            using var output = new StreamWriter(trace);
            result = day is { } asked ? DayTraceExport.Write(journal, hall, asked, output) : DayTraceExport.Write(journal, hall, output);
        }
        catch (ArgumentException e)
        {
            File.Delete(trace); // nothing of the day was written: leave no empty trace to replay
            throw new CommandLineException($"export: {ArgumentMessage.Of(e)}");
        }

        AnsiConsole.MarkupLineInterpolated($"{result.Tickets} tickets of hall {hall}'s day{dated} written to {trace}");
        foreach (var note in result.Notes)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Not the whole day:[/] {note}");
        }

        AnsiConsole.MarkupLineInterpolated($"Replay it with other staffing: replay {trace} <staffing.json>");
        return 0;
    }
}
