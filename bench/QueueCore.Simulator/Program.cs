using QueueCore.Simulation;
using QueueCore.Simulator;
using Spectre.Console;

// The capacity simulator's command line: run, whatif, staff, replay, export, city, memory (see bench/scenarios/README.md).
// Standard output holds what a command produced; refusals and progress go to standard error (StandardError).
var line = new CommandLine(args);
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // a log or a pipe: don't wrap the tables at 80 columns
}

if (Console.IsErrorRedirected)
{
    StandardError.Console.Profile.Width = 1000; // a refusal on one line, however long: a script's grep finds it whole
}

try
{
    string[] simulation = ["replications", "seed", "parallel"];
    if (line.Flag("help") || line.Positional.FirstOrDefault() is "help")
    {
        return Usage(exitCode: 0); // asked for: not a mistake
    }

    return line.Positional.FirstOrDefault() switch
    {
        "run" => RunCommand.Run(line.Accepting(1, [.. simulation, "out"])),
        "whatif" => WhatIfCommand.Run(line.Accepting(2, [.. simulation, "out"])),
        "staff" => StaffCommand.Run(line.Accepting(1, [.. simulation, "target", "limit", "max-simulations"])),
        "replay" => ReplayCommand.Run(line.Accepting(2, [.. simulation, "out"])),
        "export" => ExportCommand.Run(line.Accepting(2, "out", "day")),
        "city" => CityBenchmark.Run(line.Accepting(0, "halls", "tickets", "replications", "no-tiering")),
        "memory" => MemoryBenchmark.Run(line.Accepting(0, "halls", "waiting")),
        var unknown => Usage(exitCode: 1, unknown is null ? "No command given." : $"Unknown command '{unknown}'."),
    };
}
catch (ScenarioFileException e)
{
    StandardError.Console.MarkupLineInterpolated($"[red]The scenario {e.Path} is invalid:[/] {e.Problem.Message}");
    return 2;
}
catch (ScenarioException e)
{
    // Only replay lets one through unnamed: its trace's own problems, which name the trace file ("trace file 'monday.csv',
    // line 14, ..."); the trace is no scenario.
    StandardError.Console.MarkupLineInterpolated($"[red]{(line.Positional.FirstOrDefault() is "replay" ? "Cannot replay:" : "The scenario is invalid:")}[/] {e.Message}");
    return 2;
}
catch (FormatException e)
{
    StandardError.Console.MarkupLineInterpolated($"[red]The file is invalid:[/] {e.Message}");
    return 2;
}
catch (CommandLineException e)
{
    StandardError.Console.MarkupLineInterpolated($"[red]Invalid argument:[/] {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A scenario or staffing file that is missing or a directory, or an output directory that cannot be written.
    StandardError.Console.MarkupLineInterpolated($"[red]Cannot use a file:[/] {e.Message}");
    return 2;
}

// Asked for, the usage is the output (standard output); after a mistake (exit code 1) it is the refusal, on standard
// error as every refusal is, after the line that says what the mistake was.
static int Usage(int exitCode, string? mistake = null)
{
    var writer = exitCode == 0 ? Console.Out : Console.Error;
    if (mistake is not null)
    {
        writer.WriteLine(mistake);
    }

    writer.WriteLine("""
        QueueCore capacity simulator: the real hall scheduler in virtual time.

          run <scenario.json> [--replications N] [--seed S] [--parallel P] [--out dir]
              simulate; table in the terminal; rows.csv, windows.csv, result.json and report.html in the out dir
          whatif <a.json> <b.json> [--replications N] [--seed S] [--parallel P] [--out dir]
              both side by side, B - A with its 95% interval (paired: same seed, same citizens); services are
              paired by id, and one only A or B has is noted, not compared
          staff <scenario.json> [--target 0.9] [--limit 15] [--replications 40] [--max-simulations 40] [--seed S] [--parallel P]
              fewest windows per clock hour of each hall (a table each) meeting the target (share within limit
              minutes), Erlang C beside it; an hour meets it when a lower 95% bound on its share does: the lower
              of the t interval over the replications and the Wilson bound over all its waits (so few waits, all
              within, are not enough)
          replay <trace.csv> <staffing.json> [--replications 2] [--seed S] [--parallel P] [--out dir]
              a real day's arrivals and handling times (trace CSV) with the windows and services of the staffing
              file's first hall (its arrival rates and trace, if any, are not used; its services' patience is,
              and then --replications defaults to 20; classMix, appointmentShare, multiItem and noShowShare are
              noted as not used: the trace gives them of each citizen)
          export <journal-directory> <hall> [--day yyyy-MM-dd] [--out dir]
              a hall's day from a server's journal (stopped, or a copy of its data directory) as a trace CSV for
              replay: the last day it holds, <hall>.csv, or the day of that hall-local date, <hall>-<date>.csv, in
              the out dir (default sim-out/export-<hall>)
          city [--halls 1000] [--tickets 2000000] [--replications N] [--no-tiering]
              city-scale benchmark: simulated tickets per second per core, scaling over cores (of N replications,
              default one per core; not measured with 1), memory; measured after a warm-up day in a child process
              with the runtime's default JIT (--no-tiering: in this one)
          memory [--halls 10000] [--waiting 1000000]
              bytes per waiting ticket and per hall in the engine's hall state machine
          help, --help
              this text

        Exit codes:
          0  done (staff: the target is met in every hour of every hall)
          1  no command, or one it does not know: a line says which, then this text (both on standard error)
          2  refused before running: an argument, or a scenario, trace or staffing file, is invalid (the message,
             on standard error, names it), or a file cannot be read or written
          3  staff only: the target is not met in some hour (of some hall) within --max-simulations, or some hour
             has too few waits to be sure (the table shows the best found)
          city passes on its measuring child process's code (one of these); any other code is a crash (a bug: the
          runtime prints the exception)
        """);
    return exitCode;
}
