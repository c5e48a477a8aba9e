using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A generation that lost a file (its <c>ready</c> marker, a shard's segment) is reported, read as far as it can be,
/// and kept: recovery used to find "0 halls, no damage" there and then delete the generation, tickets and evidence.
/// </summary>
public sealed class JournalGenerationTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task ReadyMarkerMissing_RecoveredFromTheLogs_ReportedAndKept()
    {
        var (before, tickets) = await WriteHalls(shards: 1, "h");
        var generation = Generation();
        File.Delete(Path.Combine(generation, "ready"));
        var logs = new TestLoggerProvider();

        await using var engine = _kit.Engine(logs: logs.Factory());
        engine.Start();
        Assert.Equal(["h"], engine.Recovery!.Halls);
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.Equal(before["h"], await JournalKit.StateJson(hall));
        Assert.Equal(tickets, (await hall.SaveStateAsync()).Tickets.Length);

        var damage = Assert.Single(engine.Recovery.Damage);
        Assert.Contains("'ready' marker is missing", damage, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(generation), damage, StringComparison.Ordinal);
        Assert.Equal(damage, Assert.Single(engine.GetHealth().Recovery!.Damage));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("'ready' marker is missing", StringComparison.Ordinal));
        Assert.True(Directory.Exists(generation + ".damaged"), "the generation read without its marker is kept");
        Assert.NotEmpty(Directory.GetFiles(generation + ".damaged", "*.qlog", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UnmarkedGenerationOfAStartThatDied_RecoveryReadsTheReadyOne_DeletesIt()
    {
        // A start that dies before it marks its generation ready leaves the recovered halls' records there and nothing
        // acknowledged: the ready generation before it is the one to read, as before.
        var (before, _) = await WriteHalls(shards: 1, "h");
        await using (_kit.Engine())
        {
            // restarted: the new generation holds only the halls' records, like a start that died after writing them
        }

        var ready = Generation();
        var leftover = ready[..^10] + "9999999999";
        CopyDirectory(ready, leftover);
        File.Delete(Path.Combine(leftover, "ready"));

        await using var engine = _kit.Engine();
        engine.Start();
        Assert.Empty(engine.Recovery!.Damage);
        Assert.Equal(long.Parse(Path.GetFileName(ready)[4..], System.Globalization.CultureInfo.InvariantCulture), engine.Recovery.Generation);
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.Equal(before["h"], await JournalKit.StateJson(hall));
        Assert.False(Directory.Exists(leftover));
        Assert.Empty(Directory.GetDirectories(_kit.Directory, "*.damaged"));
    }

    [Fact]
    public async Task ReadyGenerationMissingAShardsSegment_ReportedNotDeleted_OtherShardsRecovered()
    {
        var (before, _) = await WriteHalls(shards: 2, "a", "b");
        var generation = Generation();
        var lost = Path.Combine(generation, "shard-1"); // b's: halls go round robin, a to shard 0, b to shard 1
        const string survivor = "a";
        foreach (var segment in Directory.GetFiles(lost, "*.qlog"))
        {
            File.Delete(segment);
        }

        var logs = new TestLoggerProvider();
        await using var engine = _kit.Engine(shards: 2, logs: logs.Factory());
        engine.Start();
        var damage = Assert.Single(engine.Recovery!.Damage);
        Assert.Contains($"{Path.GetFileName(lost)}: no segment file", damage, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("no segment file", StringComparison.Ordinal));
        Assert.True(Directory.Exists(generation + ".damaged"), "the generation that lost a file is kept, not deleted");
        Assert.Equal([survivor], engine.Recovery.Halls);
        Assert.True(engine.TryGetHall(survivor, out var hall));
        Assert.Equal(before[survivor], await JournalKit.StateJson(hall));
    }

    [Fact]
    public async Task ReadyGenerationsStartCutToZeroBytes_HallReportedLostByName_FileNamed_HealthDegraded()
    {
        // A restart's generation begins with its recovered halls' records, and only then is marked ready. Its segment
        // truncated to nothing read as an empty, intact log: the hall and its acknowledged tickets vanished unreported.
        var segment = await RestartedGenerationsSegment("h");
        File.WriteAllBytes(segment, []);

        await AssertStartCutAsync(segment, at: 0, "h");
    }

    [Fact]
    public async Task ReadyGenerationsStartCutInsideItsFirstHallRecord_HallReportedLost_NotATornWrite()
    {
        // The start's records were safe when the marker was written: a cut inside them is damage from outside, not a
        // write a crash cut short (it was reported as a torn tail, nothing lost, and the hall was gone).
        var segment = await RestartedGenerationsSegment("h");
        var bytes = File.ReadAllBytes(segment);
        File.WriteAllBytes(segment, bytes[..(JournalFrame.HeaderSize + 20)]);

        var report = await AssertStartCutAsync(segment, at: 0, "h");
        Assert.Empty(report.TornTails);
    }

    [Theory]
    [InlineData(0)]    // cut to zero bytes
    [InlineData(-1)]   // zeros only (its size reached the disk, its bytes did not)
    [InlineData(5)]    // cut inside its first record (the snapshot's mark)
    [InlineData(20)]   // cut inside the snapshot after the mark
    public async Task LiveSegmentAfterACleanStopCutShortOfItsSnapshots_HallReportedLostByName_FileNamed_HealthDegraded(int keep)
    {
        // A clean stop snapshots the halls into a new segment and archives the older ones, so the check of the start's
        // records (in segment 0) no longer runs: the live segment cut to nothing read as an empty, intact log, and the
        // hall (added at run time, so the marker does not name it: the archive does) vanished without a report.
        await using (var engine = _kit.Engine(snapshotAtStop: true))
        {
            var hall = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
        }

        var segment = Assert.Single(_kit.Segments());
        Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(segment)); // segment 0 is in the archive
        var bytes = File.ReadAllBytes(segment);
        var mark = JournalFrame.HeaderSize + System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes);
        Assert.InRange(mark, 6, 19);
        File.WriteAllBytes(segment, keep < 0 ? new byte[bytes.Length] : bytes[..keep]);

        var report = await AssertStartCutAsync(segment, at: keep > mark ? mark : 0, "h");
        Assert.Empty(report.TornTails); // not a write a crash cut short: those snapshots were on disk before segment 0 went
    }

    [Fact]
    public async Task LiveSegmentAfterACleanStopAndRestartCutToZeroBytes_NoArchive_HallNamedFromTheReadyMarker()
    {
        // Without the archive (a retention of zero) the halls are named as the generation's start wrote them.
        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            var hall = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            await hall.OpenDayAsync();
        }

        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            engine.Start();
            Assert.True(engine.TryGetHall("h", out var hall));
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
        }

        Assert.Empty(_kit.Archived());
        var segment = Assert.Single(_kit.Segments());
        Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(segment));
        File.WriteAllBytes(segment, []);

        await AssertStartCutAsync(segment, at: 0, "h");
    }

    [Fact]
    public async Task ReadyMarkerOfTheShardCountOnly_IntactLog_RecoveredAsBefore()
    {
        // A marker written before it recorded the start (the shard count alone) asks for no check of the start.
        var segment = await RestartedGenerationsSegment("h");
        var generation = Generation();
        File.WriteAllText(Path.Combine(generation, "ready"), "1\n");
        Assert.True(File.Exists(segment));

        await using var engine = _kit.Engine();
        engine.Start();
        Assert.Empty(engine.Recovery!.Damage);
        Assert.Empty(engine.Recovery.TornTails);
        Assert.Empty(engine.Recovery.LostHalls);
        Assert.Equal(["h"], engine.Recovery.Halls);
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.Equal(6, (await hall.SaveStateAsync()).Tickets.Length);
        Assert.Empty(Directory.GetDirectories(_kit.Directory, "*.damaged"));
    }

    [Fact]
    public void ReadyMarker_HallIdsWithSpacesAndLineBreaks_ReadBackAsWritten_ShardCountAloneHasNoStarts()
    {
        var text = ReadyMarker.Format([new ShardStart(1834, ["north hall", "a\nb", "é"]), new ShardStart(0, [])], rulesVersion: 3);
        Assert.Equal("2\nshard 0 start 1834 north%20hall a%0Ab %C3%A9\nshard 1 start 0\nrules 3\n", text);
        var marker = ReadyMarker.Parse(text);
        Assert.Equal(2, marker.Shards);
        Assert.Equal(3, marker.RulesVersion);
        Assert.Equal(0, ReadyMarker.Parse("2\nshard 0 start 1834 north%20hall a%0Ab %C3%A9\nshard 1 start 0\n").RulesVersion); // an older engine's
        Assert.Equal(1834, ReadyMarker.Parse("2\nshard 0 start 1834 north%20hall a%0Ab %C3%A9\nshard 1 start 0\n").Starts![0].Length);
        Assert.Equal(["north hall", "a\nb", "é"], marker.Starts![0].Halls);
        Assert.Equal(1834, marker.Starts[0].Length);
        Assert.Empty(marker.Starts[1].Halls);
        Assert.Equal(0, marker.SegmentBytes); // not written: unknown
        var sized = ReadyMarker.Format([new ShardStart(1834, ["north"])], rulesVersion: 3, segmentBytes: 32L << 20);
        Assert.Equal("1\nshard 0 start 1834 north\nsegment 33554432\nrules 3\n", sized);
        Assert.Equal((1, 3, 32L << 20), (ReadyMarker.Parse(sized).Shards!.Value, ReadyMarker.Parse(sized).RulesVersion, ReadyMarker.Parse(sized).SegmentBytes));
        Assert.Equal(1834, ReadyMarker.Parse(sized).Starts![0].Length);
        Assert.Equal(new ReadyMarker(2, null), ReadyMarker.Parse("2\n"));
        Assert.Equal(new ReadyMarker(null, null), ReadyMarker.Parse(""));
    }

    /// <summary>
    /// Writes a hall with tickets, restarts once (the new generation starts with the hall's record), issues one more
    /// ticket there and stops; returns the restarted generation's (only) segment.
    /// </summary>
    private async Task<string> RestartedGenerationsSegment(string id)
    {
        await WriteHalls(shards: 1, id);
        await using (var engine = _kit.Engine())
        {
            engine.Start();
            Assert.True(engine.TryGetHall(id, out var hall));
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess); // acknowledged in this generation
        }

        return Assert.Single(_kit.Segments());
    }

    private async Task<JournalRecovery> AssertStartCutAsync(string segment, long at, string lost)
    {
        var generation = Generation();
        var logs = new TestLoggerProvider();
        await using var engine = _kit.Engine(logs: logs.Factory());
        engine.Start();
        var report = engine.Recovery!;
        Assert.Equal([lost], report.LostHalls);
        Assert.DoesNotContain(lost, report.Halls);
        var damage = Assert.Single(report.Damage);
        Assert.Contains($"{Path.GetRelativePath(_kit.Directory, segment)} at byte {at}:", damage, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains($"Hall {lost} was lost", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Id == 1021 && e.Level == LogLevel.Warning && e.Message.Contains(Path.GetFileName(segment), StringComparison.Ordinal));
        var health = await new QueueCoreHealthCheck(engine).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
        Assert.Contains($"halls lost to the journal's damage: {lost}", health.Description, StringComparison.Ordinal);
        Assert.True(Directory.Exists(generation + ".damaged"), "the damaged generation is kept");
        return report;
    }

    /// <summary>Runs an engine with the halls, issues tickets in each, stops it; returns their states and the tickets per hall.</summary>
    [Fact]
    public async Task Recover_NoJournalYet_LogSaysSo_NotThatAGenerationWasRecovered()
    {
        // A first start logged "recovered 0 halls from generation 0": as if a journal had been found and held nothing,
        // which is also what an operator saw when the data directory was mistyped or its volume not mounted.
        var first = new TestLoggerProvider();
        await using (var engine = _kit.Engine(logs: first.Factory()))
        {
            engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
        }

        var empty = Assert.Single(first.Entries, e => e.Message.StartsWith("Journal in ", StringComparison.Ordinal) && e.Message.Contains("recovered", StringComparison.Ordinal));
        Assert.Contains("no journal there yet", empty.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("generation", empty.Message, StringComparison.Ordinal);

        var second = new TestLoggerProvider();
        await using (var engine = _kit.Engine(logs: second.Factory()))
        {
            engine.Start();
        }

        Assert.Contains(second.Entries, e => e.Message.Contains("generation 1 recovered (halls: 1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recover_OneHall_LogSaysTheHallWasRecovered_NotAdded_InPlainWords()
    {
        // A restart logged "recovered 1 halls", then "Hall h added to shard 0" for the hall it had just recovered: an
        // operator reading it could not tell a recovered hall from one the configuration added afresh (its day lost).
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
        }

        var logs = new TestLoggerProvider();
        await using (var engine = _kit.Engine(logs: logs.Factory()))
        {
            engine.Start();
        }

        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("1 halls", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("added to shard", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Hall h recovered from the journal onto shard 0", StringComparison.Ordinal));
    }

    private async Task<(Dictionary<string, string> States, int Tickets)> WriteHalls(int shards, params string[] ids)
    {
        var states = new Dictionary<string, string>();
        await using var engine = _kit.Engine(shards);
        var halls = ids.Select(id => engine.AddHall(JournalKit.Hall(id))).ToArray();
        engine.Start();
        foreach (var hall in halls)
        {
            await hall.OpenDayAsync();
            for (var i = 0; i < 5; i++)
            {
                Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
            }

            states[hall.Id] = await JournalKit.StateJson(hall);
        }

        return (states, 5);
    }

    private string Generation() => Assert.Single(Directory.GetDirectories(_kit.Directory, "gen-*"), d => !d.EndsWith(".damaged", StringComparison.Ordinal));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task Restart_BatchedMode_TheStartsHallRecordsAreFsyncedBeforeItsGenerationIsMarkedReady()
    {
        // The batched mode fsyncs on its beat (here 10 s away on a frozen clock). The start's records are a hall's whole
        // state: marked ready while only in the OS, a power loss kept the marker and lost the halls.
        var time = new FakeTimeProvider();
        var options = new QueueEngineOptions
        {
            Journal = new JournalOptions { Directory = _kit.Directory, Mode = JournalMode.Batched, FlushInterval = TimeSpan.FromSeconds(10) },
        };
        await using (var engine = new QueueEngine(options, time))
        {
            var hall = engine.AddHall(JournalKit.SmallHall("east"));
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
        }

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var syncs = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "queuecore.journal.sync.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref syncs));
        listener.Start();

        await using var again = new QueueEngine(options, time, meterFactory: meters);
        Assert.True(Volatile.Read(ref syncs) >= 1, "the start's records were fsynced before the constructor returned");
        Assert.True(again.TryGetHall("east", out _));
    }

}
