using System.Text.Json;
using System.Text.Json.Serialization;

namespace QueueCore;

/// <summary>
/// Converters for the scalars configuration holds as strings: enums by name (<see cref="ConfigurationEnumConverter{T}"/>)
/// and every other parsable type (numbers, bools, <see cref="TimeSpan"/>, <see cref="TimeOnly"/>, ...) through its
/// invariant-culture <see cref="IParsable{TSelf}"/> (<see cref="ConfigurationParsableConverter{T}"/>). A value that
/// does not convert throws a <see cref="JsonException"/> saying what was expected.
/// </summary>
internal sealed class ConfigurationValueConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsEnum || (typeToConvert != typeof(string) && IsParsable(typeToConvert));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            (typeToConvert.IsEnum ? typeof(ConfigurationEnumConverter<>) : typeof(ConfigurationParsableConverter<>)).MakeGenericType(typeToConvert))!;

    /// <summary>What a value of <paramref name="type"/> looks like, for error messages.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => $"a whole number ({type.Name})",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number such as 1.5",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a time span such as 00:20:00 ([d.]hh:mm[:ss])",
        _ when type == typeof(TimeOnly) => "a time of day such as 08:30 (24-hour hh:mm[:ss]; 24:00 is midnight at the day's end)",
        _ when type == typeof(string) => "a string",
        { IsEnum: true } when type.IsDefined(typeof(FlagsAttribute), false) =>
            $"one or more of {string.Join(", ", Enum.GetNames(type))}, separated by commas",
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
        // A type's own name said "a IReadOnlyList`1" to a hall manager: say what to write instead.
        _ when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "a list: entries 0, 1, ... (a JSON array)",
        _ => $"a section of settings ({type.Name}: a JSON object)",
    };

    private static bool IsParsable(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GenericTypeArguments[0] == type);
}
