using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;

namespace QueueCore;

/// <summary>
/// Builds the JSON tree of a configuration section, shaped by the target type's contract: a list's items are the
/// child keys 0 to n-1, an object's members its child keys (names as the contract spells them), and every value a
/// JSON string that <see cref="ConfigurationValueConverterFactory"/> converts. Structural mistakes (an unknown key,
/// a missing required member, a list numbered with gaps, a value where a section belongs) are reported here with
/// their configuration path.
/// </summary>
/// <remarks>
/// Configuration cannot tell an empty list from an empty section from null (each is a key without value or
/// children), nor null from "" (the JSON provider reads null as ""). The target type decides: an empty list, an
/// object with its defaults, or null for a member that may be null.
/// </remarks>
internal static class ConfigurationTree
{
    public static JsonNode Build(IConfiguration section, string path, JsonTypeInfo info) =>
        info.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary
            ? Members(section.GetChildren(), path, info)
            : throw new ArgumentException($"{info.Type.Name} cannot be read from a configuration section.", nameof(info));

    /// <summary>
    /// Turns a System.Text.Json path (<c>$.Halls[0].Services[3].DailyCap</c>) back into a configuration path
    /// relative to the section read (<c>Halls:0:Services:3:DailyCap</c>); the tree's names are configuration keys.
    /// </summary>
    public static string ToConfigurationPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }

        var result = new StringBuilder();
        var i = jsonPath[0] == '$' ? 1 : 0;
        while (i < jsonPath.Length)
        {
            string part;
            if (jsonPath[i] == '.')
            {
                var end = jsonPath.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? jsonPath.Length : end;
                part = jsonPath[(i + 1)..end];
                i = end;
            }
            else if (i + 1 < jsonPath.Length && jsonPath[i] == '[' && jsonPath[i + 1] == '\'')
            {
                var end = jsonPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? jsonPath.Length : end;
                part = jsonPath[(i + 2)..end];
                i = Math.Min(end + 2, jsonPath.Length);
            }
            else if (jsonPath[i] == '[')
            {
                var end = jsonPath.IndexOf(']', i + 1);
                end = end < 0 ? jsonPath.Length : end;
                part = jsonPath[(i + 1)..end];
                i = Math.Min(end + 1, jsonPath.Length);
            }
            else
            {
                break; // not a path this tree produces
            }

            result.Append(result.Length == 0 ? "" : ConfigurationPath.KeyDelimiter).Append(part);
        }

        return result.ToString();
    }

    private static JsonNode? Node(IConfigurationSection section, JsonTypeInfo info, bool nullable)
    {
        var children = section.GetChildren().ToList();
        if (info.Kind == JsonTypeInfoKind.None)
        {
            if (children.Count > 0)
            {
                throw Error($"Configuration key '{section.Path}' needs a single value ({Describe(info.Type)}), not a section with keys ({Keys(children)}).");
            }

            return section.Value switch
            {
                null or "" when nullable => null,
                null => throw Error($"Configuration key '{section.Path}' needs a value ({Describe(info.Type)})."),
                var value => JsonValue.Create(value),
            };
        }

        if (children.Count == 0 && !string.IsNullOrEmpty(section.Value))
        {
            throw Error($"Configuration key '{section.Path}' is a section ({Describe(info.Type)}), not a single value ('{section.Value}').");
        }

        if (children.Count == 0 && nullable && section.Value is "")
        {
            return null;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => Items(children, section.Path, info),
            _ => Members(children, section.Path, info),
        };
    }

    private static JsonArray Items(List<IConfigurationSection> children, string path, JsonTypeInfo info)
    {
        var element = info.Options.GetTypeInfo(info.ElementType!);
        var array = new JsonArray();
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index != i)
            {
                throw Error($"Configuration key '{child.Path}': '{path}' is a list, whose items are numbered 0 to {children.Count - 1} without gaps.");
            }

            array.Add(Node(child, element, nullable: Nullable.GetUnderlyingType(element.Type) is not null));
        }

        return array;
    }

    private static JsonObject Members(IEnumerable<IConfigurationSection> children, string path, JsonTypeInfo info)
    {
        var result = new JsonObject();
        if (info.Kind == JsonTypeInfoKind.Dictionary)
        {
            var element = info.Options.GetTypeInfo(info.ElementType!);
            foreach (var child in children)
            {
                result[child.Key] = Node(child, element, nullable: Nullable.GetUnderlyingType(element.Type) is not null);
            }

            return result;
        }

        foreach (var child in children)
        {
            var member = info.Properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (member?.Set is null)
            {
                throw Error($"Unknown configuration key '{child.Path}': {info.Type.Name} has no settable member '{child.Key}'" +
                    $" (it has {string.Join(", ", info.Properties.Where(p => p.Set is not null).Select(p => p.Name))}).");
            }

            var nullable = member.IsSetNullable || Nullable.GetUnderlyingType(member.PropertyType) is not null;
            result[member.Name] = Node(child, info.Options.GetTypeInfo(member.PropertyType), nullable);
        }

        foreach (var member in info.Properties.Where(p => p.IsRequired && !result.ContainsKey(p.Name)))
        {
            throw Error($"Configuration key '{Join(path, member.Name)}' is missing: {info.Type.Name} requires it.");
        }

        return result;
    }

    /// <summary>A child's path (<see cref="ConfigurationPath.Combine(string[])"/> would start a root's children with ':').</summary>
    public static string Join(string path, string key) =>
        path.Length == 0 ? key : key.Length == 0 ? path : path + ConfigurationPath.KeyDelimiter + key;

    private static string Keys(List<IConfigurationSection> children) => string.Join(", ", children.Take(5).Select(c => c.Key));

    private static string Describe(Type type) => ConfigurationValueConverterFactory.Describe(Nullable.GetUnderlyingType(type) ?? type);

    private static InvalidOperationException Error(string message) => new(message);
}
