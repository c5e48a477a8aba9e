using System.Collections.Concurrent;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A file's fsync does not make its name durable: the journal fsyncs the directory after it creates a segment, marks
/// a generation ready, and deletes or renames what it no longer needs, so a power loss cannot take those back.
/// </summary>
public sealed class DirectorySyncTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void Sync_ADirectory_Succeeds_AMissingOneThrowsNamingIt()
    {
        System.IO.Directory.CreateDirectory(_kit.Directory);
        DirectorySync.Sync(_kit.Directory);

        var missing = Path.Combine(_kit.Directory, "missing");
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var error = Assert.Throws<IOException>(() => DirectorySync.Sync(missing));
            Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Journal_NewSegmentsReadyMarkerAndDeletions_SyncTheirDirectories()
    {
        var synced = new ConcurrentQueue<(string Directory, bool Ready)>();
        DirectorySync.Synced = directory =>
        {
            if (directory.StartsWith(_kit.Directory, StringComparison.Ordinal))
            {
                synced.Enqueue((directory, Directory.EnumerateFiles(_kit.Directory, "ready", SearchOption.AllDirectories).Any()));
            }
        };
        try
        {
            await using (var engine = _kit.Engine(segmentBytes: 64 << 10))
            {
                var hall = engine.AddHall(JournalKit.Hall("h"));
                engine.Start();
                await hall.OpenDayAsync();
                var refused = HallCommand.QueryTicket(1) with { Kind = CommandKind.Rate, Ticket = 1, Value = 9 }; // refused, still journaled
                var first = _kit.Segments()[0];
                for (var i = 0; i < 200 && File.Exists(first); i++)
                {
                    // until the segment rolls over and a snapshot in the next one lets the first go
                    await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => hall.SubmitAsync(refused).AsTask()));
                }

                Assert.False(File.Exists(first));
            }

            var generation = Path.GetDirectoryName(Path.GetDirectoryName(_kit.Segments()[0]))!;
            var shard = Path.Combine(generation, "shard-0");
            Assert.Contains((generation, true), synced);     // the ready marker's name
            Assert.Contains((_kit.Directory, true), synced); // the generation's name, once it is ready
            Assert.True(synced.Count(s => s.Directory == shard) >= 3, "each new segment's name and the deletion are synced"); // the first, a roll-over, the deletion

            // A restart deletes the old generation: the data directory is synced after that too.
            var before = synced.Count(s => s.Directory == _kit.Directory);
            await using (var again = _kit.Engine())
            {
                Assert.False(Directory.Exists(generation));
            }

            Assert.True(synced.Count(s => s.Directory == _kit.Directory) >= before + 2, "the new generation and the old one's deletion are synced");
        }
        finally
        {
            DirectorySync.Synced = null;
        }
    }
}
