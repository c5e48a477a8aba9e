using System.Buffers;

namespace QueueCore.Tests.Journal;

/// <summary>Frames survive intact and any damage (a flipped byte, a cut) stops reading exactly at the damaged frame.</summary>
public class JournalFrameTests
{
    private static (byte[] Bytes, List<int> Starts) Segment(int records, int seed)
    {
        var random = new Random(seed);
        var output = new ArrayBufferWriter<byte>();
        var starts = new List<int>();
        for (var i = 0; i < records; i++)
        {
            starts.Add(output.WrittenCount);
            var payload = new byte[random.Next(1, 300)];
            random.NextBytes(payload);
            JournalFrame.Write(output, payload);
        }

        return (output.WrittenSpan.ToArray(), starts);
    }

    private static (int Records, JournalDamage? Damage) ReadAll(byte[] bytes)
    {
        var count = 0;
        var damage = SegmentReader.Read("seg", bytes, (_, _) => { count++; return null; });
        return (count, damage);
    }

    [Fact]
    public void Read_IntactSegment_EveryRecordAndNoDamage()
    {
        var (bytes, starts) = Segment(200, 1);

        var (records, damage) = ReadAll(bytes);

        Assert.Equal(starts.Count, records);
        Assert.Null(damage);
    }

    [Fact]
    public void Read_FlippedByteAnywhere_StopsAtThatRecordNeverReplaysGarbage()
    {
        var random = new Random(2);
        for (var trial = 0; trial < 500; trial++)
        {
            var (bytes, starts) = Segment(50, trial);
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            var damaged = starts.FindLastIndex(s => s <= at);

            var (records, damage) = ReadAll(bytes);

            Assert.Equal(damaged, records); // every record before the damaged one, none from it on
            Assert.NotNull(damage);
            Assert.Equal(starts[damaged], damage.Offset);
        }
    }

    [Fact]
    public void Read_CutAnywhere_ReadsTheWholeRecordsBeforeTheCut()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            var (bytes, starts) = Segment(50, trial);
            var cut = random.Next(bytes.Length);
            var whole = starts.Where((s, i) => (i + 1 < starts.Count ? starts[i + 1] : bytes.Length) <= cut).Count();

            var (records, damage) = ReadAll(bytes[..cut]);

            Assert.Equal(whole, records);
            Assert.Equal(cut == (whole < starts.Count ? starts[whole] : bytes.Length), damage is null);
        }
    }

    [Fact]
    public void Write_ALargeSnapshot_ReadsBack()
    {
        // A hall keeping 100,000 finished tickets snapshots to about 17 MB: the writer must never frame what the reader refuses.
        var payload = new byte[17 << 20];
        new Random(3).NextBytes(payload);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        JournalFrame.Write(output, payload);

        Assert.Equal(FrameStatus.Ok, JournalFrame.TryRead(output.WrittenSpan, out var read, out var size));
        Assert.Equal(output.WrittenCount, size);
        Assert.True(read.SequenceEqual(payload));
    }
}
