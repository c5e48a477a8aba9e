using System.Globalization;
using MessagePack;

namespace QueueCore;

/// <remarks>This part: which generation recovery reads, and what a generation should hold.</remarks>
internal static partial class JournalStore
{
    /// <summary>
    /// The generation to recover from, and the generations without a <c>ready</c> marker whose logs were in use (to be
    /// kept, not deleted). Normally the newest ready generation, and none. A generation after it without the marker is
    /// normally a start that died before it was done: its logs hold only what a start writes (the records and snapshots
    /// of the halls it recovered, a copy of what the ready one holds) and nothing acknowledged, and it is deleted. But
    /// one whose logs hold a command or a removal (written only once a generation is ready), or whose first segment was
    /// deleted, was in use, so it lost its marker (the file deleted, or lost by a file system): recovery reads the
    /// newest such one, reports the missing marker and keeps it. With no ready generation at all, any generation holding
    /// a record counts as in use: there is nothing else to recover from.
    /// </summary>
    private static ((long Number, string? Path) Source, List<string> Unmarked) ChooseSource(List<(long Number, string Path, bool Ready)> generations)
    {
        var ready = generations.LastOrDefault(g => g.Ready);
        var unmarked = generations
            .Where(g => !g.Ready && (ready.Path is null || g.Number > ready.Number) && WasInUse(g.Path, anyRecord: ready.Path is null))
            .ToList();
        if (unmarked.Count > 0)
        {
            return ((unmarked[^1].Number, unmarked[^1].Path), [.. unmarked.Select(g => g.Path)]);
        }

        return ((ready.Number, ready.Path), []);
    }

    /// <summary>
    /// Whether a generation's logs were written beyond what a start writes before marking it ready: a command or a
    /// removal, or a first segment deleted (or, with <paramref name="anyRecord"/>, any record at all).
    /// </summary>
    private static bool WasInUse(string generation, bool anyRecord)
    {
        foreach (var shard in Directory.EnumerateDirectories(generation, "shard-*"))
        {
            var segments = Directory.EnumerateFiles(shard, "*.qlog").Where(f => JournalWriter.SegmentStart(f) >= 0).ToList();
            if (segments.Count > 0 && !segments.Any(f => JournalWriter.SegmentStart(f) == 0))
            {
                return true; // the first segment was deleted: a round of snapshots after the start covered it
            }

            foreach (var file in segments)
            {
                var bytes = File.ReadAllBytes(file);
                if (anyRecord && bytes.Length > 0)
                {
                    return true;
                }

                var used = false;
                SegmentReader.Read(file, bytes, (payload, offset) =>
                {
                    try
                    {
                        var reader = new MessagePackReader(payload);
                        used = JournalRecord.ReadHeader(ref reader, out _) is JournalRecordKind.Command or JournalRecordKind.Removed;
                    }
                    catch (MessagePackSerializationException)
                    {
                        used = true; // a record that passed its checksum and does not decode: not what a start writes
                    }

                    return used ? "in use" : null; // stops reading
                });
                if (used)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The <c>ready</c> marker of <paramref name="generation"/>, or null when it has none.</summary>
    private static ReadyMarker? ReadMarker(string generation)
    {
        try
        {
            return ReadyMarker.Parse(File.ReadAllText(Path.Combine(generation, ReadyFile)));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The shard log directories of a ready generation that hold no segment, though its marker says how many shards it
    /// has and each has a segment from its start (none for a marker an older engine wrote empty: it made a segment only
    /// once a shard had something to write).
    /// </summary>
    private static IEnumerable<string> MissingShards(string generation, ReadyMarker? marker)
    {
        for (var i = 0; i < (marker?.Shards ?? 0); i++)
        {
            var shard = ShardPath(generation, i);
            if (!Directory.Exists(shard) || !Directory.EnumerateFiles(shard, "*.qlog").Any(f => JournalWriter.SegmentStart(f) >= 0))
            {
                yield return shard;
            }
        }
    }

    /// <summary>
    /// Checks that shard log <paramref name="shard"/> still holds what its generation's start wrote there, as the ready
    /// marker records it: a whole hall record of every hall it names in the first <see cref="ShardStart.Length"/> bytes
    /// of the first segment. Those records were safe before the marker was written, so a log that no longer holds them
    /// was cut or damaged from outside (never a write a crash cut short), and recovery, which cannot tell where they end,
    /// would otherwise find an empty or torn log and lose the halls without a word. Returns null when they are whole, or
    /// when the first segment went to the archive (a round of snapshots after the start covered it; a shard with no
    /// segment at all is reported by <see cref="MissingShards"/>); else where they stop being whole and the halls named
    /// without a whole record.
    /// </summary>
    private static (JournalDamage At, List<string> Missing)? StartCut(string shard, ShardStart start)
    {
        if (start.Length == 0 && start.Halls.Count == 0)
        {
            return null;
        }

        var first = Path.Combine(shard, JournalWriter.SegmentName(0));
        byte[] bytes;
        try
        {
            using var file = new FileStream(first, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = new byte[Math.Min(file.Length, start.Length)];
            file.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        var end = 0;
        while (end < bytes.Length && JournalFrame.TryRead(bytes.AsSpan(end), out var payload, out var size) == FrameStatus.Ok)
        {
            try
            {
                var reader = new MessagePackReader(bytes.AsMemory(end + JournalFrame.HeaderSize, payload.Length));
                if (JournalRecord.ReadHeader(ref reader, out _) is JournalRecordKind.Hall && reader.ReadString() is { } id)
                {
                    found.Add(id);
                }
            }
            catch (MessagePackSerializationException)
            {
                break; // passed its checksum and does not decode: replay reports it
            }

            end += size;
        }

        var missing = start.Halls.Where(id => !found.Contains(id)).ToList();
        if (end == start.Length && missing.Count == 0)
        {
            return null;
        }

        var status = bytes.Length < start.Length
            ? $"the segment ends at byte {bytes.Length}, inside the records its generation's start wrote (bytes 0 to {start.Length}, as its '{ReadyFile}' marker says)"
            : $"the records its generation's start wrote (bytes 0 to {start.Length}, as its '{ReadyFile}' marker says) are not whole from here";
        return (new JournalDamage(first, end, status + ": they were on disk before the marker, so this is damage, not a torn write", Torn: false), missing);
    }

    /// <summary>
    /// The halls shard log <paramref name="shard"/> of <paramref name="generation"/> held where its live part begins, by
    /// key, as its part in the archive leaves them (each hall's last record or snapshot there, less those removed); null
    /// when the archive holds none of it (a retention of zero, pruned, unreadable, or no segment archived yet). Reads the
    /// records' headers and ids only, and only to name halls lost with the live part's first records (a shard's keys are
    /// never given to another hall within a generation).
    /// </summary>
    private static Dictionary<int, string>? ArchivedHalls(string directory, string generation, string shard)
    {
        var archived = Path.Combine(JournalArchive.RootOf(directory), Path.GetFileName(generation), Path.GetFileName(shard));
        try
        {
            if (!Directory.Exists(archived))
            {
                return null;
            }

            var segments = Directory.EnumerateFiles(archived, "*.qlog").Where(f => JournalWriter.SegmentStart(f) >= 0).OrderBy(JournalWriter.SegmentStart).ToList();
            if (segments.Count == 0)
            {
                return null;
            }

            var halls = new Dictionary<int, string>();
            foreach (var file in segments)
            {
                SegmentReader.Read(file, File.ReadAllBytes(file), (payload, _) =>
                {
                    try
                    {
                        var reader = new MessagePackReader(payload);
                        var kind = JournalRecord.ReadHeader(ref reader, out var key);
                        if (kind is JournalRecordKind.Hall or JournalRecordKind.Snapshot && reader.ReadString() is { } id)
                        {
                            halls[key] = id;
                        }
                        else if (kind == JournalRecordKind.Removed)
                        {
                            halls.Remove(key);
                        }
                    }
                    catch (MessagePackSerializationException)
                    {
                        // A record that does not decode names no hall: the others still do.
                    }

                    return null;
                });
            }

            return halls;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable: named as the start wrote them instead
        }
    }

    /// <summary>A free name to keep generation <paramref name="path"/> under: <c>gen-N.damaged</c>, or with a number after it.</summary>
    private static string KeptName(string path)
    {
        var name = path + KeptSuffix;
        for (var i = 2; Directory.Exists(name); i++)
        {
            name = path + KeptSuffix + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
