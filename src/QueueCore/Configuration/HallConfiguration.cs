using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace QueueCore;

/// <summary>
/// Reads and writes a <see cref="HallDefinition"/> in the schema of a hall in appsettings.json
/// (<c>QueueCore:Halls</c> entries), for tools and servers that take halls at run time. Reading is strict, as at
/// start: an unknown key, a missing required value or a value that does not convert is an error naming the key.
/// </summary>
public static class HallConfiguration
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads a hall from a configuration section (or root).</summary>
    /// <exception cref="InvalidOperationException">The section does not describe a hall; the message names the key.</exception>
    public static HallDefinition Read(IConfiguration section) => ConfigurationReader.Read<HallDefinition>(section);

    /// <summary>Reads a hall from JSON in the configuration schema (what <see cref="ToJson"/> writes); strict as <see cref="Read"/>.</summary>
    /// <exception cref="InvalidOperationException">The JSON does not describe a hall; the message names the key.</exception>
    /// <exception cref="FormatException">The text is not JSON.</exception>
    public static HallDefinition FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        IConfiguration root;
        try
        {
            root = new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (JsonException e) // a JSON stream source, unlike a JSON file, passes the reader's exception on unwrapped
        {
            throw new FormatException($"The text is not JSON: {e.Message}", e);
        }

        return Read(root);
    }

    /// <summary>Writes a hall as JSON in the configuration schema (read back through a JSON configuration source and <see cref="Read"/>).</summary>
    public static string ToJson(HallDefinition definition) => JsonSerializer.Serialize(definition, WriteOptions);

    /// <summary>
    /// Reads back exactly what <see cref="ToJson"/> wrote, without the configuration schema's leniency: for the
    /// journal, whose hall records hold that JSON. Binding through configuration costs about 200 ms for a hall of 256
    /// services (every section's children are found by scanning every key); this costs well under a millisecond.
    /// </summary>
    /// <exception cref="JsonException">The JSON is not what <see cref="ToJson"/> writes.</exception>
    internal static HallDefinition FromWrittenJson(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<HallDefinition>(utf8, WriteOptions) ?? throw new JsonException("The hall definition is null.");
}
