using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// The segments recovery no longer needs go to the journal's archive, for the day export, and are deleted once older
/// than <see cref="JournalOptions.ArchiveRetention"/>.
/// </summary>
public sealed class JournalArchiveTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Start_ArchivedFilesOlderThanTheRetention_Deleted_NewerKept()
    {
        var retention = TimeSpan.FromHours(1);
        await RunAsync(retention, tickets: 1);
        await RunAsync(retention, tickets: 1); // generation 1 goes to the archive
        var first = _kit.Archived();
        Assert.NotEmpty(first);
        Age(first, retention + TimeSpan.FromMinutes(1));

        await RunAsync(retention, tickets: 1); // generation 2 goes to the archive, and generation 1 is past the retention

        var left = _kit.Archived();
        Assert.NotEmpty(left);
        Assert.Empty(left.Intersect(first));
        Assert.False(Directory.Exists(Path.GetDirectoryName(Path.GetDirectoryName(first[0]))), "an emptied generation's directory goes too");
    }

    [Fact]
    public async Task RollOver_ArchivedFilesOlderThanTheRetention_Deleted()
    {
        var retention = TimeSpan.FromHours(1);
        await using var engine = _kit.Engine(mode: JournalMode.Batched, segmentBytes: 64 << 10, archiveRetention: retention);
        var h = engine.AddHall(JournalKit.SmallHall("h"));
        engine.Start();
        await h.OpenDayAsync();
        await h.OpenWindowAsync(1);
        await JournalKit.ServeAsync(h, 3_000);
        var old = _kit.Archived();
        Assert.NotEmpty(old);
        Age(old, retention + TimeSpan.FromMinutes(1));

        await JournalKit.ServeAsync(h, 3_000); // rolls over again

        for (var i = 0; i < 300 && _kit.Archived().Intersect(old).Any(); i++)
        {
            await Task.Delay(100); // the archive is pruned off the writer's thread
        }

        Assert.Empty(_kit.Archived().Intersect(old));
        Assert.NotEmpty(_kit.Archived());
    }

    [Fact]
    public async Task RollOver_ArchiveCannotBeMade_JournalGoesOn_SegmentsDeletedAndWarned()
    {
        // A file where the archive's directory would be: moving a segment there failed, and with it the journal, so the
        // engine refused every command from then on for the sake of an export.
        File.WriteAllText(Path.Combine(System.IO.Directory.CreateDirectory(_kit.Directory).FullName, "archive"), "not a directory");
        var logs = new TestLoggerProvider();
        await using var engine = _kit.Engine(mode: JournalMode.Batched, segmentBytes: 64 << 10, logs: logs.Factory());
        var h = engine.AddHall(JournalKit.SmallHall("h"));
        engine.Start();
        await h.OpenDayAsync();
        await h.OpenWindowAsync(1);

        await JournalKit.ServeAsync(h, 3_000); // rolls over

        Assert.Null(engine.GetHealth().JournalFailure);
        Assert.DoesNotContain(_kit.Segments(), s => JournalWriter.SegmentStart(s) == 0); // deleted, as without an archive
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("archive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_LiveGenerationsGone_NewGenerationNumberedPastTheArchive()
    {
        // The archive is never recovered from, but its generations' numbers are not given again: the export orders the
        // archive's logs by them, and two generations of one number would read as one log.
        await RunAsync(TimeSpan.FromDays(2), tickets: 3);
        await RunAsync(TimeSpan.FromDays(2), tickets: 0); // generation 1 goes to the archive
        Directory.Delete(Path.Combine(_kit.Directory, "gen-0000000002"), recursive: true);

        await using var engine = _kit.Engine();
        Assert.Empty(engine.Recovery!.Halls); // nothing recovered from the archive
        Assert.Equal(2, engine.Recovery.NewGeneration); // not 1, which the archive holds
    }

    private async Task RunAsync(TimeSpan retention, int tickets)
    {
        await using var engine = _kit.Engine(archiveRetention: retention);
        var added = !engine.TryGetHall("h", out var found);
        var h = found ?? engine.AddHall(JournalKit.SmallHall("h"));
        engine.Start();
        if (added)
        {
            await h.OpenDayAsync();
            await h.OpenWindowAsync(1);
        }

        await JournalKit.ServeAsync(h, tickets);
    }

    private static void Age(IEnumerable<string> files, TimeSpan by)
    {
        foreach (var file in files)
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - by);
        }
    }
}
