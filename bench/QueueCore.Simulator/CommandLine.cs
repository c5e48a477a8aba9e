using System.Globalization;
using QueueCore.Simulation;

namespace QueueCore.Simulator;

/// <summary>The command line: positional arguments and --name value options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    public CommandLine(string[] args)
    {
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                _options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public string? Text(string name) => _options.GetValueOrDefault(name);

    public int Int(string name, int fallback) => _options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => _options.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _options.ContainsKey(name);

    public SimulationOptions Simulation(int replications = 20) => new()
    {
        Replications = Int("replications", replications),
        Seed = (ulong)Int("seed", 1),
        MaxParallelism = Int("parallel", Environment.ProcessorCount),
    };

    public string Out(string fallback) => Text("out") ?? fallback;
}
