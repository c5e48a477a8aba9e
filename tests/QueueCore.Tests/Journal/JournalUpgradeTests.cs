using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Engine;
using QueueCore.Tests.Snapshots;

namespace QueueCore.Tests.Journal;

/// <summary>
/// A hall manager upgrading the server (stop, start the new version) expects every ticket as it was. Recovery replays
/// the commands after each hall's snapshot, and a new version may apply them by other rules: so a graceful stop leaves
/// nothing to replay, and a tail that must be replayed under other rules (a crash, then an upgrade) is reported.
/// </summary>
public sealed class JournalUpgradeTests : IDisposable
{
    private const int TailReplayedUnderOtherRules = 1063;

    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Theory]
    [InlineData(JournalMode.Durable)]
    [InlineData(JournalMode.Batched)]
    public async Task GracefulStop_ThenStart_ReplaysNoCommand_HallsIdentical(JournalMode mode)
    {
        string[] ids = ["east", "north", "west"];
        var before = new Dictionary<string, string>();
        await using (var engine = _kit.Engine(shards: 2, mode, segmentBytes: 64 << 10, snapshotAtStop: true))
        {
            var halls = ids.Select(id => engine.AddHall(JournalKit.Hall(id))).ToArray();
            engine.Start();
            var random = new Random(3);
            var tickets = ids.ToDictionary(id => id, _ => new List<long>());
            foreach (var hall in halls)
            {
                Assert.True((await hall.OpenDayAsync()).IsSuccess);
            }

            for (var i = 0; i < 3000; i++)
            {
                var hall = halls[random.Next(halls.Length)];
                var result = await hall.SubmitAsync(RandomHallTraffic.Next(random, tickets[hall.Id], TimeProvider.System.GetUtcNow()));
                if (result.Ticket != 0 && !tickets[hall.Id].Contains(result.Ticket))
                {
                    tickets[hall.Id].Add(result.Ticket);
                }
            }

            foreach (var hall in halls)
            {
                before[hall.Id] = await JournalKit.StateJson(hall);
            }
        }

        await using var again = _kit.Engine(shards: 2, mode, segmentBytes: 64 << 10, snapshotAtStop: true);
        again.Start();
        var recovery = again.Recovery!;
        Assert.Empty(recovery.Damage);
        Assert.Equal(ids, recovery.Halls);
        Assert.Equal(0, recovery.Commands); // every hall from its stop snapshot: no command replayed, under any rules
        Assert.Empty(recovery.OtherRulesTails);
        foreach (var id in ids)
        {
            Assert.True(again.TryGetHall(id, out var hall));
            Assert.Equal(before[id], await JournalKit.StateJson(hall));
        }
    }

    [Fact]
    public async Task StopWithoutSnapshots_NextStartReplaysTheCommands()
    {
        await using (var engine = _kit.Engine(snapshotAtStop: false))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.IssueTicketAsync(1);
        }

        await using var again = _kit.Engine(snapshotAtStop: true);
        again.Start();
        Assert.True(again.Recovery!.Commands >= 2, $"{again.Recovery.Commands} commands replayed"); // as after a crash
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Single((await recovered.SaveStateAsync()).Tickets);
    }

    [Fact]
    public async Task GracefulStop_EngineNeverStarted_RecoveredHallsStillReplayNothing()
    {
        await using (var engine = _kit.Engine(snapshotAtStop: true))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.IssueTicketAsync(1);
        }

        await using (var idle = _kit.Engine(snapshotAtStop: true))
        {
            Assert.Equal(0, idle.Recovery!.Commands); // constructed and disposed without a start
        }

        await using var again = _kit.Engine(snapshotAtStop: true);
        again.Start();
        Assert.Equal(0, again.Recovery!.Commands);
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Single((await recovered.SaveStateAsync()).Tickets);
    }

    [Theory]
    [InlineData("rules 7\n", 7)] // written by an engine whose rules differ
    [InlineData("", 0)]          // written before rules versions were recorded (no rules line): version 0
    public async Task TailWrittenUnderOtherRules_ReplayedAndReported_HallNamedWithVersionsAndCount(string rulesLine, int writtenUnder)
    {
        var (live, commands) = WriteGeneration("h", rulesLine);
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();

        await using var engine = _kit.Engine(logs: factory, snapshotAtStop: true);
        engine.Start();

        var recovery = engine.Recovery!;
        Assert.Empty(recovery.Damage);
        Assert.Equal(writtenUnder, recovery.WrittenUnderRules);
        Assert.Equal(commands, recovery.Commands);
        var tail = Assert.Single(recovery.OtherRulesTails);
        Assert.Equal(("h", writtenUnder, (long)commands), (tail.Hall, tail.WrittenUnder, tail.Commands));

        var warning = Assert.Single(logs.Entries, e => e.Id == TailReplayedUnderOtherRules);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Hall h", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"{commands} commands", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"rules version {writtenUnder}", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"rules version {QueueEngine.RulesVersion}", warning.Message, StringComparison.Ordinal);

        // The tickets are still there (better than none), and the hall manager's health check says to look at them.
        Assert.True(engine.TryGetHall("h", out var hall));
        Assert.Equal(Tickets(live.SaveState()), Tickets(await hall.SaveStateAsync()));
        var health = await new QueueCoreHealthCheck(engine).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("h", (string[])health.Data["journal.otherRulesTails"]);
    }

    [Fact]
    public async Task TailWrittenUnderTheseRules_ReplayedWithoutWarning()
    {
        var (_, commands) = WriteGeneration("h", $"rules {QueueEngine.RulesVersion}\n");
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();

        await using var engine = _kit.Engine(logs: factory, snapshotAtStop: true);

        Assert.Equal(commands, engine.Recovery!.Commands);
        Assert.Equal(QueueEngine.RulesVersion, engine.Recovery.WrittenUnderRules);
        Assert.Empty(engine.Recovery.OtherRulesTails);
        Assert.DoesNotContain(logs.Entries, e => e.Id == TailReplayedUnderOtherRules);
    }

    [Fact]
    public async Task Start_MarksItsGenerationWithTheseRules_SoACrashAfterItIsReplayedWithoutWarning()
    {
        var copy = _kit.Directory + "-crash";
        try
        {
            await using (var engine = _kit.Engine(snapshotAtStop: true))
            {
                var hall = engine.AddHall(JournalKit.Hall("h"));
                engine.Start();
                await hall.OpenDayAsync();
                await hall.IssueTicketAsync(1);
                JournalKit.CopyDirectory(_kit.Directory, copy); // what a crash leaves: the commands after the start's records
            }

            await using var recovered = _kit.Engine(directory: copy, snapshotAtStop: true);
            Assert.True(recovered.Recovery!.Commands >= 2, $"{recovered.Recovery.Commands} commands replayed"); // the day's opening and the issue
            Assert.Equal(QueueEngine.RulesVersion, recovered.Recovery.WrittenUnderRules);
            Assert.Empty(recovered.Recovery.OtherRulesTails);
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    /// <summary>
    /// Writes a ready generation by hand, as an engine that crashed would have left it: a hall record, then its
    /// commands; the marker ends in <paramref name="rulesLine"/>. Returns the hall as the commands left it and their count.
    /// </summary>
    private (Hall Live, int Commands) WriteGeneration(string id, string rulesLine)
    {
        var log = new HandWrittenLog();
        var (live, commands) = HandWrittenLog.Traffic(id, seed: 5);
        log.HallRecord(JournalRecordKind.Hall, 0, live.Definition, live.SaveState());
        var start = log.Bytes().Length;
        log.Commands(0, live, commands);
        var generation = JournalStore.GenerationPath(_kit.Directory, 1);
        var shard = JournalStore.ShardPath(generation, 0);
        Directory.CreateDirectory(shard);
        File.WriteAllBytes(Path.Combine(shard, JournalWriter.SegmentName(0)), log.Bytes());
        File.WriteAllText(Path.Combine(generation, "ready"), $"1\nshard 0 start {start} {id}\n{rulesLine}");
        return (live, commands.Length);
    }

    /// <summary>Each ticket's id and number (the engine's timers go on changing the rest, such as wait-limit alerts, once it runs).</summary>
    private static string Tickets(HallState state) => string.Join(",", state.Tickets.Select(t => $"{t.Id}:{t.Number}"));
}
