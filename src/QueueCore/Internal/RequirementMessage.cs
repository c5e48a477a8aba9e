using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// The message of a requirement, formatted only when the requirement fails. Validation runs once per window and skill
/// when a hall is built (a simulated city builds a thousand halls per replication), and formatting every message
/// eagerly was most of a hall's construction time and memory.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RequirementMessage
{
    private DefaultInterpolatedStringHandler _inner;

    public RequirementMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        shouldAppend = !condition;
        _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    /// <summary>The formatted message (only when the requirement failed).</summary>
    public string ToStringAndClear() => _inner.ToStringAndClear();
}
