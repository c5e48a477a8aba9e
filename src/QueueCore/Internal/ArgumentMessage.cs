namespace QueueCore;

/// <summary>
/// An <see cref="ArgumentException"/>'s message as a person reads it, for the server and the simulator, which pass the
/// engine's messages on (shared with them as source): without the " (Parameter 'definition')" .NET appends for its
/// <see cref="ArgumentException.ParamName"/>, which names the engine's parameter, not a field of the request or file.
/// </summary>
internal static class ArgumentMessage
{
    /// <summary><paramref name="e"/>'s message without the parameter .NET appends.</summary>
    public static string Of(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var suffix = e.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
