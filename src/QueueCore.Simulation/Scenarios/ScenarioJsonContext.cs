using System.Text.Json.Serialization;

namespace QueueCore.Simulation;

/// <summary>Source-generated JSON metadata for scenario files: camelCase, comments and trailing commas allowed,
/// unknown fields refused (a misspelt field is an error, not a silent default). The scenario records have setters, not
/// init accessors: the generator passes every init-only property, present or not, so init would reset the defaults.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(Scenario))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
