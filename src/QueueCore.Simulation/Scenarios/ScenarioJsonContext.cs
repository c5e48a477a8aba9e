using System.Text.Json.Serialization;

namespace QueueCore.Simulation;

/// <summary>Source-generated JSON metadata for scenario files: camelCase, comments and trailing commas allowed,
/// unknown fields refused (a misspelt field is an error, not a silent default).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(Scenario))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
