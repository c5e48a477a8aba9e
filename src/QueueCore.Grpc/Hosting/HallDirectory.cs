using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The halls the server serves: the engine's halls with their profiles (region, language). Configured profiles come
/// from <see cref="ServerOptions.Profiles"/>; those of halls added at run time are kept beside the journal, when there
/// is one (<see cref="HallProfileStore"/>), and win over configured ones.
/// </summary>
public sealed class HallDirectory
{
    private static readonly HallProfile Default = new();

    private readonly QueueEngine _engine;
    private readonly ConcurrentDictionary<string, HallProfile> _profiles;
    private readonly Dictionary<string, HallProfile> _runTime; // the stored ones, under _gate so the file follows the changes in order
    private readonly Lock _gate = new();
    private readonly HallProfileStore? _store;
    private readonly RemovedHalls _removed;

    /// <summary>Builds the directory, reading the profiles of halls added at run time when the journal is on.</summary>
    public HallDirectory(QueueEngine engine, IOptions<ServerOptions> options, IOptions<QueueCoreOptions> queueCore, ILogger<HallDirectory> logger)
        : this(engine, options, queueCore, new RemovedHalls(), logger)
    {
    }

    /// <summary>As the public constructor, with the configured halls removed at run time (<see cref="RemovedHalls"/>).</summary>
    internal HallDirectory(
        QueueEngine engine, IOptions<ServerOptions> options, IOptions<QueueCoreOptions> queueCore, RemovedHalls removed, ILogger<HallDirectory> logger)
    {
        _engine = engine;
        _removed = removed;
        var journal = queueCore.Value.Engine.Journal;
        _store = journal.IsEnabled ? new HallProfileStore(journal.Directory!, logger) : null;
        // Screens get languages in canonical form: configured ones were validated at start (ProfileLanguageValidation),
        // stored ones may predate the check.
        _runTime = new(Canonical(_store?.Load() ?? []), StringComparer.Ordinal);
        _profiles = new(Canonical(options.Value.Profiles), StringComparer.Ordinal);
        foreach (var (hall, profile) in _runTime)
        {
            _profiles[hall] = profile;
        }
    }

    private static IEnumerable<KeyValuePair<string, HallProfile>> Canonical(IReadOnlyDictionary<string, HallProfile> profiles) =>
        profiles.Select(p => KeyValuePair.Create(p.Key, p.Value with { Language = HallLanguage.OfStored(p.Value.Language) }));

    /// <summary>The engine.</summary>
    public QueueEngine Engine => _engine;

    /// <summary>The hall, or NotFound for the client.</summary>
    public HallHandle Get(string hall) =>
        _engine.TryGetHall(hall, out var handle) ? handle : throw GrpcErrors.UnknownHall(hall);

    /// <summary>The hall's profile (defaults when none is configured).</summary>
    public HallProfile Profile(string hall) => _profiles.GetValueOrDefault(hall) ?? Default;

    /// <summary>Whether <paramref name="hall"/> was added at run time (by <c>Admin.AddHall</c>) and is kept beside the journal.</summary>
    internal bool AddedAtRunTime(string hall)
    {
        lock (_gate)
        {
            return _runTime.ContainsKey(hall);
        }
    }

    /// <summary>Whether <paramref name="hall"/> is configured but an admin removed it at run time (so it is not served).</summary>
    internal bool RemovedAtRunTime(string hall) => _removed.IsRemoved(hall);

    /// <summary>
    /// Sets the profile of a hall added at run time, and stores it (with a journal) so a restart keeps it; a configured
    /// hall removed before is no longer a removed one.
    /// </summary>
    public void SetProfile(string hall, HallProfile profile)
    {
        lock (_gate)
        {
            _profiles[hall] = profile;
            _runTime[hall] = profile;
            _store?.Save(_runTime);
        }

        _removed.Added(hall);
    }

    /// <summary>
    /// Forgets a removed hall's profile (and no longer stores it); a configured hall is remembered as removed (with a
    /// journal), so a restart does not add it again from the configuration.
    /// </summary>
    public void RemoveProfile(string hall)
    {
        _removed.Removed(hall);
        lock (_gate)
        {
            _profiles.TryRemove(hall, out _);
            if (_runTime.Remove(hall))
            {
                _store?.Save(_runTime);
            }
        }
    }
}
