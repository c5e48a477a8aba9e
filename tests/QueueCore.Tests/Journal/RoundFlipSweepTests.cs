namespace QueueCore.Tests.Journal;

/// <summary>
/// Bytes of a round of snapshots (every frame's first ones and a stride through the rest) (the start of a live log's first segment, past position 0) flipped in turn: each
/// hall of the round is rebuilt, or reported lost (by key, so the caller names it), never silently missing; and no
/// hall is reported lost under the id of a hall that was rebuilt (an id read from the damaged bytes can be another's).
/// </summary>
public sealed class RoundFlipSweepTests : IDisposable
{
    private static readonly string[] Ids = ["h0", "h1", "h2"];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "queuecore-roundflip-" + Guid.NewGuid().ToString("N"));

    public RoundFlipSweepTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x03)]
    public void BytesOfTheRoundFlipped_EachHallRebuiltOrReportedLost_NeverUnderAnotherHallsId(int flip)
    {
        var log = new HandWrittenLog();
        var traffic = Ids.Select((id, i) => HandWrittenLog.Traffic(id, seed: 10 + i)).ToArray();
        log.RoundBegins(Ids.Length);
        for (var key = 0; key < Ids.Length; key++)
        {
            log.Mark(key);
            log.HallRecord(JournalRecordKind.Snapshot, key, traffic[key].Live.Definition, traffic[key].Live.SaveState());
        }

        var frames = new List<int>();
        Assert.Null(SegmentReader.Read("s", log.Bytes(), (_, offset) => { frames.Add((int)offset); return null; }));
        var round = log.Bytes().Length;
        for (var key = 0; key < Ids.Length; key++)
        {
            log.Commands(key, traffic[key].Live, traffic[key].Commands[..5]); // each hall has commands after the round
        }

        var original = log.Bytes();
        var problems = new List<string>();
        // Each frame's header and the start of its record (kind, key, id), and a stride through the rest (definition,
        // state): every byte would replay thousands of times for the same few outcomes.
        var positions = frames.SelectMany(f => Enumerable.Range(f, JournalFrame.HeaderSize + 8)).Concat(Enumerable.Range(0, round).Where(b => b % 61 == 0));
        foreach (var at in positions.Where(p => p < round).Distinct().Order())
        {
            var bytes = (byte[])original.Clone();
            bytes[at] ^= (byte)flip;
            var file = Path.Combine(_directory, JournalWriter.SegmentName(4096)); // past 0: the log begins with its round
            File.WriteAllBytes(file, bytes);
            var replay = new ShardReplay(_directory);
            replay.Run();

            var rebuilt = replay.Halls.Select(h => h.Id).ToHashSet();
            for (var key = 0; key < Ids.Length; key++)
            {
                if (!rebuilt.Contains(Ids[key]) && !replay.LostHalls.Exists(l => l.Key == key) && replay.RoundUnaccounted?.Contains(key) != true)
                {
                    problems.Add($"byte {at}: {Ids[key]} is gone and not reported lost");
                }
            }

            foreach (var lost in replay.LostHalls.Where(l => l.Id is not null && rebuilt.Contains(l.Id)))
            {
                problems.Add($"byte {at}: key {lost.Key} reported lost as {lost.Id}, a hall rebuilt");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}
