using QueueCore.Simulation;

namespace QueueCore.Simulator;

/// <summary>
/// A scenario file given on the command line is invalid: <see cref="Problem"/> says what is wrong in it, <see
/// cref="Path"/> which file (whatif takes two, replay a trace and a staffing file: the problem alone did not say which).
/// </summary>
internal sealed class ScenarioFileException(string path, ScenarioException problem) : Exception(problem.Message, problem)
{
    public string Path { get; } = path;

    public ScenarioException Problem { get; } = problem;

    /// <summary>Runs <paramref name="read"/>, which reads or checks the scenario file <paramref name="path"/>; a problem it finds names the file.</summary>
    public static T Naming<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ScenarioException e)
        {
            throw new ScenarioFileException(path, e);
        }
    }

    /// <inheritdoc cref="Naming{T}(string, Func{T})"/>
    public static void Naming(string path, Action check) => Naming(path, () =>
    {
        check();
        return true;
    });
}
