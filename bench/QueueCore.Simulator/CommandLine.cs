using System.Globalization;
using QueueCore.Simulation;

namespace QueueCore.Simulator;

/// <summary>The command line: positional arguments and --name value options.</summary>
internal sealed class CommandLine
{
    // null: the option was given without a value (--no-tiering, or a value forgotten: --out at the end of the line).
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    public CommandLine(string[] args)
    {
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                _options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>This command line, once it is known to give the command (<see cref="Positional"/>[0]) at most
    /// <paramref name="files"/> files and only the options it takes: a mistyped option (--replication 50) or a file too
    /// many would otherwise be ignored without a word, and the run go on with what the planner did not ask for.</summary>
    /// <exception cref="CommandLineException">An option the command does not take, or a file too many.</exception>
    public CommandLine Accepting(int files, params string[] options)
    {
        var command = Positional[0];
        if (_options.Keys.FirstOrDefault(name => !options.Contains(name, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new CommandLineException($"--{unknown}: not an option of {command} (it takes {string.Join(", ", options.Select(o => "--" + o))})");
        }

        return Positional.Count - 1 > files
            ? throw new CommandLineException($"{command} takes {files} file{(files == 1 ? "" : "s")}; '{Positional[files + 1]}' is one too many")
            : this;
    }

    /// <summary>The value given for --<paramref name="name"/>, or null when the option is not given.</summary>
    /// <exception cref="CommandLineException">The option is given without a value.</exception>
    public string? Text(string name) => _options.TryGetValue(name, out var v) ? Value(name, v) : null;

    /// <summary>The file named by positional argument <paramref name="index"/> (0 is the command). A missing file is
    /// left to the reader, whose error names it.</summary>
    /// <exception cref="CommandLineException">None was given (<paramref name="missing"/> says what to give), or it is a
    /// directory (which reading reports only as "access denied").</exception>
    public string File(int index, string missing)
    {
        var path = Positional.ElementAtOrDefault(index) ?? throw new CommandLineException(missing);

        // An unset variable in a script (run "$SCENARIO") passes an empty argument: reading it failed with a stack trace.
        return path.Trim().Length == 0 ? throw new CommandLineException($"{missing} (argument {index} is empty: an unset variable?)")
            : Directory.Exists(path) ? throw new CommandLineException($"'{path}' is a directory; give a file")
            : path;
    }

    /// <summary>The most replications a run takes: each keeps its figures until the run ends, and 2^31 of them ran the
    /// process out of memory (a crash) rather than being refused.</summary>
    public const int MaxReplications = 100_000;

    /// <summary>The whole number given for --<paramref name="name"/> (from <paramref name="min"/> to <paramref name="max"/>), or the fallback.</summary>
    /// <exception cref="CommandLineException">The value is not a whole number or is outside the range.</exception>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_options.TryGetValue(name, out var given))
        {
            return fallback;
        }

        // Read as a long, so a number too large says so rather than "not a whole number".
        var v = Value(name, given);
        return !long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min
            ? throw new CommandLineException(min == int.MinValue ? $"--{name}: '{v}' is not a whole number" : $"--{name}: '{v}' is not a whole number of {min} or more")
            : n > max ? throw new CommandLineException($"--{name}: '{v}' is more than {max}, the most a run takes")
            : (int)n;
    }

    /// <summary>The number given for --<paramref name="name"/>, or the fallback.</summary>
    /// <exception cref="CommandLineException">The value is not a finite number.</exception>
    public double Double(string name, double fallback)
    {
        if (!_options.TryGetValue(name, out var given))
        {
            return fallback;
        }

        var v = Value(name, given);
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw new CommandLineException($"--{name}: '{v}' is not a number");
    }

    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>An option's value; an option that takes one but was given none (it read as "true", and --out at the end
    /// of the line wrote the results to a directory named "true") is refused, and so is an empty one (a script's unset
    /// variable, --out "$DIR": it ended in a stack trace).</summary>
    private static string Value(string name, string? value) =>
        value is null ? throw new CommandLineException($"--{name}: give a value (e.g. --{name} {Example(name)})")
        : value.Trim().Length == 0 ? throw new CommandLineException($"--{name}: give a value (it is empty: an unset variable? e.g. --{name} {Example(name)})")
        : value;

    private static string Example(string name) => name switch
    {
        "out" => "sim-out/township",
        "target" => "0.9",
        "limit" => "15",
        _ => "20",
    };

    public SimulationOptions Simulation(int replications = 20) => new()
    {
        Replications = Int("replications", replications, min: 1, max: MaxReplications),
        Seed = Seed(),
        MaxParallelism = Int("parallel", Environment.ProcessorCount, min: 1),
    };

    /// <summary>The seed: a whole number from 0 to 2^64 - 1 (1 when not given).</summary>
    private ulong Seed() =>
        !_options.TryGetValue("seed", out var given) ? 1
        : Value("seed", given) is var v && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed
        : throw new CommandLineException($"--seed: '{v}' is not a whole number from 0 to {ulong.MaxValue}");

    /// <summary>The output directory (--out, else <paramref name="fallback"/>); the commands read it before they run, so
    /// a path that cannot be one is refused before the planner waits for the replications.</summary>
    /// <exception cref="CommandLineException">The path is an existing file, lies under one, or is where the planner
    /// cannot write.</exception>
    public string Out(string fallback)
    {
        var path = Text("out") ?? fallback;
        if (System.IO.File.Exists(path))
        {
            throw new CommandLineException($"--out: '{path}' is a file; give a directory (created if missing)");
        }

        // A directory that cannot be made (under a file, or where the planner may not write) failed only once every
        // replication had run, and as "Could not find file '...'" without naming --out.
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing))
        {
            if (System.IO.File.Exists(existing))
            {
                throw new CommandLineException($"--out: '{path}' cannot be a directory: '{existing}' is a file");
            }

            existing = Path.GetDirectoryName(existing) ?? throw new CommandLineException($"--out: '{path}' cannot be a directory");
        }

        try
        {
            // Created and deleted at once: the run writes here only after its replications.
            using var probe = new FileStream(Path.Combine(existing, $".queuecore-simulator-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"--out: cannot write in '{existing}' ({e.Message})");
        }

        return path;
    }
}
