using System.Globalization;
using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// How QueueCore counts the length of a free text (a reason, a display name): in characters as a person counts them
/// (text elements: an emoji, a flag, a letter with its accents, a character outside the BMP is one), not in UTF-16 code
/// units, of which an emoji takes two or more. Identifiers and codes (ids, prefixes, appointment references) are counted
/// in code units. A text within its limit in characters may still take at most <see cref="MaxUnitsPerCharacter"/> code
/// units per character of the limit, so a few characters built of endless combining marks stay bounded in a journal and
/// on a screen.
/// </summary>
public static class TextLength
{
    /// <summary>The most UTF-16 code units a text may take per character of its limit (8: a flag or an emoji with a skin
    /// tone takes 4, a family emoji 8 to 11).</summary>
    public const int MaxUnitsPerCharacter = 8;

    /// <summary>The length of <paramref name="text"/> in characters (text elements).</summary>
    public static int Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Count(text, int.MaxValue);
    }

    /// <summary>
    /// Whether <paramref name="text"/> (null fits) is at most <paramref name="max"/> characters (text elements) and at most
    /// <see cref="MaxUnitsPerCharacter"/> times <paramref name="max"/> code units. A length compare for a text of at most
    /// <paramref name="max"/> code units (a character takes one at least); only a longer one is counted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(string? text, int max) => text is null || text.Length <= max || FitsCounted(text, max);

    /// <summary>
    /// Why <paramref name="text"/>, named <paramref name="field"/>, does not fit <paramref name="max"/>, for a message:
    /// "Reason is 201 characters long; at most 200 are accepted.", or, for a text too long in code units, how many it takes.
    /// </summary>
    internal static string TooLong(string field, string text, int max) => $"{field} is {Overlong(text, max)}.";

    /// <summary>"201 characters long; at most 200 are accepted", or for a text too long in code units, how many it takes.</summary>
    internal static string Overlong(string text, int max)
    {
        var characters = Count(text, int.MaxValue);
        return characters > max
            ? $"{characters} characters long; at most {max} are accepted"
            : $"{characters} characters long but takes {text.Length} UTF-16 code units; at most {(long)max * MaxUnitsPerCharacter} are accepted";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool FitsCounted(string text, int max) =>
        text.Length <= (long)max * MaxUnitsPerCharacter && Count(text, max + 1) <= max;

    /// <summary>Text elements in <paramref name="text"/>, counted up to <paramref name="stopAt"/>.</summary>
    private static int Count(string text, int stopAt)
    {
        var rest = text.AsSpan();
        var n = 0;
        while (!rest.IsEmpty && n < stopAt)
        {
            rest = rest[StringInfo.GetNextTextElementLength(rest)..];
            n++;
        }

        return n;
    }
}
