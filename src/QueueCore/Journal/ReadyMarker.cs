using System.Globalization;
using System.Text;

namespace QueueCore;

/// <summary>
/// A generation's <c>ready</c> marker, written and fsynced once the records its start wrote are safe. ASCII text, one
/// line each: the shard count, then one line per shard in order, <c>shard N start LENGTH ID ...</c>, where LENGTH is
/// the length in bytes of the start's records at the beginning of the shard's first segment and each ID is a hall they
/// hold, percent-encoded (<see cref="Uri.EscapeDataString(string)"/>: an id may hold spaces or line breaks). For example
/// <c>2\nshard 0 start 1834 north\nshard 1 start 0\nrules 1\n</c>. The last line, <c>rules N</c>, is the
/// <see cref="QueueEngine.RulesVersion"/> of the engine that wrote the generation: every record in it is that start's,
/// so one line per start says under which rules all of them were written (nothing per record or per segment). A marker
/// without it (an older engine's) reads as version 0; an older engine reading this marker takes the extra line for a
/// marker whose shard lines do not read and checks nothing of the start, but still recovers (a rollback stays possible).
/// Before it, a line <c>segment N</c>: the engine's <see cref="JournalOptions.SegmentBytes"/> when it wrote the
/// generation (what bounds how much a log cut at its end may have lost: see <see cref="SegmentBytes"/>); an engine before
/// it reads such a marker as one whose shard lines do not read (it checks nothing of the start, and still recovers).
/// A marker of the shard count alone (written before the start was recorded) has <see cref="Starts"/> null, and so
/// does an empty one (an older engine's, with <see cref="Shards"/> null too), or one whose shard lines do not read:
/// recovery then checks nothing of the start.
/// </summary>
/// <param name="Shards">The generation's shard count, or null when the marker does not hold one.</param>
/// <param name="Starts">What the start wrote into each shard's log, by shard, or null when the marker does not say.</param>
/// <param name="RulesVersion">The rules version the generation was written under; 0 when the marker does not say.</param>
/// <param name="SegmentBytes">The <see cref="JournalOptions.SegmentBytes"/> the generation was written with; 0 when the marker does not say.</param>
internal sealed record ReadyMarker(int? Shards, IReadOnlyList<ShardStart>? Starts, int RulesVersion = 0, long SegmentBytes = 0)
{
    private const string RulesWord = "rules ";
    private const string SegmentWord = "segment ";

    /// <summary>
    /// The marker's text for <paramref name="starts"/> (one per shard, in order), written under <paramref name="rulesVersion"/>
    /// with segments of <paramref name="segmentBytes"/> (no <c>segment</c> line for 0).
    /// </summary>
    public static string Format(IReadOnlyList<ShardStart> starts, int rulesVersion, long segmentBytes = 0)
    {
        var text = new StringBuilder().Append(starts.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        for (var i = 0; i < starts.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"shard {i} start {starts[i].Length}");
            foreach (var id in starts[i].Halls)
            {
                text.Append(' ').Append(Uri.EscapeDataString(id));
            }

            text.Append('\n');
        }

        if (segmentBytes > 0)
        {
            text.Append(SegmentWord).Append(segmentBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.Append(RulesWord).Append(rulesVersion.ToString(CultureInfo.InvariantCulture)).Append('\n').ToString();
    }

    /// <summary>Reads a marker's text (see the type's summary for what it may lack).</summary>
    public static ReadyMarker Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rules = 0;
        if (lines.Length > 0 && lines[^1].StartsWith(RulesWord, StringComparison.Ordinal)
            && int.TryParse(lines[^1].AsSpan(RulesWord.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            rules = version;
            lines = lines[..^1];
        }

        long segmentBytes = 0;
        if (lines.Length > 0 && lines[^1].StartsWith(SegmentWord, StringComparison.Ordinal)
            && long.TryParse(lines[^1].AsSpan(SegmentWord.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            segmentBytes = bytes;
            lines = lines[..^1];
        }

        if (lines.Length == 0 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var shards))
        {
            return new ReadyMarker(null, null, rules, segmentBytes);
        }

        if (lines.Length != shards + 1)
        {
            return new ReadyMarker(shards, null, rules, segmentBytes);
        }

        var starts = new ShardStart[shards];
        for (var i = 0; i < shards; i++)
        {
            var words = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 4 || words[0] != "shard" || words[1] != i.ToString(CultureInfo.InvariantCulture) || words[2] != "start"
                || !long.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return new ReadyMarker(shards, null, rules, segmentBytes);
            }

            starts[i] = new ShardStart(length, [.. words[4..].Select(Uri.UnescapeDataString)]);
        }

        return new ReadyMarker(shards, starts, rules, segmentBytes);
    }
}
