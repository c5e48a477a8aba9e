using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>
/// An upgrade must not lose a hall whose definition a newer release would refuse (prefixes "B" and "b", a negative
/// proficiency): the journal and a saved state accepted it when they were written, so it restores, with a warning
/// naming the hall and the rule; adding the same definition anew is still refused.
/// </summary>
public sealed class LaterRuleRecoveryTests : IDisposable
{
    private const int RestoredBreakingLaterRule = 1067;
    private static readonly DateTimeOffset Morning = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    public static TheoryData<string, string> LaterRules() => new()
    {
        { "case", "differ only in letter case" },
        { "proficiency", "Proficiency of -1" },
    };

    [Theory]
    [MemberData(nameof(LaterRules))]
    public async Task Recovery_HallRecordBreakingALaterRule_HallBackWithItsTickets_WarningNamesHallAndRule(string rule, string ruleText)
    {
        var (definition, state) = HallWithWaitingTickets(rule);
        WriteGeneration(definition, state);
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();

        await using var engine = _kit.Engine(logs: factory, time: new FakeTimeProvider(Morning.AddMinutes(10)), snapshotAtStop: true);
        engine.Start();

        Assert.Empty(engine.Recovery!.Damage);
        Assert.Empty(engine.Recovery.LostHalls);
        Assert.True(engine.TryGetHall("h", out var hall));
        var restored = await hall.SaveStateAsync();
        Assert.Equal(Waiting(state), Waiting(restored));
        Assert.Equal(state.Categories.Single(c => c.Id == "A").Sequence, restored.Categories.Single(c => c.Id == "A").Sequence);
        Assert.Equal(state.Day, restored.Day);
        var next = await hall.IssueTicketAsync(new ServiceItemList([1]));
        Assert.True(next.IsSuccess, next.Message);
        Assert.Equal("A004", next.Number.ToString());

        AssertWarned(logs, ruleText);
    }

    /// <summary>One Warning naming the hall and the later rule its definition breaks.</summary>
    private static void AssertWarned(TestLoggerProvider logs, string ruleText)
    {
        var warning = Assert.Single(logs.Entries, e => e.Id == RestoredBreakingLaterRule);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Hall h", warning.Message, StringComparison.Ordinal);
        Assert.Contains(ruleText, warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LaterRules))]
    public async Task AddHall_SavedStateBreakingALaterRule_RestoredWithWarning_ButTheDefinitionAloneIsRefused(string rule, string ruleText)
    {
        var (definition, state) = HallWithWaitingTickets(rule);
        var logs = new TestLoggerProvider();
        using var factory = logs.Factory();
        await using var engine = new QueueEngine(timeProvider: new FakeTimeProvider(Morning.AddMinutes(10)), loggerFactory: factory);

        var refused = Assert.Throws<ArgumentException>(() => engine.AddHall(definition));
        Assert.Contains(ruleText, refused.Message, StringComparison.Ordinal);

        var hall = engine.AddHall(definition, state);
        engine.Start();
        Assert.Equal(Waiting(state), Waiting(await hall.SaveStateAsync()));
        AssertWarned(logs, ruleText);
    }

    [Theory]
    [MemberData(nameof(LaterRules))]
    public async Task RedefineAsync_DefinitionBreakingALaterRule_StillRefused(string rule, string ruleText)
    {
        var (definition, _) = HallWithWaitingTickets(rule);
        await using var engine = new QueueEngine();
        var hall = engine.AddHall(Valid());
        engine.Start();

        var refused = await Assert.ThrowsAsync<ArgumentException>(async () => await hall.RedefineAsync(definition));
        Assert.Contains(ruleText, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_DefinitionThatCannotBeCompiled_StillRefused()
    {
        var (_, state) = HallWithWaitingTickets("case");
        var broken = Valid() with { Windows = [new() { Id = 1, Skills = [new() { Service = 99 }] }] }; // an item the hall lacks

        var refused = Assert.Throws<ArgumentException>(() => Hall.Restore(broken, state));
        Assert.Contains("unknown service item 99", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A valid hall with the day open and three waiting A tickets, saved, and its definition changed to break
    /// <paramref name="rule"/> (as an earlier release let it be written): the state fits both.</summary>
    private static (HallDefinition Definition, HallState State) HallWithWaitingTickets(string rule)
    {
        var live = new Hall(Valid());
        Assert.True(live.Apply(HallCommand.OpenDay(), Morning).IsSuccess);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(live.Apply(HallCommand.IssueTicket(new ServiceItemList([1])), Morning.AddMinutes(i + 1)).IsSuccess);
        }

        var valid = Valid();
        var definition = rule switch
        {
            "case" => valid with { Categories = [valid.Categories[0], valid.Categories[1] with { Prefix = "a" }] },
            _ => valid with { Windows = [valid.Windows[0] with { Skills = [new() { Service = 1, Proficiency = -1 }, new() { Service = 2 }] }] },
        };
        return (definition, live.SaveState());
    }

    private static HallDefinition Valid() => new()
    {
        Id = "h",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "B" }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] }],
    };

    private static string Waiting(HallState state) =>
        string.Join(",", state.Tickets.Where(t => t.State == TicketState.Waiting).Select(t => $"{t.Id}:{t.Prefix}{t.Number}"));

    /// <summary>A ready generation holding one hall record, as a release before the rule wrote it.</summary>
    private void WriteGeneration(HallDefinition definition, HallState state)
    {
        var log = new HandWrittenLog();
        log.HallRecord(JournalRecordKind.Hall, 0, definition, state);
        var generation = JournalStore.GenerationPath(_kit.Directory, 1);
        var shard = JournalStore.ShardPath(generation, 0);
        Directory.CreateDirectory(shard);
        File.WriteAllBytes(Path.Combine(shard, JournalWriter.SegmentName(0)), log.Bytes());
        File.WriteAllText(Path.Combine(generation, "ready"), $"1\nshard 0 start {log.Bytes().Length} h\nrules {QueueEngine.RulesVersion}\n");
    }
}
