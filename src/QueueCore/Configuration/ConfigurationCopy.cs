using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace QueueCore;

/// <summary>
/// An in-memory copy of a configuration section (same keys, values, paths and child order), taken in one pass over
/// its providers' data, for reading large sections such as hundreds of halls.
/// </summary>
/// <remarks>
/// Microsoft.Extensions.Configuration finds a section's children by scanning every key of every provider, so
/// reading a section section by section costs the number of sections times the number of keys: 100 halls of a dozen
/// windows (26,000 keys) took 8 s, and the time grows with the square of the halls. The copy is built from each
/// provider's key-value data (<c>ConfigurationProvider.Data</c>, which JSON files, environment variables, the command
/// line and in-memory sources all keep; a chained configuration is followed into its own providers), so reading it
/// costs the number of keys. When a provider does not expose its data, or the section's root cannot be reached,
/// <see cref="TryCreate"/> returns null and the section is read as it is.
/// </remarks>
internal sealed class ConfigurationCopy : IConfigurationSection
{
    private static readonly PropertyInfo? DataProperty =
        typeof(ConfigurationProvider).GetProperty("Data", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly FieldInfo? SectionRoot =
        typeof(ConfigurationSection).GetField("_root", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly IChangeToken NoChange = new CancellationChangeToken(CancellationToken.None);

    private readonly Dictionary<string, ConfigurationCopy> _children = new(StringComparer.OrdinalIgnoreCase);
    private List<ConfigurationCopy>? _ordered;

    private ConfigurationCopy(string key, string path)
    {
        Key = key;
        Path = path;
    }

    /// <inheritdoc/>
    public string Key { get; }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public string? Value { get; set; }

    /// <inheritdoc/>
    public string? this[string key]
    {
        get => Find(key)?.Value;
        set => throw new NotSupportedException("A configuration copy is read-only.");
    }

    /// <summary>A copy of <paramref name="configuration"/> (a root or a section), or null when it cannot be copied in one pass.</summary>
    public static ConfigurationCopy? TryCreate(IConfiguration configuration)
    {
        var (root, path) = configuration switch
        {
            IConfigurationRoot r => (r, ""),
            ConfigurationSection s when SectionRoot?.GetValue(s) is IConfigurationRoot r => (r, s.Path),
            _ => ((IConfigurationRoot?)null, ""),
        };
        if (root is null || DataProperty is null)
        {
            return null;
        }

        var sources = new List<(IDictionary<string, string?> Data, bool Chained)>();
        if (!TryCollect(root, chained: false, sources))
        {
            return null;
        }

        var top = new ConfigurationCopy(configuration is IConfigurationSection section ? section.Key : "", path);
        var prefix = path.Length == 0 ? "" : path + ConfigurationPath.KeyDelimiter;
        foreach (var (data, chained) in sources)
        {
            // Providers in order, later ones overriding earlier ones' values, as the configuration root does. Through
            // a chain an empty value is no value (ChainedConfigurationProvider.TryGet), so it overrides nothing.
            foreach (var (key, value) in data)
            {
                var hasValue = !chained || !string.IsNullOrEmpty(value);
                if (path.Length == 0)
                {
                    top.Add(key, value, hasValue);
                }
                else if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    top.Add(key[prefix.Length..], value, hasValue);
                }
                else if (hasValue && string.Equals(key, path, StringComparison.OrdinalIgnoreCase))
                {
                    top.Value = value;
                }
            }
        }

        return top;
    }

    /// <summary>
    /// Every provider's data, in the root's order; a chained configuration (what a host builder adds for its host
    /// settings, or <c>AddConfiguration</c>) contributes its own root's providers in its place. False when one does
    /// not expose its data.
    /// </summary>
    private static bool TryCollect(IConfigurationRoot root, bool chained, List<(IDictionary<string, string?>, bool)> into)
    {
        foreach (var provider in root.Providers)
        {
            if (provider is ChainedConfigurationProvider chain)
            {
                if (chain.Configuration is not IConfigurationRoot inner || !TryCollect(inner, chained: true, into))
                {
                    return false; // a chained section or an opaque provider: read the section as it is
                }

                continue;
            }

            if (provider is not ConfigurationProvider || DataProperty!.GetValue(provider) is not IDictionary<string, string?> data)
            {
                return false;
            }

            into.Add((data, chained));
        }

        return true;
    }

    /// <inheritdoc/>
    public IEnumerable<IConfigurationSection> GetChildren()
    {
        if (_ordered is null)
        {
            _ordered = [.. _children.Values];
            _ordered.Sort((a, b) => ConfigurationKeyComparer.Instance.Compare(a.Key, b.Key));
        }

        return _ordered;
    }

    /// <inheritdoc/>
    public IConfigurationSection GetSection(string key) => Find(key) ?? new ConfigurationCopy(key, ConfigurationTree.Join(Path, key));

    /// <inheritdoc/>
    public IChangeToken GetReloadToken() => NoChange;

    private void Add(string relativeKey, string? value, bool hasValue)
    {
        var node = this;
        foreach (var part in relativeKey.Split(ConfigurationPath.KeyDelimiter))
        {
            if (!node._children.TryGetValue(part, out var child))
            {
                child = new ConfigurationCopy(part, ConfigurationTree.Join(node.Path, part));
                node._children.Add(part, child);
            }

            node = child;
        }

        if (hasValue)
        {
            node.Value = value;
        }
    }

    private ConfigurationCopy? Find(string relativeKey)
    {
        var node = this;
        foreach (var part in relativeKey.Split(ConfigurationPath.KeyDelimiter))
        {
            if (!node._children.TryGetValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }
}
