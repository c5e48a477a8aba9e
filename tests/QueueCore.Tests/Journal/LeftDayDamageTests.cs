using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A <see cref="JournalRecordKind.LeftDay"/> record damaged on disk is reported like any damaged record (logged, in
/// <see cref="JournalRecovery.Damage"/>, the generation kept), never read as a day nor passed over in silence, and the
/// halls beside it are still recovered.
/// </summary>
public sealed class LeftDayDamageTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Recover_LeftDayRecordWithAFlippedByte_IsDamage()
    {
        var segment = await LogWithALeftDayAsync();
        var frames = Frames(File.ReadAllBytes(segment));
        var left = frames.FindIndex(f => f.Kind == (byte)JournalRecordKind.LeftDay);
        Assert.True(left >= 0, "the removal wrote its left day");
        frames[left].Bytes[^3] ^= 0x40; // inside the day: the checksum no longer matches
        File.WriteAllBytes(segment, [.. frames.SelectMany(f => f.Bytes)]);

        await using var again = _kit.Engine();
        again.Start();

        Assert.NotEmpty(again.Recovery!.Damage);
        Assert.Contains("kept", again.Recovery.Halls);
    }

    [Fact]
    public async Task Recover_LeftDayRecordThatDoesNotDecode_IsDamage()
    {
        var segment = await LogWithALeftDayAsync();
        var frames = Frames(File.ReadAllBytes(segment));
        var left = frames.FindIndex(f => f.Kind == (byte)JournalRecordKind.LeftDay);
        Assert.True(left >= 0, "the removal wrote its left day");
        var payload = new ArrayBufferWriter<byte>();
        JournalRecord.WriteLeftDay(payload, "b", [0xC1, 0xC1, 0xC1]); // a whole frame whose day is no SavedLeftDay
        var frame = new ArrayBufferWriter<byte>();
        JournalFrame.Write(frame, payload.WrittenSpan);
        frames[left] = (frames[left].Kind, frame.WrittenSpan.ToArray());
        File.WriteAllBytes(segment, [.. frames.SelectMany(f => f.Bytes)]);

        await using var again = _kit.Engine();
        again.Start();

        Assert.Contains(again.Recovery!.Damage, d => d.Contains("does not decode", StringComparison.Ordinal));
        Assert.Contains("kept", again.Recovery.Halls);
    }

    /// <summary>Hall "b" issued two tickets and was removed, then "kept" issued one (a record after the left day); stopped as a crash leaves it.</summary>
    private async Task<string> LogWithALeftDayAsync()
    {
        await using (var engine = _kit.Engine(time: new FakeTimeProvider(EngineTestKit.Morning)))
        {
            var hall = engine.AddHall(EngineTestKit.Hall("b"));
            var kept = engine.AddHall(EngineTestKit.Hall("kept"));
            engine.Start();
            await EngineTestKit.OpenAsync(hall);
            await hall.IssueTicketAsync(1).Bounded();
            await hall.IssueTicketAsync(1).Bounded();
            Assert.True(await engine.RemoveHallAsync("b").Bounded());
            await EngineTestKit.OpenAsync(kept);
            Assert.True((await kept.IssueTicketAsync(1).Bounded()).IsSuccess);
        }

        return Assert.Single(_kit.Segments());
    }

    private static List<(byte Kind, byte[] Bytes)> Frames(byte[] bytes)
    {
        var frames = new List<(byte, byte[])>();
        for (var at = 0; at + JournalFrame.HeaderSize < bytes.Length;)
        {
            var size = JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            frames.Add((bytes[at + JournalFrame.HeaderSize + 1], bytes[at..(at + size)]));
            at += size;
        }

        return frames;
    }
}
