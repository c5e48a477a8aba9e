using System.Text.Json.Serialization;

namespace QueueCore.Simulation;

/// <summary>Source-generated JSON metadata for scenario files: camelCase, comments and trailing commas allowed,
/// unknown fields and fields given twice refused (a misspelt field is an error, not a silent default; a field pasted
/// twice is an error, not the last one read). The scenario records have setters, not init accessors: the generator
/// passes every init-only property, present or not, so init would reset the defaults.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    WriteIndented = true)]
[JsonSerializable(typeof(Scenario))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
