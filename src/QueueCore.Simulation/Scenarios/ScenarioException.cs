namespace QueueCore.Simulation;

/// <summary>A scenario file or trace is invalid. <see cref="Errors"/> lists every problem as "field path: what is
/// wrong", e.g. <c>halls[0].services[1].handling.meanMinutes: must be greater than 0 (was -2)</c>.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>An exception for the given problems.</summary>
    public ScenarioException(IReadOnlyList<string> errors)
        : base(errors.Count == 1 ? errors[0] : $"{errors.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors)) =>
        Errors = errors;

    /// <summary>An exception for one problem.</summary>
    public ScenarioException(string error)
        : this([error])
    {
    }

    /// <summary>An empty exception (for serializers).</summary>
    public ScenarioException()
        : this("The scenario is invalid.")
    {
    }

    /// <summary>An exception with an inner cause.</summary>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Every problem found, each "field path: what is wrong".</summary>
    public IReadOnlyList<string> Errors { get; }
}
