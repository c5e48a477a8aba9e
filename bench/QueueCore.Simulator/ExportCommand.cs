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
        var dated = day is { } d ? " of " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var trace = Path.Combine(directory, hall + (dated.Length > 0 ? "-" + dated[4..] : "") + ".csv"); // a day asked for by date does not overwrite the last day's
        // Written apart and moved into place once whole: a refusal (a running server, an unknown hall) came after the
        // trace had been opened for writing, and left the day exported there before empty, or deleted it. Apart in the
        // nearest directory that exists, and the out directory made only for a whole day: made first, a refusal (an
        // unknown hall, a day the journal does not hold) left an empty sim-out/export-<hall> behind.
        var part = Path.Combine(NearestDirectory(directory), $".{Path.GetFileName(trace)}.{Guid.NewGuid():N}.part");
        DayTraceExportResult result;
        try
        {
            using (var output = new StreamWriter(part))
            {
                result = day is { } asked ? DayTraceExport.Write(journal, hall, asked, output) : DayTraceExport.Write(journal, hall, output);
            }

            Directory.CreateDirectory(directory);
            File.Move(part, trace, overwrite: true);
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException($"export: {ArgumentMessage.Of(e)}");
        }
        finally
        {
            File.Delete(part); // gone once moved; else nothing of the day is left to replay
        }

        AnsiConsole.MarkupLineInterpolated($"{result.Tickets} tickets of hall {hall}'s day{dated} written to {trace}");
        foreach (var note in result.Notes)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Not the whole day:[/] {note}");
        }

        AnsiConsole.MarkupLineInterpolated($"Replay it with other staffing: replay {trace} <staffing.json>");
        return 0;
    }

    /// <summary><paramref name="directory"/>, or its nearest ancestor that exists (<see cref="CommandLine.Out"/> found one).</summary>
    private static string NearestDirectory(string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }

        return existing;
    }
}
