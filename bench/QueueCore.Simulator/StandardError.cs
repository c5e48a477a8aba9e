using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary>Standard error, where refusals and progress go; standard output holds only what a command produced (its
/// tables, notes and the files it wrote), so a script that keeps it gets neither progress lines nor an error in place
/// of a table.</summary>
internal static class StandardError
{
    /// <summary>The console on standard error (tests replace it, as they replace <see cref="AnsiConsole.Console"/>).</summary>
    public static IAnsiConsole Console { get; set; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
}
