using System.Buffers.Binary;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A generation's first segment (segment 0, which begins with the records its start wrote, not with a round of
/// snapshots) cut or damaged inside those records, after acknowledged tickets of the halls before the cut: every hall
/// recovered hands out, per category, a next number no citizen holds on paper from before the crash.
/// </summary>
public sealed class StartCutNumberingTests : IDisposable
{
    private static readonly string[] Ids = ["h0", "h1", "h2"];
    private readonly JournalKit _kit = new();
    private readonly Dictionary<string, HashSet<string>> _issued = Ids.ToDictionary(id => id, _ => new HashSet<string>());

    public void Dispose() => _kit.Dispose();

    public enum Cut
    {
        /// <summary>The file truncated inside the second hall's start record: nothing after it is left.</summary>
        Truncated,

        /// <summary>Zeros written over the rest of the second hall's start record: the frames after it are still whole.</summary>
        ZeroedRecord,

        /// <summary>Zeros from inside the second hall's start record to the end of the file (a clean end, were it not for the marker).</summary>
        ZeroedToTheEnd,
    }

    [Theory]
    [InlineData(Cut.Truncated)]
    [InlineData(Cut.ZeroedRecord)]
    [InlineData(Cut.ZeroedToTheEnd)]
    public async Task SegmentZeroCutInsideItsStartRecords_EveryRecoveredHallsNextNumbersWereNeverIssued(Cut cut)
    {
        var segment = await WriteAsync();
        var bytes = File.ReadAllBytes(segment);
        var first = JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var second = first + JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(first));
        var at = first + JournalFrame.HeaderSize + 20; // inside the second hall's record
        switch (cut)
        {
            case Cut.Truncated:
                bytes = bytes[..at];
                break;
            case Cut.ZeroedRecord:
                bytes.AsSpan(at, second - at).Clear();
                break;
            case Cut.ZeroedToTheEnd:
                bytes.AsSpan(at).Clear();
                break;
        }

        File.WriteAllBytes(segment, bytes);

        await using var engine = _kit.Engine();
        engine.Start();
        var report = engine.Recovery!;
        Assert.NotEmpty(report.Damage);
        Assert.NotEmpty(report.Halls);
        var problems = await NumberingAfterCut.ProblemsAsync(engine, Ids, _issued);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Three halls with tickets, then a restart (its generation begins with their records), then more acknowledged
    /// tickets of each, then a crash; returns that generation's only segment.
    /// </summary>
    private async Task<string> WriteAsync()
    {
        await using (var engine = _kit.Engine())
        {
            var halls = Ids.Select(id => engine.AddHall(JournalKit.Hall(id))).ToArray();
            engine.Start();
            foreach (var hall in halls)
            {
                Assert.True((await hall.OpenDayAsync()).IsSuccess);
                await IssueAsync(hall, 3);
            }
        }

        await using (var engine = _kit.Engine())
        {
            engine.Start();
            foreach (var id in Ids)
            {
                Assert.True(engine.TryGetHall(id, out var hall));
                await IssueAsync(hall, 4);
            }
        }

        return Assert.Single(_kit.Segments());
    }

    private async Task IssueAsync(HallHandle hall, int each)
    {
        for (var i = 0; i < each; i++)
        {
            foreach (var item in new[] { 1, 5 })
            {
                var result = await hall.IssueTicketAsync(new ServiceItemList([item]));
                Assert.True(result.IsSuccess, result.ToString());
                _issued[hall.Id].Add(result.Number.ToString());
            }
        }
    }
}
