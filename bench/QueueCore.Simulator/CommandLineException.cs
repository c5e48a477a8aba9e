namespace QueueCore.Simulator;

/// <summary>An argument on the command line is wrong (a value that does not parse or is out of range); the message
/// names the option and what it expects.</summary>
internal sealed class CommandLineException(string message) : Exception(message)
{
}
