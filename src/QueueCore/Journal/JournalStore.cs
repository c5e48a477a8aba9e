using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace QueueCore;

/// <summary>
/// The data directory's layout: one generation of logs at a time, <c>gen-NNNNNNNNNN/shard-N/*.qlog</c>. Every
/// engine start recovers the newest ready generation and writes a new one, which begins with a record of every
/// recovered hall; once those are safe the generation is marked ready (a <c>ready</c> file holding its shard count and,
/// per shard, the length of those records and the halls they hold: see <see cref="ReadyMarker"/>; an engine before that
/// wrote the shard count alone, and an older one left it empty) and the older ones go to the archive (<see cref="JournalArchive"/>), which recovery
/// never reads. So halls may land on other shards after a restart
/// (another shard count, another order) and each shard's log still stands alone. Beside them, the journal's identity
/// (<c>journal-id</c>, see <see cref="JournalIdentity"/>), which outlives every generation.
/// </summary>
internal static partial class JournalStore
{
    internal const string Prefix = "gen-";
    private const string ReadyFile = "ready";
    private const string KeptSuffix = ".damaged";

    /// <summary>
    /// The file an engine holds locked (exclusively) for as long as it uses the directory. A second engine on the same
    /// directory would recover the first one's generation, write the next, and delete the first one's logs under it:
    /// every command the first one acknowledged from then on would be gone after a restart.
    /// </summary>
    public const string LockFile = "lock";

    // How a lock held elsewhere shows in the IOException's HResult: ERROR_SHARING_VIOLATION on Windows; on Unix .NET
    // takes FileShare.None as a flock and reports the errno of EWOULDBLOCK (11 on Linux, 35 on macOS).
    private const int SharingViolation = unchecked((int)0x80070020);

    /// <summary>The generation directories in <paramref name="directory"/>, oldest first, with whether each is ready.</summary>
    public static List<(long Number, string Path, bool Ready)> Generations(string directory)
    {
        var found = new List<(long, string, bool)>();
        if (!Directory.Exists(directory))
        {
            return found;
        }

        foreach (var path in Directory.EnumerateDirectories(directory, Prefix + "*"))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                found.Add((number, path, IsReady(path)));
            }
        }

        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>
    /// Every generation the journal in <paramref name="directory"/> still holds, oldest first, for reading it (the day
    /// export), not for recovery: each as the directories holding its shard logs, whose segments read in order make
    /// them whole: its part in the archive (see <see cref="JournalArchive"/>), then its directory, ready or not, or the
    /// one it was set aside as when damaged (<c>gen-N.damaged</c>, then <c>gen-N.damaged-2</c>, ..., each older than the
    /// next one set aside under its number and than the generation of that number without a suffix).
    /// </summary>
    public static List<string[]> GenerationsOnDisk(string directory)
    {
        var found = new List<(long Number, int Order, string Path)>();
        if (!Directory.Exists(directory))
        {
            return [];
        }

        foreach (var path in Directory.EnumerateDirectories(directory, Prefix + "*"))
        {
            var name = Path.GetFileName(path.AsSpan())[Prefix.Length..];
            var order = int.MaxValue; // not set aside: the newest of its number
            if (name.IndexOf(KeptSuffix, StringComparison.Ordinal) is var kept and >= 0)
            {
                var rest = name[(kept + KeptSuffix.Length)..];
                order = rest.IsEmpty ? 1 : rest[0] == '-' && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
                name = name[..kept];
            }

            if (order >= 0 && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                found.Add((number, order, path));
            }
        }

        // An archived part goes before the first directory of its number: the generation its segments were moved from
        // while it ran, which a later start may have set aside as damaged. With none left, it is the whole generation.
        found.AddRange(JournalArchive.ArchivedGenerations(directory).Select(a => (a.Number, 0, a.Path)));
        return [.. found
            .GroupBy(g => g.Number)
            .OrderBy(g => g.Key)
            .SelectMany(g =>
            {
                var ordered = g.OrderBy(x => x.Order).ToList();
                return ordered[0].Order == 0 && ordered.Count > 1
                    ? [[ordered[0].Path, ordered[1].Path], .. ordered.Skip(2).Select(x => new[] { x.Path })]
                    : ordered.Select(x => new[] { x.Path });
            })];
    }

    /// <summary>
    /// Locks <paramref name="directory"/> for this engine until the returned stream is disposed (the operating system
    /// releases it if the process dies, so a crash never leaves it locked).
    /// </summary>
    /// <exception cref="IOException">Another engine, in this process or another, holds it, or the lock file cannot be made (the message says which).</exception>
    public static FileStream Lock(string directory)
    {
        var path = Path.Combine(directory, LockFile);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new IOException(
                $"The journal's data directory '{directory}' is in use by another engine (it holds '{path}' locked). Two engines " +
                "on one journal delete each other's logs; stop the other one, or give this one a directory of its own.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The journal's data directory '{directory}' cannot be used: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Whether an engine holds <paramref name="directory"/> locked now. Only looks (the lock is taken and let go at once,
    /// so an engine starting meanwhile is not kept out for longer than that); a directory without a lock file, or one
    /// that cannot be opened for locking (a read-only copy), is taken as free.
    /// </summary>
    public static bool IsLocked(string directory)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(directory, LockFile), FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsHeldElsewhere(IOException ex) => OperatingSystem.IsWindows() ? ex.HResult == SharingViolation : ex.HResult is 11 or 35;

    /// <summary>Whether <paramref name="generation"/> was marked ready.</summary>
    public static bool IsReady(string generation) => File.Exists(Path.Combine(generation, ReadyFile));

    /// <summary>The directory of generation <paramref name="number"/>.</summary>
    public static string GenerationPath(string directory, long number) =>
        Path.Combine(directory, Prefix + number.ToString("D10", CultureInfo.InvariantCulture));

    /// <summary>The log directory of shard <paramref name="shard"/> in a generation.</summary>
    public static string ShardPath(string generation, int shard) => Path.Combine(generation, "shard-" + shard.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Rebuilds the halls of the newest ready generation: per shard log, each hall from its last hall record plus
    /// the commands after it, up to the end or the first damage. A generation whose logs were in use but whose
    /// <c>ready</c> marker is missing is recovered from instead (see <see cref="ChooseSource"/>), and a ready one whose
    /// marker names a shard without segments, or whose shard log no longer holds the records its start wrote (see
    /// <see cref="StartCut"/>; the halls they held are reported lost), is reported: all as damage, and the generation is
    /// kept (returned in <c>Keep</c>, for <see cref="Complete"/> to set aside rather than delete).
    /// </summary>
    /// <remarks>
    /// Also the days halls removed at run time left to a hall added again with their id (<c>LeftDays</c>, see
    /// <see cref="JournalRecordKind.LeftDay"/>): each id's last over every shard's log (a hall removed on one shard may be
    /// added again and removed on another), less those of an id recovered as a hall (that hall carries it).
    /// </remarks>
    public static (List<Hall> Halls, JournalRecovery Report, IReadOnlyList<string> Keep, IReadOnlyList<(string Id, SavedLeftDay Day)> LeftDays) Recover(
        string directory, TimeProvider time, ILogger logger)
    {
        var started = time.GetTimestamp();
        var generations = Generations(directory);
        var (source, unmarked) = ChooseSource(generations);
        var halls = new Dictionary<string, Hall>(StringComparer.Ordinal);
        var tails = new Dictionary<string, long>(StringComparer.Ordinal); // commands replayed on top of each hall's last whole state
        var missing = new List<string>();
        var damage = new List<string>();
        var torn = new List<string>();
        var lost = new List<(string Hall, bool Named, string Where)>();
        var cut = new List<(string Hall, int Skipped, string Where)>();
        var moved = new List<(string Hall, List<string> Next)>();
        var keep = new List<string>(unmarked);
        var leftDays = new Dictionary<string, SavedLeftDay>(StringComparer.Ordinal);
        var marker = unmarked.Count > 0 || source.Path is null ? null : ReadMarker(source.Path);
        long records = 0, bytes = 0;
        if (unmarked.Count > 0)
        {
            missing.Add(
                $"{Path.GetRelativePath(directory, source.Path!)}: its '{ReadyFile}' marker is missing, but its logs hold what the " +
                "engine journaled (no ready generation supersedes it): recovered from them as they are");
        }
        else if (source.Path is not null)
        {
            foreach (var shard in MissingShards(source.Path, marker))
            {
                missing.Add(
                    $"{Path.GetRelativePath(directory, shard)}: no segment file (every shard of a ready generation has one; it was " +
                    "deleted or lost): the halls it held are not recovered");
                keep.Add(source.Path);
            }
        }

        if (source.Path is not null)
        {
            var path = source.Path;
            var starts = marker?.Starts?.Select((start, i) => (Shard: ShardPath(path, i), Start: start)).ToDictionary(s => s.Shard, s => s.Start, StringComparer.Ordinal);
            foreach (var shard in Directory.EnumerateDirectories(source.Path, "shard-*").Order(StringComparer.Ordinal))
            {
                var start = starts?.GetValueOrDefault(shard);
                var startCut = start is null ? null : StartCut(shard, start);
                var replay = new ShardReplay(shard)
                {
                    RoundHalls = () => ArchivedHalls(directory, path, shard),
                    KnownCut = startCut?.At,
                    SegmentBytes = marker?.SegmentBytes is > 0 and var written ? written : ShardReplay.LargestSegmentBytes,
                };
                replay.Run();
                records += replay.Records;
                bytes += replay.Bytes;
                foreach (var (segment, offset, length) in replay.ZeroTails)
                {
                    Log.JournalZeroTail(logger, segment, offset, length);
                }

                string Where(JournalDamage d) => $"{Path.GetRelativePath(directory, d.Segment)} at byte {d.Offset}: {d.Status}";
                if (replay.TornTail is { } tail && !(startCut is { } c && c.At.Segment == tail.Segment && tail.Offset < start!.Length))
                {
                    torn.Add(Where(tail)); // not when it is inside the start's records: those were safe, so that is damage
                }

                damage.AddRange(replay.Damage.Select(Where));
                if (startCut is { } cutStart)
                {
                    if (!replay.Damage.Any(d => d.Segment == cutStart.At.Segment && d.Offset == cutStart.At.Offset))
                    {
                        damage.Add(Where(cutStart.At));
                    }

                    lost.AddRange(cutStart.Missing.Where(id => !replay.LostHalls.Any(l => l.Id == id)).Select(id => (id, true, Where(cutStart.At))));
                }

                // The log's part in the archive names what the live part cannot: every hall of a round of snapshots that
                // is gone (without the archive, as the generation's start wrote them), and a hall lost by key alone.
                var archived = replay.RoundLost is not null || replay.RoundUnaccounted is { Count: > 0 } || replay.LostHalls.Exists(l => l.Id is null || l.IdFromDamage)
                    ? ArchivedHalls(directory, path, shard) : null;

                // A key of the start's records is its hall's place in the marker (the start placed them in that order).
                string? NameOf(int key) => archived?.GetValueOrDefault(key) ?? (start is { } s && key >= 0 && key < s.Halls.Count ? s.Halls[key] : null);
                if (replay.RoundUnaccounted is { Count: > 0 } missingKeys)
                {
                    // The round the log begins with lacks these halls (it says how many it held, or the archive does).
                    var at = replay.RoundLost ?? replay.Damage.FirstOrDefault();
                    if (at is null)
                    {
                        at = new JournalDamage(replay.FirstSegment!, 0, "the snapshots this segment begins with lack halls the log held before it", Torn: false);
                        damage.Add(Where(at));
                    }

                    lost.AddRange(missingKeys.Where(k => !replay.LostHalls.Exists(l => l.Key == k)).Select(k => NameOf(k) is { } id
                        ? (id, true, Where(at))
                        : ($"(unnamed: key {k} in {Path.GetRelativePath(directory, shard)}, added at run time; the archive no longer names it)", false, Where(at))));
                }
                else if (replay.RoundLost is { } round)
                {
                    // A round snapshots its halls in key order: a hall below the last one it reached, and with no whole state
                    // in the log, was removed before it (the archive, when it names them, leaves removed halls out itself).
                    var held = archived?.Select(a => (a.Key, Id: a.Value)) ?? start?.Halls.Select((id, key) => (key, id)) ?? [];
                    lost.AddRange(held
                        .Where(h => !(replay.RoundReached is { } reached && h.Key < reached) && !replay.LostHalls.Exists(l => l.Id == h.Id || l.Key == h.Key))
                        .Select(h => (h.Id, true, Where(round))));
                }

                // An id read from damaged bytes only when nothing whole names the key (a flip there can read another hall's id).
                lost.AddRange(replay.LostHalls.Select(l => (l.IdFromDamage ? NameOf(l.Key) ?? l.Id : l.Id ?? NameOf(l.Key)) is { } id
                    ? (id, true, Where(l.At))
                    : ($"(unnamed: key {l.Key} in {Path.GetRelativePath(directory, shard)}: no whole record names it)", false, Where(l.At))));
                cut.AddRange(replay.CutHalls.Select(c => (c.Id, c.Skipped, Where(c.At))));
                moved.AddRange(replay.NumberingMoved);

                foreach (var (id, day) in replay.LeftDays)
                {
                    if (!leftDays.TryGetValue(id, out var seen) || seen.Removal < day.Removal)
                    {
                        leftDays[id] = day;
                    }
                }

                foreach (var (hall, commands) in replay.Tails)
                {
                    // Only a hall removed on one shard and added again on another, with the removal lost in a crash, can
                    // appear twice: the one that applied a command last is the live one.
                    if (!halls.TryGetValue(hall.Id, out var other) || other.SaveState().Time <= hall.SaveState().Time)
                    {
                        halls[hall.Id] = hall;
                        tails[hall.Id] = commands;
                    }
                }
            }

            if (damage.Count > 0)
            {
                keep.Add(source.Path);
            }
        }

        lost.RemoveAll(l => l.Named && halls.ContainsKey(l.Hall)); // rebuilt on another shard (added again there)

        // Every record of a generation was written by its start's engine, whose rules version its marker holds (0 when an
        // older engine wrote it, or the marker is lost). A hall's snapshot is state and crosses versions; its commands
        // since were replayed under this engine's rules, which may not give the hall the clerks saw.
        var writtenUnder = marker?.RulesVersion ?? 0;
        List<OtherRulesTail> otherRules = writtenUnder == QueueEngine.RulesVersion ? [] :
            [.. tails.Where(t => t.Value > 0).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new OtherRulesTail { Hall = t.Key, WrittenUnder = writtenUnder, Commands = t.Value })];
        var report = new JournalRecovery
        {
            Directory = directory,
            Generation = source.Path is null ? 0 : source.Number,
            // Past the archive's too: the export reads an archived generation and a live one of the same number as one log.
            NewGeneration = Math.Max(generations.Count == 0 ? 0 : generations[^1].Number, JournalArchive.ArchivedGenerations(directory).LastOrDefault().Number) + 1,
            Halls = [.. halls.Keys.Order(StringComparer.Ordinal)],
            Records = records,
            Commands = tails.Values.Sum(),
            WrittenUnderRules = writtenUnder,
            OtherRulesTails = otherRules,
            Bytes = bytes,
            Elapsed = time.GetElapsedTime(started),
            Damage = [.. missing, .. damage],
            TornTails = torn,
            LostHalls = [.. lost.Where(l => l.Named).Select(l => l.Hall).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
        foreach (var t in torn)
        {
            Log.JournalTornTail(logger, t);
        }

        var kept = source.Path + KeptSuffix;
        foreach (var m in missing)
        {
            Log.JournalFileMissing(logger, m, kept);
        }

        foreach (var d in damage)
        {
            Log.JournalDamaged(logger, d, kept);
        }

        foreach (var (hall, _, where) in lost)
        {
            Log.JournalHallLost(logger, hall, where);
        }

        foreach (var (hall, skipped, where) in cut)
        {
            Log.JournalHallCut(logger, hall, skipped, where);
        }

        foreach (var tail in otherRules)
        {
            Log.JournalTailReplayedUnderOtherRules(logger, tail.Hall, tail.Commands, tail.WrittenUnder, QueueEngine.RulesVersion);
        }

        foreach (var (hall, next) in moved.Where(m => halls.ContainsKey(m.Hall)))
        {
            Log.JournalNumberingMoved(logger, hall, string.Join(", ", next));
        }

        if (source.Path is null && generations.Count == 0)
        {
            // "Recovered 0 halls from generation 0" read as a journal found empty, and hid a mistyped or unmounted data
            // directory behind a first start.
            Log.JournalEmpty(logger, directory);
        }
        else
        {
            Log.JournalRecovered(logger, directory, halls.Count, report.Generation, records, (long)report.Elapsed.TotalMilliseconds);
        }
        List<(string, SavedLeftDay)> left = [.. leftDays.Where(l => !halls.ContainsKey(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (l.Key, l.Value))];
        return ([.. halls.Values], report, keep.Distinct(StringComparer.Ordinal).ToList(), left);
    }

    /// <summary>
    /// Marks <paramref name="generation"/> ready (its first records are safe; the marker holds its shard count, each of
    /// whose logs has a segment from now on, and <paramref name="starts"/>, what those first records are in each shard's
    /// log, in the format <see cref="ReadyMarker"/> describes) and clears away the older generations, except those in
    /// <paramref name="keep"/>, which are renamed <c>gen-N.damaged</c> for whoever wants to see what broke: the ready
    /// ones' segments go to <paramref name="archive"/>; the marker also records <paramref name="segmentBytes"/>, the engine's
    /// <see cref="JournalOptions.SegmentBytes"/>, the rest (a start that died before marking its generation: a
    /// copy of the one before, nothing acknowledged) is deleted. Then the archive is pruned. Each step is on disk,
    /// directory entries included, before the next: the marker before anything older goes.
    /// </summary>
    public static void Complete(string directory, string generation, IReadOnlyList<ShardStart> starts, IReadOnlyList<string> keep, JournalArchive archive, long segmentBytes = 0)
    {
        using (var ready = new FileStream(Path.Combine(generation, ReadyFile), FileMode.Create, FileAccess.Write, FileShare.None))
        {
            ready.Write(Encoding.ASCII.GetBytes(ReadyMarker.Format(starts, QueueEngine.RulesVersion, segmentBytes)));
            ready.Flush(flushToDisk: true);
        }

        DirectorySync.Sync(generation); // the marker and the shard directories (their segments' names are synced as they are made)
        DirectorySync.Sync(directory);  // the generation itself

        foreach (var (_, path, ready) in Generations(directory))
        {
            if (string.Equals(path, generation, StringComparison.Ordinal))
            {
                continue;
            }

            if (keep.Contains(path, StringComparer.Ordinal))
            {
                Directory.Move(path, KeptName(path)); // kept for whoever wants to see what broke
            }
            else
            {
                if (ready)
                {
                    foreach (var shard in Directory.EnumerateDirectories(path, "shard-*"))
                    {
                        archive.Take(shard, [.. Directory.EnumerateFiles(shard, "*.qlog").Where(f => JournalWriter.SegmentStart(f) >= 0)]);
                    }
                }

                Directory.Delete(path, recursive: true);
            }
        }

        DirectorySync.Sync(directory); // the older generations are gone (or renamed) for good
        archive.Prune();
    }
}
