extern alias server;

using server::QueueCore.Grpc.Feeds;
using ServerDisplayUpdate = server::QueueCore.Grpc.V1.DisplayUpdate;

namespace QueueCore.Grpc.Tests.Feeds;

/// <summary>
/// The feed's log: a reader gets the entry it asked for or is told it lagged, never a torn entry or a newer one in
/// its place, while the feed writes on.
/// </summary>
public class FeedLogTests
{
    private static FeedEntry Entry(long index) => new(default, index * 3, null, (int)index, FeedEntryKind.Waiting);

    private static FeedEntry Counts(long index) => Entry(index) with { Display = new ServerDisplayUpdate { Sequence = index * 3 } };

    [Fact]
    public void TryRead_HoldsTheLastCapacityEntries_AndNothingAhead()
    {
        var log = new FeedLog(16);
        for (var i = 0L; i < 40; i++)
        {
            log.Write(i, Entry(i));
        }

        for (var i = 0L; i < 45; i++)
        {
            var held = log.TryRead(i, out var entry);
            Assert.Equal(i is >= 24 and < 40, held);
            Assert.Equal(held ? Entry(i) : default, entry);
        }
    }

    [Fact]
    public void ClearDisplay_DropsTheUpdateOfAHeldEntryOnly()
    {
        var log = new FeedLog(16);
        for (var i = 0L; i < 20; i++)
        {
            log.Write(i, Counts(i));
        }

        log.ClearDisplay(18);
        log.ClearDisplay(3); // overwritten by entry 19, which shares its slot: 19 keeps its counts
        Assert.True(log.TryRead(18, out var cleared));
        Assert.Equal(Entry(18), cleared);
        Assert.True(log.TryRead(19, out var kept));
        Assert.Equal(Counts(19), kept);
        Assert.False(log.TryRead(3, out _));
    }

    [Fact]
    public void Write_ReturnsTheSequenceOfTheEntryItOverwrites()
    {
        var log = new FeedLog(16);
        Assert.Equal(long.MinValue, log.Write(0, Entry(0)));
        for (var i = 1L; i < 16; i++)
        {
            log.Write(i, Entry(i));
        }

        Assert.Equal(Entry(0).Sequence, log.Write(16, Entry(16)));
        Assert.Equal(Entry(16), log.Held(16));
    }

    [Theory]
    [InlineData(16)]    // wraps from the start
    [InlineData(4096)]  // fills, then wraps
    public async Task TryRead_WhileTheWriterFillsAndWraps_NeverReturnsAnotherOrTornEntry(int capacity)
    {
        const int ReadsEach = 50_000; // each reader: enough wraps to meet the writer mid-entry many times over, quick on a busy machine too
        const int Readers = 3;
        var log = new FeedLog(capacity);
        long written = 0;

        // Where each reader is (long.MaxValue once it has read its share). Free-running, the writer lapped every reader the
        // moment it ran alone, so a reader read only while both had a core at once: on a loaded two-core machine that came
        // to less than the readers' share in two minutes, and the test failed. Now the writer runs free (lapping the
        // readers, who start over at the head) for one stretch of eight logs' worth of entries in four, and in the others
        // keeps within the log of the slowest reader, so the readers read on whenever they get a core, alone or not.
        var cursors = new long[Readers];
        var stopped = false; // the writer gave up: readers end instead of waiting for entries that never come
        var readers = Enumerable.Range(0, Readers).Select(r => Task.Factory.StartNew(() =>
        {
            long read = 0, missed = 0;
            var idle = default(SpinWait);
            for (var cursor = 0L; read < ReadsEach && !Volatile.Read(ref stopped);)
            {
                if (cursor >= Volatile.Read(ref written))
                {
                    idle.SpinOnce(); // caught up: spin briefly, then sleep so the writer gets a core (see the writer's wait)
                    continue;
                }

                if (log.TryRead(cursor, out var entry))
                {
                    // Every field from the one write of this index, with its counts or without once newer ones came.
                    Assert.True(entry == Counts(cursor) || entry == Entry(cursor), $"entry {cursor} read as {entry}");
                    read++;
                    cursor++;
                }
                else
                {
                    missed++;
                    cursor = Volatile.Read(ref written); // lagged: start over at the head, as a stream does
                }

                Volatile.Write(ref cursors[r], cursor); // release: read by the writer
                idle.Reset();
            }

            Volatile.Write(ref cursors[r], long.MaxValue);
            return missed;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray(); // threads of their own, not the pool's

        // The writer goes on until every reader has read its share (or two minutes have passed, which fails below).
        var all = Task.WhenAll(readers);
        var until = DateTime.UtcNow.AddMinutes(2);
        var stretch = 8L * capacity;
        var held = default(SpinWait);
        for (var i = 0L; !all.IsCompleted && DateTime.UtcNow < until;)
        {
            var free = i / stretch % 4 == 1;
            if (!free && i - Slowest(cursors) >= capacity)
            {
                // A whole log ahead of a reader: let it read. Spin briefly, then sleep: a thread that only yields stays
                // runnable and takes its turns on the cores, so on the loaded two-core machine (load 40 and more) three
                // threads waiting so kept the one thread that could go on off the cores, and capacity 16 (a wait every 16
                // entries) came past its two minutes again. Sleeping waiters leave the cores to the threads with work.
                held.SpinOnce();
                continue;
            }

            log.Write(i, Counts(i));
            if (i > 0)
            {
                log.ClearDisplay(i - 1); // as the feed drops counts that newer ones replace
            }

            Volatile.Write(ref written, i + 1);
            held.Reset();
            i++;
        }

        // A failed run once left its readers waiting on their cores for the rest of the test run, slowing every test after it.
        var completed = all.IsCompleted; // before the stop, which ends the readers too
        Volatile.Write(ref stopped, true);
        var missedEach = await all; // rethrows a reader's failed assertion
        Assert.True(completed, $"the readers read their share within two minutes (each started over at the head {string.Join(", ", missedEach)} times)");

        static long Slowest(long[] cursors)
        {
            var slowest = long.MaxValue;
            for (var r = 0; r < cursors.Length; r++)
            {
                slowest = Math.Min(slowest, Volatile.Read(ref cursors[r]));
            }

            return slowest;
        }
    }
}
