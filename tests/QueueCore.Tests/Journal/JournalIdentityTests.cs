using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A journal's identity (<see cref="JournalRecovery.JournalId"/>): screens resume by sequence number across restarts,
/// which is right on the same journal and wrong on a fresh or another one (it numbers the events again). Without an
/// identity the two could not be told apart.
/// </summary>
public sealed class JournalIdentityTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task JournalId_KeptAcrossRollOversACleanStopARestartAndACopy_AnotherDirectoryHasAnother()
    {
        string id;
        await using (var engine = _kit.Engine(segmentBytes: 64 << 10, snapshotAtStop: true))
        {
            var hall = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            id = engine.Recovery!.JournalId;
            Assert.Matches("^[0-9a-f]{32}$", id);
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1);
            await JournalKit.ServeAsync(hall, 3_000);
            Assert.NotEmpty(_kit.Archived()); // rolled over: the first segments went to the archive
        }

        await using (var engine = _kit.Engine(snapshotAtStop: true))
        {
            Assert.Equal(0, engine.Recovery!.Commands); // the clean stop's snapshots
            Assert.Equal(id, engine.Recovery.JournalId);
        }

        var copy = Path.Combine(_kit.Directory, "..", Path.GetFileName(_kit.Directory) + "-copy");
        try
        {
            JournalKit.CopyDirectory(_kit.Directory, copy); // a journal restored from a copy is the same journal
            await using (var engine = _kit.Engine(directory: copy))
            {
                Assert.Equal(["h"], engine.Recovery!.Halls);
                Assert.Equal(id, engine.Recovery.JournalId);
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }

        using var other = new JournalKit();
        await using (var engine = other.Engine())
        {
            Assert.Matches("^[0-9a-f]{32}$", engine.Recovery!.JournalId);
            Assert.NotEqual(id, engine.Recovery.JournalId);
        }
    }

    [Fact]
    public async Task JournalWithoutAnIdentity_StillRecovered_GivenOneAtItsFirstStart_LoggedAndKept()
    {
        // A journal an older engine wrote has no identity file: it must open as before, with one from then on.
        await using (var engine = _kit.Engine(snapshotAtStop: true))
        {
            var hall = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
        }

        var file = Path.Combine(_kit.Directory, "journal-id");
        var before = File.ReadAllText(file).Trim();
        File.Delete(file);

        var logs = new TestLoggerProvider();
        string id;
        await using (var engine = _kit.Engine(logs: logs.Factory()))
        {
            Assert.Equal(["h"], engine.Recovery!.Halls);
            Assert.Empty(engine.Recovery.Damage);
            id = engine.Recovery.JournalId;
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.NotEqual(before, id);
            var made = Assert.Single(logs.Entries, e => e.Id == 1066);
            Assert.Equal(LogLevel.Information, made.Level);
            Assert.Contains(id, made.Message, StringComparison.Ordinal);
            Assert.Contains("kept no identity", made.Message, StringComparison.Ordinal);
        }

        var again = new TestLoggerProvider();
        await using (var engine = _kit.Engine(logs: again.Factory()))
        {
            Assert.Equal(id, engine.Recovery!.JournalId);
            Assert.False(again.Logged(1066));
        }
    }

    [Fact]
    public async Task IdentityFileLeftWithoutTheLogs_TheNewJournalGetsAnotherIdentity()
    {
        // Data lost but the small file left behind: the engine starts a new journal, numbering the halls' events again,
        // and must not present it as the one the screens saw.
        string id;
        await using (var engine = _kit.Engine())
        {
            engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            id = engine.Recovery!.JournalId;
        }

        foreach (var generation in Directory.GetDirectories(_kit.Directory, "gen-*"))
        {
            Directory.Delete(generation, recursive: true);
        }

        if (Directory.Exists(Path.Combine(_kit.Directory, "archive")))
        {
            Directory.Delete(Path.Combine(_kit.Directory, "archive"), recursive: true);
        }

        await using var fresh = _kit.Engine();
        Assert.Empty(fresh.Recovery!.Halls);
        Assert.NotEqual(id, fresh.Recovery.JournalId);
    }
}
