using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// Puts the configured halls into an engine that may have recovered halls from its journal. A configured hall the
/// journal does not hold is added. One it holds keeps its recovered state (its day's queue); its definition is the
/// configured one when the configuration changed since the last start (a hall manager edited it and restarted: the
/// change is applied as a run-time redefinition, which keeps the waiting tickets and the numbering), and the recovered
/// one when only a run-time change (the Admin service's redefinition) made them differ: a restart neither ignores the
/// manager's edit nor undoes the admin's change. Either way the log says which definition the hall runs with and why.
/// A hall configured at an earlier start and no longer configured is served on as the journal recovered it, as a hall
/// added at run time is (logged at Warning at each start): its day's tickets are not dropped because a file changed.
/// </summary>
/// <remarks>
/// What the configuration said at the last start is kept in <see cref="FileName"/> in the journal's directory: a hash
/// of each configured hall's definition. With no record of a hall (the first start with one, or the file lost), a
/// configured definition that differs from the recovered one is applied.
/// </remarks>
internal static class ConfiguredHalls
{
    /// <summary>The record of the configured definitions at the last start, in the journal's directory.</summary>
    public const string FileName = "configured-halls.json";

    /// <summary>Adds <paramref name="halls"/> to <paramref name="engine"/> (not started); returns the redefinitions to apply once it is.</summary>
    /// <exception cref="ArgumentException">A hall definition is invalid or duplicated.</exception>
    public static Pending Add(QueueEngine engine, IEnumerable<HallDefinition> halls, ILogger logger)
    {
        var recovery = engine.Recovery;
        var pending = new Pending(engine, recovery is null ? null : Path.Combine(recovery.Directory, FileName), logger);
        var last = pending.Path is null ? [] : Load(pending.Path, logger);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hall in halls)
        {
            if (!seen.Add(hall.Id))
            {
                ThrowHelper.DuplicateHall(hall.Id, nameof(halls)); // as adding it twice would, recovered or not
            }

            if (recovery is null || !engine.TryGetHall(hall.Id, out var handle))
            {
                if (recovery is not null && recovery.LostHalls.Contains(hall.Id, StringComparer.Ordinal))
                {
                    Log.LostHallAddedAgain(logger, hall.Id, recovery.Directory);
                }
                else if (recovery is { Damage.Count: > 0 })
                {
                    Log.ConfiguredHallNotInDamagedJournal(logger, hall.Id, recovery.Directory);
                }

                engine.AddHall(hall);
                pending.Applied[hall.Id] = Hash(Canonical(hall));
                continue;
            }

            var configured = Canonical(hall);
            var hash = Hash(configured);
            if (configured == HallConfiguration.ToJson(handle.Definition))
            {
                pending.Applied[hall.Id] = hash;
            }
            else if (last.TryGetValue(hall.Id, out var before) && before == hash)
            {
                Log.RunTimeDefinitionKept(logger, hall.Id);
                pending.Applied[hall.Id] = hash;
            }
            else
            {
                _ = new Hall(hall); // validates now, as adding it would, so an invalid configured hall fails the start
                pending.Redefinitions.Add((handle, hall, hash));
            }
        }

        foreach (var (id, hash) in last)
        {
            if (!pending.Applied.ContainsKey(id) && engine.TryGetHall(id, out _))
            {
                if (!seen.Contains(id))
                {
                    // Taken out of the configuration (a halls file edited, or the demo hall once halls are configured), but
                    // the journal holds its day: served on, as a hall added at run time is, rather than its tickets dropped
                    // without a word. The operator learns here why it is still there and how to remove it.
                    Log.HallNoLongerConfigured(logger, id);
                }

                pending.Applied.TryAdd(id, hash); // a refused redefinition is retried at the next start
            }
        }

        return pending;
    }

    /// <summary>The configured definition as the journal writes it (through one round trip, so defaults read back the same).</summary>
    private static string Canonical(HallDefinition hall) =>
        HallConfiguration.ToJson(HallConfiguration.FromWrittenJson(Encoding.UTF8.GetBytes(HallConfiguration.ToJson(hall))));

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static Dictionary<string, string> Load(string path, ILogger logger)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            Log.ConfiguredHallsNotRead(logger, path, e.Message);
            return [];
        }
    }

    /// <summary>The configured definitions to apply once the engine runs, and the record to keep of what was applied.</summary>
    internal sealed class Pending(QueueEngine engine, string? path, ILogger logger)
    {
        public string? Path { get; } = path;

        public Dictionary<string, string> Applied { get; } = new(StringComparer.Ordinal);

        public List<(HallHandle Hall, HallDefinition Definition, string Hash)> Redefinitions { get; } = [];

        /// <summary>Applies the redefinitions (the engine started) and records what the configuration said.</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (a redefinition may still happen).</exception>
        public async Task ApplyAsync(CancellationToken cancellationToken)
        {
            foreach (var (hall, definition, hash) in Redefinitions)
            {
                try
                {
                    await hall.RedefineAsync(definition, cancellationToken).ConfigureAwait(false);
                    Log.ConfiguredDefinitionApplied(logger, hall.Id);
                    Applied[hall.Id] = hash;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    Log.ConfiguredDefinitionRefused(logger, hall.Id, e is ArgumentException argument ? ArgumentMessage.Of(argument) : e.Message); // the hall runs on as recovered
                }
            }

            if (Path is not null && engine.Recovery is not null)
            {
                Save(Path, Applied, logger);
            }
        }

        private static void Save(string path, Dictionary<string, string> applied, ILogger logger)
        {
            var temporary = path + ".tmp";
            try
            {
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    JsonSerializer.Serialize(stream, new SortedDictionary<string, string>(applied, StringComparer.Ordinal));
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
                DirectorySync.Sync(System.IO.Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.ConfiguredHallsNotWritten(logger, path, e.Message); // the next start applies a configured change again
            }
        }
    }
}
