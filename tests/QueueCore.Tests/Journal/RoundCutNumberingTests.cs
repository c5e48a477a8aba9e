using System.Buffers.Binary;

namespace QueueCore.Tests.Journal;

/// <summary>
/// The first segment of a shard's live log (which begins with the round of snapshots a roll-over wrote) damaged inside
/// that round, after acknowledged tickets that followed the round in the same segment: every hall recovered hands out,
/// per category, a next number no citizen holds on paper from before the crash. A cut there ends the log, so what the
/// segment held past it is unknown: the skip is sized from what the segment could hold (as for the generation's first
/// segment in <see cref="StartCutNumberingTests"/>).
/// </summary>
public sealed class RoundCutNumberingTests : IDisposable
{
    private static readonly string[] Ids = ["h0", "h1", "h2"];
    private readonly JournalKit _kit = new();
    private readonly Dictionary<string, HashSet<string>> _issued = Ids.ToDictionary(id => id, _ => new HashSet<string>());

    public void Dispose()
    {
        _kit.Dispose();
        if (Directory.Exists(Crash))
        {
            Directory.Delete(Crash, recursive: true);
        }
    }

    public enum Damage
    {
        /// <summary>The file truncated inside the round's second snapshot: nothing after it is left.</summary>
        TruncatedInsideASnapshot,

        /// <summary>The file truncated right after the round's first snapshot (a record boundary: it reads as a clean end).</summary>
        TruncatedAfterTheFirstSnapshot,

        /// <summary>Zeros from inside the round's second snapshot to the end of the file.</summary>
        ZeroedToTheEnd,

        /// <summary>One byte flipped inside the round's second snapshot; the records after it are whole.</summary>
        FlippedByte,
    }

    private string Crash => _kit.Directory + "-crash";

    [Theory]
    [InlineData(Damage.TruncatedInsideASnapshot)]
    [InlineData(Damage.TruncatedAfterTheFirstSnapshot)]
    [InlineData(Damage.ZeroedToTheEnd)]
    [InlineData(Damage.FlippedByte)]
    public async Task FirstLiveSegmentDamagedInsideItsRound_EveryRecoveredHallsNextNumbersWereNeverIssued(Damage damage)
    {
        var segment = await WriteAsync();
        var bytes = File.ReadAllBytes(segment);
        var snapshots = Frames(bytes).Where(f => f.Kind == (byte)JournalRecordKind.Snapshot).Select(f => f.At).ToList();
        Assert.True(snapshots.Count >= Ids.Length, "the segment begins with a round of snapshots");
        var inside = snapshots[1] + JournalFrame.HeaderSize + 20;
        switch (damage)
        {
            case Damage.TruncatedInsideASnapshot:
                bytes = bytes[..inside];
                break;
            case Damage.TruncatedAfterTheFirstSnapshot:
                bytes = bytes[..(snapshots[0] + JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(snapshots[0])))];
                break;
            case Damage.ZeroedToTheEnd:
                bytes.AsSpan(inside).Clear();
                break;
            case Damage.FlippedByte:
                bytes[inside + 10] ^= 0x20;
                break;
        }

        File.WriteAllBytes(segment, bytes);

        await using var engine = _kit.Engine(directory: Crash, segmentBytes: 64 << 10);
        engine.Start();
        var report = engine.Recovery!;
        Assert.NotEmpty(report.Damage);
        Assert.NotEmpty(report.Halls);
        var problems = await NumberingAfterCut.ProblemsAsync(engine, Ids, _issued);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Three halls; h0 serves until a roll-over's round of snapshots lets the older segments go to the archive, then
    /// each hall takes more acknowledged tickets (after the round, in its segment), then a crash. Returns that segment
    /// in the crash image.
    /// </summary>
    private async Task<string> WriteAsync()
    {
        await using var engine = _kit.Engine(segmentBytes: 64 << 10);
        var halls = Ids.Select(id => engine.AddHall(JournalKit.SmallHall(id))).ToArray();
        engine.Start();
        foreach (var hall in halls)
        {
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
            Assert.True((await hall.OpenWindowAsync(1)).IsSuccess);
        }

        while (_kit.Archived().Length == 0 || _kit.Segments().Length != 1)
        {
            await ServeAsync(halls[0], 100);
        }

        foreach (var hall in halls)
        {
            for (var i = 0; i < 20; i++)
            {
                await IssueAsync(hall, 1);
                await IssueAsync(hall, 5);
            }
        }

        JournalKit.CopyDirectory(_kit.Directory, Crash); // what a crash leaves
        var archive = Path.Combine(Crash, "archive") + Path.DirectorySeparatorChar;
        return Assert.Single(Directory.GetFiles(Crash, "*.qlog", SearchOption.AllDirectories), f => !f.StartsWith(archive, StringComparison.Ordinal));
    }

    private async Task ServeAsync(HallHandle hall, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await IssueAsync(hall, 1);
        }

        for (var i = 0; i < count; i++)
        {
            Assert.True((await hall.FinishAndCallNextAsync(1)).IsSuccess);
        }
    }

    private async Task IssueAsync(HallHandle hall, int item)
    {
        var result = await hall.IssueTicketAsync(new ServiceItemList([item]));
        Assert.True(result.IsSuccess, result.ToString());
        _issued[hall.Id].Add(result.Number.ToString());
    }

    private static List<(int At, byte Kind)> Frames(byte[] bytes)
    {
        var frames = new List<(int, byte)>();
        for (var at = 0; at + JournalFrame.HeaderSize < bytes.Length;)
        {
            frames.Add((at, bytes[at + JournalFrame.HeaderSize + 1]));
            at += JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        }

        return frames;
    }
}
