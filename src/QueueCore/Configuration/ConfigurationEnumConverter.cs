using System.Text.Json;
using System.Text.Json.Serialization;

namespace QueueCore;

/// <summary>
/// Reads an enum from configuration by name (case ignored); a [Flags] enum also from names separated by commas.
/// Numbers are refused: a configuration file names what it means.
/// </summary>
internal sealed class ConfigurationEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly string Expected = ConfigurationValueConverterFactory.Describe(typeof(T));
    private static readonly bool IsFlags = typeof(T).IsDefined(typeof(FlagsAttribute), false);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var names = text?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        if (names.Length > 0 && (IsFlags || names.Length == 1)
            && names.All(n => Enum.GetNames<T>().Contains(n, StringComparer.OrdinalIgnoreCase))
            && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        throw new JsonException($"expected {Expected}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
