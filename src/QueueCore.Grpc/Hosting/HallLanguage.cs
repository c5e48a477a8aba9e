using System.Globalization;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// A hall's language: the BCP-47 tag its screens get (browsers use it as the locale of their speech, clock and page)
/// and that picks the call texts (<see cref="CallText"/>: English or Chinese). It is kept in its canonical form, so
/// "EN-us" and "en-US" are one language, and a screen is never handed a tag its browser cannot use.
/// </summary>
public static class HallLanguage
{
    /// <summary>The languages the call texts are written in, by their canonical tags.</summary>
    private static readonly string[] Written = [CallText.English, CallText.Chinese];

    /// <summary>
    /// The canonical tag of <paramref name="value"/> (trimmed; empty gives <see cref="CallText.English"/>), e.g. "en-US"
    /// for "EN-us"; or null when it is not a known language tag, or one without call texts, with
    /// <paramref name="problem"/> saying which (for a message that begins with the value).
    /// </summary>
    public static string? Normalize(string? value, out string? problem)
    {
        problem = null;
        var tag = value?.Trim() ?? "";
        if (tag.Length == 0)
        {
            return CallText.English;
        }

        string name;
        try
        {
            // Predefined cultures only: otherwise ICU makes up a culture for any well-formed name ("xx-YY").
            name = CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Name;
        }
        catch (CultureNotFoundException)
        {
            // Without culture data (globalization-invariant mode) no tag is predefined: the call texts' own still count.
            name = Array.Find(Written, w => w.Equals(tag, StringComparison.OrdinalIgnoreCase)) ?? "";
        }

        if (name.Length == 0 || name.Contains('_', StringComparison.Ordinal)) // ICU takes "en_US" as "en_us": no BCP-47 tag
        {
            problem = "is not a known language tag";
            return null;
        }

        if (name.Split('-')[0] is not ("en" or "zh"))
        {
            problem = "is a language the server has no call texts in (it announces in English and Chinese)";
            return null;
        }

        return name;
    }

    /// <summary>
    /// The canonical tag of a language stored before tags were checked: one that is none (the old check took any text
    /// beginning with "en" or "zh", e.g. "english") keeps the call texts it had.
    /// </summary>
    public static string OfStored(string? value) => Normalize(value, out _)
        ?? (value?.TrimStart().StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? CallText.Chinese : CallText.English);
}
