using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Audit;

/// <summary>Resume by sequence as a call screen does it after the server restarted: the hall has had no subscriber yet,
/// the screen comes back with the last number it saw, and the hall goes on taking commands meanwhile.</summary>
public sealed class ResumeAuditTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static HallDefinition Hall() => new()
    {
        Id = "resume",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }],
    };

    [Fact]
    public async Task Subscribe_AfterTheLastSequenceSeen_FirstSubscriberWhileACommandIsApplied_GetsTheEventNotLagged()
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 }, new FakeTimeProvider(AuditKit.T0));
        var hall = engine.AddHall(Hall());
        engine.Start();
        await hall.OpenDayAsync().AsTask().WaitAsync(Timeout); // sequence 1: what the screen saw before it reconnected

        // Pin the interleaving a busy hall has at random: the shard is between two rounds when the screen subscribes
        // and a kiosk's ticket arrives, so it applies the ticket (event 2) before it attaches the screen.
        using var parked = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var armed = 1;
        hall.Shard.BeforeEachRound = () =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                parked.Set();
                release.Wait(Timeout);
            }
        };
        Assert.True(parked.Wait(Timeout));
        using var screen = hall.Subscribe(afterSequence: 1L);
        var issue = hall.IssueTicketAsync(1);
        release.Set();
        Assert.True((await issue.AsTask().WaitAsync(Timeout)).IsSuccess);

        // The screen missed nothing it could not be given: event 2 came after it asked to resume after 1.
        var read = await screen.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.True(read.IsEvent, $"the screen was told {read.Status} after {read.LastSequence} though it missed only event 2");
        Assert.Equal(2, read.Event.Sequence);
        Assert.Equal(HallEventKind.TicketIssued, read.Event.Kind);
    }
}
