using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QueueCore;

/// <summary>Reads a configuration string as a <typeparamref name="T"/> with the invariant culture.</summary>
internal sealed class ConfigurationParsableConverter<T> : JsonConverter<T>
    where T : IParsable<T>
{
    private static readonly string Expected = ConfigurationValueConverterFactory.Describe(typeof(T));

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
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

    /// <summary>Refuses what parses but is surely a mistake: a bare number as a time span (days), a non-finite number.</summary>
    private static bool Accept(string text, T value) => value switch
    {
        TimeSpan => text.Contains(':', StringComparison.Ordinal),
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        _ => true,
    };
}
