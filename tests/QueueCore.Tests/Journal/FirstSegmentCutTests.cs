using System.Buffers.Binary;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// The first segment of a generation's live log is cut (truncated) at every record boundary, and inside each record:
/// every hall is either recovered with its tickets or reported lost (damage, <see cref="JournalRecovery.LostHalls"/>,
/// the log at Error, health degraded), never silently gone. That segment begins with the round of snapshots whose fsync
/// let the older segments go to the archive, so a cut inside it is damage from outside, not a write a crash cut short.
/// A cut between one hall's snapshot and the next hall's mark read as a clean or torn end: the later halls vanished.
/// </summary>
public sealed class FirstSegmentCutTests : IDisposable
{
    private static readonly string[] Ids = ["h0", "h1", "h2"];
    private readonly JournalKit _kit = new();
    private readonly Dictionary<string, string> _tickets = [];

    public void Dispose() => _kit.Dispose();

    public enum Layout
    {
        /// <summary>Halls added at run time, stopped cleanly: the live segment begins with the stop's round of snapshots; the archive names the halls.</summary>
        StopRoundWithArchive,

        /// <summary>Halls recovered at a restart, stopped cleanly with a retention of zero: the stop's round, no archive; the ready marker names the halls.</summary>
        StopRoundWithoutArchive,
    }

    [Theory]
    [InlineData(Layout.StopRoundWithArchive)]
    [InlineData(Layout.StopRoundWithoutArchive)]
    public async Task FirstLiveSegmentCutAnywhere_EveryHallRecoveredIntactOrReportedLost_NeverSilentlyGone(Layout layout)
    {
        var before = await WriteAsync(layout);
        var segment = _kit.Segments()[0];
        var bytes = File.ReadAllBytes(segment);
        // The stop's round of snapshots: a mark and a snapshot per hall (and, written since, the mark it begins with).
        var boundaries = Boundaries(bytes);
        var cuts = boundaries.SelectMany(b => new[] { b, b + 3 }).Where(c => c < boundaries[^1]).Order().ToList();
        var problems = new List<string>();
        foreach (var cut in cuts)
        {
            var copy = _kit.Directory + "-cut-" + cut;
            try
            {
                JournalKit.CopyDirectory(_kit.Directory, copy);
                var copied = Path.Combine(copy, Path.GetRelativePath(_kit.Directory, segment));
                File.WriteAllBytes(copied, bytes[..cut]);
                problems.AddRange(await CheckAsync(copy, cut, before, archiveRetention: layout == Layout.StopRoundWithoutArchive ? TimeSpan.Zero : null));
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task HallRemovedBeforeACleanStop_NoArchive_RestartReportsNothingLost()
    {
        // The round says how many halls the shard had, so a hall removed before it (its removal gone with the archive)
        // must be accounted for by the round itself, not taken for a hall the cut lost.
        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            var halls = Ids.Select(id => engine.AddHall(JournalKit.SmallHall(id))).ToArray();
            engine.Start();
            Assert.True((await halls[2].OpenDayAsync()).IsSuccess);
        }

        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            engine.Start();
            Assert.True(await engine.RemoveHallAsync("h0"));
            Assert.True(engine.TryGetHall("h2", out var hall));
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
        }

        Assert.Empty(_kit.Archived());
        await using var again = _kit.Engine(archiveRetention: TimeSpan.Zero);
        again.Start();
        Assert.Empty(again.Recovery!.Damage);
        Assert.Empty(again.Recovery.LostHalls);
        Assert.Equal(["h1", "h2"], again.Recovery.Halls);
    }

    [Fact]
    public async Task HallRemovedThenSegmentsRollOver_NoArchive_CrashImageRecoversEveryHallWithoutDamage()
    {
        // The roll-over's rounds (not only the stop's) begin with the hall count and repeat earlier removals: a crash
        // image taken after several of them recovers as it stood, nothing reported lost.
        var copy = _kit.Directory + "-crash";
        try
        {
            await using (var engine = _kit.Engine(segmentBytes: 64 << 10, archiveRetention: TimeSpan.Zero))
            {
                var halls = Ids.Select(id => engine.AddHall(JournalKit.SmallHall(id))).ToArray();
                engine.Start();
                Assert.True(await engine.RemoveHallAsync("h1"));
                Assert.True((await halls[0].OpenDayAsync()).IsSuccess);
                Assert.True((await halls[0].OpenWindowAsync(1)).IsSuccess);
                await JournalKit.ServeAsync(halls[0], 1200);
                Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(_kit.Segments()[0])); // rolled over, segment 0 gone
                _tickets["h0"] = await JournalKit.StateJson(halls[0]);
                JournalKit.CopyDirectory(_kit.Directory, copy); // what a crash leaves
            }

            await using var again = _kit.Engine(directory: copy, archiveRetention: TimeSpan.Zero);
            again.Start();
            Assert.Empty(again.Recovery!.Damage);
            Assert.Empty(again.Recovery.LostHalls);
            Assert.Equal(["h0", "h2"], again.Recovery.Halls);
            Assert.True(again.TryGetHall("h0", out var hall));
            Assert.Equal(_tickets["h0"], await JournalKit.StateJson(hall));
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    /// <summary>Starts an engine on the cut copy; returns what is wrong (a hall gone unreported, or changed).</summary>
    private async Task<List<string>> CheckAsync(string directory, int cut, Dictionary<string, string> before, TimeSpan? archiveRetention)
    {
        var problems = new List<string>();
        var logs = new TestLoggerProvider();
        await using var engine = _kit.Engine(directory: directory, logs: logs.Factory(), archiveRetention: archiveRetention);
        engine.Start();
        var report = engine.Recovery!;
        foreach (var id in Ids)
        {
            if (engine.TryGetHall(id, out var hall))
            {
                // Past reported damage a hall kept as it stood moves its numbering on (a gap, never a number twice): its
                // tickets must still be the ones it had.
                var same = report.Damage.Count == 0
                    ? await JournalKit.StateJson(hall) == before[id]
                    : System.Text.Json.JsonSerializer.Serialize((await hall.SaveStateAsync()).Tickets) == _tickets[id];
                if (!same)
                {
                    problems.Add($"cut at {cut}: hall {id} came back other than it stood");
                }
            }
            else if (!report.LostHalls.Contains(id))
            {
                problems.Add($"cut at {cut}: hall {id} is gone and not reported lost (damage: [{string.Join("; ", report.Damage)}], torn: [{string.Join("; ", report.TornTails)}])");
            }
            else if (!logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains($"Hall {id} was lost", StringComparison.Ordinal)))
            {
                problems.Add($"cut at {cut}: hall {id} is reported lost but not logged at Error");
            }
        }

        if (report.LostHalls.Count != 0)
        {
            if (report.Damage.Count == 0)
            {
                problems.Add($"cut at {cut}: halls lost without damage reported");
            }

            if (report.TornTails.Count != 0)
            {
                problems.Add($"cut at {cut}: a cut that lost halls is reported as a torn write too: {report.TornTails[0]}");
            }

            var health = await new QueueCoreHealthCheck(engine).CheckHealthAsync(new());
            if (health.Status != HealthStatus.Degraded)
            {
                problems.Add($"cut at {cut}: health {health.Status} with halls lost");
            }
        }

        return problems;
    }

    /// <summary>Writes the three halls with tickets as <paramref name="layout"/> says; returns each hall's state at the end.</summary>
    private async Task<Dictionary<string, string>> WriteAsync(Layout layout)
    {
        var states = new Dictionary<string, string>();
        var retention = layout == Layout.StopRoundWithoutArchive ? TimeSpan.Zero : (TimeSpan?)null;
        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: retention))
        {
            var halls = Ids.Select(id => engine.AddHall(JournalKit.SmallHall(id))).ToArray();
            engine.Start();
            foreach (var hall in halls)
            {
                Assert.True((await hall.OpenDayAsync()).IsSuccess);
                Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
                states[hall.Id] = await JournalKit.StateJson(hall);
                _tickets[hall.Id] = System.Text.Json.JsonSerializer.Serialize((await hall.SaveStateAsync()).Tickets);
            }
        }

        if (layout == Layout.StopRoundWithArchive)
        {
            Assert.NotEmpty(_kit.Archived());
        }
        else
        {
            // Restarted: the halls are recovered (the ready marker names them), then each takes one more ticket.
            await using var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: retention);
            engine.Start();
            foreach (var id in Ids)
            {
                Assert.True(engine.TryGetHall(id, out var hall));
                Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
                states[id] = await JournalKit.StateJson(hall);
                _tickets[id] = System.Text.Json.JsonSerializer.Serialize((await hall.SaveStateAsync()).Tickets);
            }
        }

        var first = Path.GetFileName(_kit.Segments()[0]);
        Assert.NotEqual(JournalWriter.SegmentName(0), first); // segment 0 went to the archive after the stop's round
        if (layout == Layout.StopRoundWithoutArchive)
        {
            Assert.Empty(_kit.Archived());
        }

        return states;
    }

    /// <summary>The offsets where each record of <paramref name="bytes"/> starts, and its end.</summary>
    private static List<int> Boundaries(byte[] bytes)
    {
        var at = new List<int>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            at.Add(offset);
            offset += JournalFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
        }

        Assert.Equal(bytes.Length, offset);
        Assert.True(at.Count >= 2 * Ids.Length, "the segment holds a mark and a snapshot per hall");
        at.Add(offset);
        return at;
    }
}
