using System.Reflection;
using QueueCore.Grpc.Security;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Reads the <c>QueueCoreServer</c> section with errors that name the key an operator edits, as the engine's own
/// configuration does: the binder said only "'ErrorOnUnknownConfiguration' was set and binding has failed", the key
/// and the value being inside it.
/// </summary>
internal static class ServerConfiguration
{
    /// <summary>Binds <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">An unknown key, or a value that does not convert; the message names it.</exception>
    public static void Bind(IConfigurationSection section, ServerOptions options)
    {
        ThrowIfUnknown(section, typeof(ServerOptions));
        try
        {
            section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(Innermost(e).Message, e);
        }
    }

    /// <summary>The devices under <paramref name="section"/> (<c>QueueCoreServer:Devices</c>); none when it is empty.</summary>
    /// <exception cref="InvalidOperationException">An unknown key, or a value that does not convert; the message names it.</exception>
    public static List<DeviceCredential> Devices(IConfigurationSection section)
    {
        ThrowIfUnknown(section, typeof(List<DeviceCredential>));
        try
        {
            return section.Get<List<DeviceCredential>>(binder => binder.ErrorOnUnknownConfiguration = true) ?? [];
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(Innermost(e).Message, e);
        }
    }

    /// <summary>Throws for the first key under <paramref name="section"/> that <paramref name="type"/> has no member for.</summary>
    private static void ThrowIfUnknown(IConfigurationSection section, Type type)
    {
        if (type == typeof(string) || !type.IsClass)
        {
            return; // a value: the binder converts it, or says which value at which key it could not
        }

        if (ElementType(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                ThrowIfUnknown(child, element);
            }

            return;
        }

        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!members.TryGetValue(child.Key, out var member))
            {
                throw new InvalidOperationException(
                    $"Unknown configuration key '{child.Path}': {type.Name} has no member '{child.Key}' (it has {string.Join(", ", members.Keys)}).");
            }

            ThrowIfUnknown(child, member.PropertyType);
        }
    }

    /// <summary>The entries' type of a list or a dictionary keyed by string, or null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        var interfaces = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        var generic = interfaces.Where(i => i.IsGenericType).ToList();
        if (generic.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) is { } dictionary)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return generic.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static Exception Innermost(InvalidOperationException e)
    {
        Exception named = e;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is InvalidOperationException)
            {
                named = inner; // the binder's own message names the key and the value; the ones outside it do not
            }
        }

        return named;
    }
}
