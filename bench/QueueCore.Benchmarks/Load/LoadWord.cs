namespace QueueCore.Benchmarks.Load;

/// <summary>A word a load command takes after its numbers: any text (a directory), or one of <see cref="Choices"/>, or
/// (<see cref="CommaSeparated"/>) a comma-separated list of them.</summary>
internal sealed record LoadWord(string Name, string[]? Choices = null, bool CommaSeparated = false)
{
    public string Usage => Choices is null ? Name : CommaSeparated ? $"{Name}={string.Join(',', Choices)}" : string.Join('|', Choices);

    public string Expected => Choices is null ? "a " + Name : $"{(CommaSeparated ? "a comma-separated list of" : "one of")} {string.Join(", ", Choices)}";

    public bool Accepts(string value) => Choices is null
        || (CommaSeparated ? value.Split(',') : [value]).All(v => Choices.Contains(v, StringComparer.OrdinalIgnoreCase));
}
