using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Hosting;

/// <summary>The halls the server serves: the engine's halls with their profiles (region, language).</summary>
public sealed class HallDirectory(QueueEngine engine, IOptions<ServerOptions> options)
{
    private readonly ConcurrentDictionary<string, HallProfile> _profiles = new(options.Value.Profiles, StringComparer.Ordinal);

    /// <summary>The engine.</summary>
    public QueueEngine Engine => engine;

    /// <summary>The hall, or NotFound for the client.</summary>
    public HallHandle Get(string hall) =>
        engine.TryGetHall(hall, out var handle) ? handle : throw GrpcErrors.UnknownHall(hall);

    /// <summary>The hall's profile (defaults when none is configured).</summary>
    public HallProfile Profile(string hall) => _profiles.GetValueOrDefault(hall) ?? Default;

    /// <summary>Sets a hall's profile (halls added at run time).</summary>
    public void SetProfile(string hall, HallProfile profile) => _profiles[hall] = profile;

    /// <summary>Forgets a removed hall's profile.</summary>
    public void RemoveProfile(string hall) => _profiles.TryRemove(hall, out _);

    private static readonly HallProfile Default = new();
}
