using System.Text.Json;

namespace QueueCore.Simulation;

/// <summary>Reads scenario files (JSON). Syntax and type errors name the field path; <see cref="ScenarioCompiler"/>
/// checks the meaning.</summary>
public static class ScenarioReader
{
    /// <summary>Parses a scenario from JSON text.</summary>
    /// <exception cref="ScenarioException">The text is not a valid scenario; the message names the field.</exception>
    public static Scenario Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.Scenario)
                ?? throw new ScenarioException("top level: the file holds null, not a scenario object");
        }
        catch (JsonException e)
        {
            throw new ScenarioException([Describe(e)]);
        }
    }

    /// <summary>Reads a scenario file.</summary>
    /// <exception cref="ScenarioException">The file is not a valid scenario.</exception>
    public static Scenario Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Writes a scenario as indented JSON.</summary>
    public static string Write(Scenario scenario) => JsonSerializer.Serialize(scenario, ScenarioJsonContext.Default.Scenario);

    private static string Describe(JsonException e)
    {
        var path = e.Path ?? "$";
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = Quoted(message);
            return $"{Where(ObjectPath(path, name))}: unknown field '{name}'";
        }

        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            // A field's message names it; a map's (classMix) does not, but its path ends with the key.
            var name = message.Contains('\'', StringComparison.Ordinal) ? Quoted(message) : path[(path.LastIndexOf('.') + 1)..];
            return $"{Where(ObjectPath(path, name))}: field '{name}' is given twice";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return $"{Where(path)}: expected {Friendly(message)}";
        }

        return path == "$" ? $"line {e.LineNumber + 1}: {Shortened(message)}" : $"{Where(path)} (line {e.LineNumber + 1}): {Shortened(message)}";
    }

    /// <summary>
    /// A field path as the scenario's checks write it (<c>halls[0].services[1]</c>), without System.Text.Json's leading
    /// <c>$.</c>: one file's problems read alike whichever step found them; the whole file is "top level".
    /// </summary>
    private static string Where(string path) =>
        path == "$" ? "top level" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.StartsWith("$[", StringComparison.Ordinal) ? path[1..] : path;

    /// <summary>The first name in single quotes in System.Text.Json's message (the field's), or "?".</summary>
    private static string Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
        return end > start ? message[(start + 1)..end] : "?";
    }

    /// <summary>
    /// The path of the object that holds the unknown or repeated field: System.Text.Json's path ends with the field itself
    /// (<c>$.halls[0].services[0].arrivalsPerHr</c>), which the message names anyway.
    /// </summary>
    private static string ObjectPath(string path, string name)
    {
        foreach (var suffix in (ReadOnlySpan<string>)[$".{name}", $"['{name}']"])
        {
            if (path.Length > suffix.Length && path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return path[..^suffix.Length];
            }
        }

        return path;
    }

    /// <summary>
    /// The message with a long quoted token cut to its start: a file that is not JSON at all (a trace CSV given where the
    /// scenario goes) is one token, which the message quoted whole, thousands of lines of it.
    /// </summary>
    private static string Shortened(string message)
    {
        const int Keep = 40;
        var end = message.StartsWith('\'') ? message.IndexOf("' is ", 1, StringComparison.Ordinal) : -1;
        if (end <= Keep && (end < 0 || message.IndexOfAny(['\r', '\n'], 1, end - 1) < 0))
        {
            return message;
        }

        var token = message.AsSpan(1, Math.Min(end - 1, Keep));
        var line = token.IndexOfAny('\r', '\n');
        return $"'{(line >= 0 ? token[..line] : token)}...{message[end..]}";
    }

    /// <summary>The type the field wants, in a planner's words. Collections first: their names hold their element's
    /// (IReadOnlyList`1[System.Double]), which read as "a number" where an array was wanted.</summary>
    private static string Friendly(string message) =>
        message.Contains("IReadOnlyList`1[System.Double]", StringComparison.Ordinal) ? "an array of numbers"
        : message.Contains("IReadOnlyList`1[System.Int32]", StringComparison.Ordinal) ? "an array of whole numbers"
        : message.Contains("IReadOnlyList", StringComparison.Ordinal) ? "an array"
        : message.Contains("IReadOnlyDictionary", StringComparison.Ordinal) ? "an object of numbers"
        : message.Contains("System.Double", StringComparison.Ordinal) ? "a number"
        : message.Contains("System.Int32", StringComparison.Ordinal) ? "a whole number of at most 2147483647" // also what a number too large is told
        : message.Contains("System.String", StringComparison.Ordinal) ? "a string"
        : message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
        : "an object of the documented shape";
}
