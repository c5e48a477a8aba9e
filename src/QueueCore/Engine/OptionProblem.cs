namespace QueueCore;

/// <summary>
/// An engine option out of range: its configuration key relative to <c>QueueCore:Engine</c> (e.g. <c>ShardCount</c>,
/// <c>Journal:FlushInterval</c>), its value, and a sentence saying what is allowed. One description serves both
/// callers: code gets an <see cref="ArgumentOutOfRangeException"/> naming the member, configuration a message naming
/// the key a user edits.
/// </summary>
internal readonly record struct OptionProblem(string Key, object? Value, string Message)
{
    /// <summary>The exception for a caller that built the options in code (the parameter is the member, dotted).</summary>
    public ArgumentOutOfRangeException ToException() => new(Key.Replace(':', '.'), Value, Message);
}
