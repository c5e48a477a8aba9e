using Microsoft.Extensions.Logging.Abstractions;

namespace QueueCore.Tests.Journal;

/// <summary>What the shard appends comes back from the segments, in order, across segment files.</summary>
public sealed class JournalWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "queuecore-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_ManyRecords_DurableReachesTheEndAndEveryRecordReadsBackInOrder(bool durable)
    {
        var mode = durable ? JournalMode.Durable : JournalMode.Batched;
        var journal = new JournalWriter(_directory, mode, TimeSpan.FromMilliseconds(5), () => { }, TimeProvider.System, NullLogger.Instance);
        long end = 0;
        for (var i = 0; i < 2000; i++)
        {
            end = journal.Append(BitConverter.GetBytes(i));
            if (i % 300 == 299)
            {
                journal.RequestRoll(); // the next record starts a new segment
            }

            if (i % 100 == 99)
            {
                journal.Commit();
            }
        }

        journal.Commit();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (journal.DurablePosition < end && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(end, journal.DurablePosition);
        await journal.DisposeAsync();

        var read = new List<int>();
        var segments = Directory.GetFiles(_directory, "*.qlog").Order(StringComparer.Ordinal).ToArray();
        Assert.True(segments.Length > 1); // it rolled over
        foreach (var segment in segments)
        {
            Assert.Null(SegmentReader.Read(segment, File.ReadAllBytes(segment), (payload, _) => { read.Add(BitConverter.ToInt32(payload.Span)); return null; }));
        }

        Assert.Equal(Enumerable.Range(0, 2000), read);
    }
}
