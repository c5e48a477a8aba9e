using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary>
/// <c>export journal-directory hall</c>: a hall's day from a server's journal as a day trace, for <c>replay</c>. The
/// operator hands the planner the data directory (or a copy of it); without this the day came out only through
/// <see cref="DayTraceExport.Write"/> in code.
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

        var directory = line.Out(Path.Combine("sim-out", "export-" + hall));
        Directory.CreateDirectory(directory);
        var trace = Path.Combine(directory, hall + ".csv");
        DayTraceExportResult result;
        try
        {
            using var output = new StreamWriter(trace);
            result = DayTraceExport.Write(journal, hall, output);
        }
        catch (ArgumentException e)
        {
            File.Delete(trace); // nothing of the day was written: leave no empty trace to replay
            throw new CommandLineException($"export: {ArgumentMessage.Of(e)}");
        }

        AnsiConsole.MarkupLineInterpolated($"{result.Tickets} tickets of hall {hall}'s day written to {trace}");
        foreach (var note in result.Notes)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Not the whole day:[/] {note}");
        }

        AnsiConsole.MarkupLineInterpolated($"Replay it with other staffing: replay {trace} <staffing.json>");
        return 0;
    }
}
