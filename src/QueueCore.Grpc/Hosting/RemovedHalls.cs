using System.Text.Json;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The configured halls (<c>QueueCore:Halls</c>, a halls file, or the demo hall) an admin removed at run time
/// (<c>Admin.RemoveHall</c>), kept in the journal's directory (<see cref="FileName"/>) so a restart does not add them
/// again from the configuration: the journal forgets a removed hall, and the configuration still names it. A hall
/// added at run time needs no entry (the journal alone brings it back). <c>Admin.AddHall</c> of the id brings the hall
/// back and drops its entry; so does taking its entry out of the configuration for a start (an entry for a hall the
/// configuration no longer names is dropped at start, so a hall configured again later is added).
/// </summary>
internal sealed class RemovedHalls
{
    /// <summary>The file's name in the journal's directory.</summary>
    public const string FileName = "removed-halls.json";

    private readonly Lock _gate = new();
    private readonly SortedSet<string> _removed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _configured = new(StringComparer.Ordinal);
    private string? _path;
    private ILogger? _logger;

    /// <summary>
    /// At start, before the engine adds the configured halls: leaves out of <paramref name="options"/> the halls an admin
    /// removed (logged), forgets the entries of halls no longer configured, and remembers which halls are configured.
    /// Without a journal nothing is kept across a restart, removals included (as for halls added at run time).
    /// </summary>
    public void Filter(QueueCoreOptions options, ILogger logger)
    {
        lock (_gate)
        {
            _logger = logger;
            _configured.Clear();
            _configured.UnionWith(options.Halls.Select(h => h.Id));
            var journal = options.Engine.Journal;
            if (!journal.IsEnabled || journal.Directory is not { Length: > 0 } directory)
            {
                return;
            }

            _path = Path.Combine(directory, FileName);
            var stored = Load(_path, logger);
            _removed.Clear();
            _removed.UnionWith(stored.Where(_configured.Contains));
            foreach (var hall in _removed)
            {
                Log.RemovedHallNotAdded(logger, hall, _path);
            }

            options.Halls.RemoveAll(h => _removed.Contains(h.Id));
            if (_removed.Count != stored.Count)
            {
                Save(); // entries of halls no longer configured are dropped: configured again later, such a hall is added
            }
        }
    }

    /// <summary>Whether <paramref name="hall"/> is configured but was removed at run time (and is not served).</summary>
    public bool IsRemoved(string hall)
    {
        lock (_gate)
        {
            return _removed.Contains(hall);
        }
    }

    /// <summary>An admin removed <paramref name="hall"/>: when it is a configured hall, remembers that (with a journal).</summary>
    public void Removed(string hall)
    {
        lock (_gate)
        {
            if (_configured.Contains(hall) && _removed.Add(hall))
            {
                Save();
            }
        }
    }

    /// <summary>An admin added <paramref name="hall"/>: it is no longer a removed one.</summary>
    public void Added(string hall)
    {
        lock (_gate)
        {
            if (_removed.Remove(hall))
            {
                Save();
            }
        }
    }

    private static List<string> Load(string path, ILogger logger)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<List<string>>(stream) ?? [];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Served rather than lost: a hall the file named comes back, and the log says why.
            Log.RemovedHallsNotRead(logger, path, e.Message);
            return [];
        }
    }

    /// <summary>Writes the entries (under the gate) through <see cref="DurableFile"/>.</summary>
    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            var removed = _removed.ToList();
            DurableFile.Replace(_path, stream => JsonSerializer.Serialize(stream, removed));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.RemovedHallsNotWritten(_logger!, _path, e.Message);
        }
    }
}
