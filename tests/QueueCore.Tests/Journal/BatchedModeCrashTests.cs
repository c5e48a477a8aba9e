namespace QueueCore.Tests.Journal;

/// <summary>
/// <see cref="JournalMode.Batched"/>: a process crash loses nothing acknowledged (the records are with the operating
/// system); a power loss at most the records after the last fsync, and a record it cut short is reported (a torn tail)
/// and never replayed in part.
/// </summary>
public sealed class BatchedModeCrashTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose()
    {
        _kit.Dispose();
        if (Directory.Exists(Crash))
        {
            Directory.Delete(Crash, recursive: true);
        }
    }

    private string Crash => _kit.Directory + "-crash";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Crash_EveryAcknowledgedTicketBack_OrTheLastRecordCutShortReportedAndNotReplayed(bool lastRecordCutShort)
    {
        var acknowledged = new List<(long Ticket, int Number)>();
        await using (var engine = _kit.Engine(mode: JournalMode.Batched))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
            for (var i = 0; i < 30; i++)
            {
                var result = await hall.IssueTicketAsync(new ServiceItemList([1]));
                Assert.True(result.IsSuccess, result.ToString());
                acknowledged.Add((result.Ticket, result.Number.Sequence));
            }

            JournalKit.CopyDirectory(_kit.Directory, Crash); // what a process crash leaves: everything written to the OS
        }

        if (lastRecordCutShort)
        {
            // A power loss: the last issue's record reached the disk in part (written to the OS, not yet fsynced).
            var segment = Path.Combine(Crash, Path.GetRelativePath(_kit.Directory, Assert.Single(_kit.Segments())));
            var bytes = File.ReadAllBytes(segment);
            File.WriteAllBytes(segment, bytes[..^3]);
        }

        await using var again = _kit.Engine(directory: Crash, mode: JournalMode.Batched);
        again.Start();
        Assert.Empty(again.Recovery!.Damage);
        Assert.Equal(lastRecordCutShort ? 1 : 0, again.Recovery.TornTails.Count);
        Assert.True(again.TryGetHall("h", out var recovered));
        var tickets = (await recovered.SaveStateAsync()).Tickets.ToDictionary(t => t.Id, t => t.Number);
        var expected = lastRecordCutShort ? acknowledged[..^1] : acknowledged; // the cut record, not a part of it
        Assert.Equal(expected.Count, tickets.Count);
        Assert.All(expected, a => Assert.Equal(a.Number, tickets[a.Ticket]));
    }
}
