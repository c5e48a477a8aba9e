using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;

namespace QueueCore;

/// <summary>
/// Reads a configuration section into a type so that what the file says is what the object gets: the section is
/// turned into a JSON tree shaped by the type's System.Text.Json contract (<see cref="ConfigurationTree"/>) and
/// deserialized, so a list given replaces the type's default list, a list not mentioned keeps it, and an unknown key,
/// a missing required value or a value that does not convert is an error naming the configuration path.
/// </summary>
/// <remarks>
/// The contract is System.Text.Json's reflection contract, so members added to the configuration records are read
/// without any mapping here. The configuration binder of Microsoft.Extensions.Configuration is deliberately not
/// used: it appends to lists that have defaults and skips values it cannot convert.
/// </remarks>
internal static class ConfigurationReader
{
    /// <summary>The contract and converters: names match configuration keys, every scalar is read from a string.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Reads <paramref name="section"/> (a section, or a configuration root) as a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The section does not describe a valid <typeparamref name="T"/>; the message names the path.</exception>
    public static T Read<T>(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = (section as IConfigurationSection)?.Path ?? "";
        var source = (IConfiguration?)ConfigurationCopy.TryCreate(section) ?? section; // read in time linear in the keys
        var tree = ConfigurationTree.Build(source, path, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
        try
        {
            return tree.Deserialize<T>(Options) ?? throw new InvalidOperationException($"Configuration section '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw Translate(e, section, path);
        }
    }

    /// <summary>The members of <typeparamref name="T"/> that <paramref name="section"/> has a key for (configuration keys ignore case).</summary>
    public static IEnumerable<JsonPropertyInfo> MembersGiven<T>(IConfiguration section)
    {
        var keys = section.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Options.GetTypeInfo(typeof(T)).Properties.Where(p => keys.Contains(p.Name));
    }

    /// <summary>Turns a deserialization error (a value that does not convert) into one that names the configuration path and the value.</summary>
    private static InvalidOperationException Translate(JsonException e, IConfiguration section, string basePath)
    {
        var relative = ConfigurationTree.ToConfigurationPath(e.Path);
        var path = ConfigurationTree.Join(basePath, relative);
        var reason = e.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal); // System.Text.Json's own messages append the JSON path
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        var value = relative.Length == 0 ? null : section[relative];
        var message = value is null
            ? $"Configuration section '{path}' is invalid: {reason}"
            : $"Configuration value '{value}' at '{path}' is invalid: {reason}";
        return new InvalidOperationException(message, e);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SpanStartsBeforeTheDaysEnd } },
            PropertyNameCaseInsensitive = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            PreferredObjectCreationHandling = JsonObjectCreationHandling.Replace, // a list given replaces the default
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            Converters = { new ConfigurationValueConverterFactory() },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>An issuing span's start takes no "24:00" (the day's end), which every other time of day reads as 00:00.</summary>
    private static void SpanStartsBeforeTheDaysEnd(JsonTypeInfo info)
    {
        if (info.Type == typeof(IssuingHours))
        {
            info.Properties.Single(p => p.Name == nameof(IssuingHours.From)).CustomConverter = ConfigurationParsableConverter<TimeOnly>.SpanStart;
        }
    }
}
