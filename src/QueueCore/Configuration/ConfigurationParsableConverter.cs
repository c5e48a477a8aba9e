using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QueueCore;

/// <summary>Reads a configuration string as a <typeparamref name="T"/> with the invariant culture.</summary>
internal sealed class ConfigurationParsableConverter<T> : JsonConverter<T>
    where T : IParsable<T>
{
    private static readonly string Expected = ConfigurationValueConverterFactory.Describe(typeof(T));

    /// <summary>Times of day as the documentation gives them; "H" takes one or two digits, so "8:30" and "08:30".</summary>
    private static readonly string[] TimeOfDayFormats = ["H:mm", "H:mm:ss"];

    /// <summary>
    /// For the time a span starts (<see cref="IssuingHours.From"/>): "24:00", the day's end, is refused rather than read
    /// as 00:00, which made hours meant to start at the end of the day start at its beginning.
    /// </summary>
    public static readonly ConfigurationParsableConverter<T> SpanStart = new() { TakesEndOfDay = false };

    /// <summary>Whether "24:00" is taken, as midnight at the day's end (00:00).</summary>
    private bool TakesEndOfDay { get; init; } = true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (typeof(T) == typeof(TimeOnly) && text is "24:00" or "24:00:00")
        {
            return TakesEndOfDay
                ? (T)(object)TimeOnly.MinValue // midnight, as issuing hours that run to the end of the day write it
                : throw new JsonException("24:00 is the end of the day; issuing hours start at 00:00 to 23:59 (hours from midnight start at 00:00).");
        }

        if (text is not null && T.TryParse(text, CultureInfo.InvariantCulture, out var value) && Accept(text, value))
        {
            return value;
        }

        throw new JsonException($"expected {Expected}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Refuses what parses but is surely a mistake: a bare number as a time span (days), a time of day other than
    /// 24-hour <c>hh:mm[:ss]</c> (the general parse takes "8:30pm", "1:30 PM", "13:3" as 13:03), a non-finite number.
    /// </summary>
    private static bool Accept(string text, T value) => value switch
    {
        TimeSpan => text.Contains(':', StringComparison.Ordinal),
        TimeOnly => TimeOnly.TryParseExact(text, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        _ => true,
    };
}
