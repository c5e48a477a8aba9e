namespace QueueCore;

/// <summary>
/// A deterministic 64-bit fingerprint of a command's content (FNV-1a over its fields), stable across processes and
/// runs, so a remembered request id saved in a hall's state still recognises its command after a restart.
/// </summary>
internal static class CommandFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>
    /// The fingerprint of <paramref name="c"/>. With <paramref name="referencesIgnoreCase"/> (the hall matches appointment
    /// references so, see <see cref="AppointmentReferenceComparer"/>) the reference counts as the hall matches it, so a
    /// kiosk's retry with " ab12" for "AB12" is the same command; a reference already trimmed and in capitals
    /// fingerprints as it did when references counted exactly.
    /// </summary>
    public static ulong Of(in HallCommand c, bool referencesIgnoreCase)
    {
        var h = Offset;
        h = Mix(h, (ulong)c.Kind);
        h = Mix(h, (ulong)(uint)c.Window);
        h = Mix(h, (ulong)c.Ticket);
        h = Mix(h, (ulong)(uint)c.Value);
        h = Mix(h, c.Age);
        h = Mix(h, (ulong)c.Flags);
        h = Mix(h, (ulong)c.InstantTicks);
        h = Mix(h, c.Auto is null ? 2UL : c.Auto.Value ? 1UL : 0UL);
        h = Mix(h, (ulong)c.ClosePolicy);
        var items = c.Services;
        foreach (var s in items.AsSpan())
        {
            h = Mix(h, (ulong)(uint)s);
        }

        h = Mix(h, Text(c.PriorityClass));
        h = Mix(h, referencesIgnoreCase ? Reference(c.Appointment) : Text(c.Appointment));
        return Mix(h, Text(c.Reason));
    }

    private static ulong Mix(ulong h, ulong value)
    {
        for (var i = 0; i < 8; i++, value >>= 8)
        {
            h = (h ^ (value & 0xFF)) * Prime;
        }

        return h;
    }

    private static ulong Text(string? s)
    {
        if (s is null)
        {
            return 0;
        }

        var h = Offset;
        foreach (var ch in s)
        {
            h = (h ^ ch) * Prime;
        }

        return h;
    }

    /// <summary>
    /// <see cref="Text"/> of a reference as the hall matches it: without the white space around it, each letter in
    /// capitals, but only where the comparer takes the capital for the letter, so two references it tells apart never
    /// fingerprint alike.
    /// </summary>
    private static ulong Reference(string? s)
    {
        if (s is null)
        {
            return 0;
        }

        var h = Offset;
        foreach (var ch in s.AsSpan().Trim())
        {
            h = (h ^ Fold(ch)) * Prime;
        }

        return h;
    }

    /// <summary>The capital of <paramref name="ch"/> where ordinal matching ignoring case takes it for the letter, else
    /// <paramref name="ch"/> (allocates nothing: a kiosk's check-in with a request id comes here).</summary>
    private static char Fold(char ch)
    {
        var upper = char.ToUpperInvariant(ch);
        return upper == ch || char.IsAscii(ch)
            || new ReadOnlySpan<char>(in ch).Equals(new ReadOnlySpan<char>(in upper), StringComparison.OrdinalIgnoreCase)
            ? upper
            : ch;
    }
}
