using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Audit;

/// <summary>The engine as an integrator uses it: resume by sequence at the history's edges, retries across restore and
/// redefinition, halls re-added from saved state.</summary>
public sealed class EngineAuditTests
{
    private static HallDefinition Hall(string id = "engine") => new()
    {
        Id = id,
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }],
    };

    private static (QueueEngine Engine, HallHandle Hall) Start(int history = 16)
    {
        var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1, HistorySize = history }, new FakeTimeProvider(AuditKit.T0));
        var hall = engine.AddHall(Hall());
        engine.Start();
        return (engine, hall);
    }

    private static async Task<List<long>> Drain(EventSubscription s)
    {
        var seen = new List<long>();
        while (s.TryRead(out var e))
        {
            seen.Add(e.Sequence);
        }

        await Task.CompletedTask;
        return seen;
    }

    [Fact]
    public async Task ResumeAfter_ExactlyHistorySizeMissed_ReplaysAll_OneMore_Lagged()
    {
        var (engine, hall) = Start(history: 16);
        await using var _ = engine;
        using (hall.Subscribe())
        {
        }

        await hall.OpenDayAsync();
        for (var i = 0; i < 16; i++)
        {
            Assert.True((await hall.IssueTicketAsync(1)).IsSuccess);
        }

        // 17 events: 1 (day) .. 17; after 1 the 16 missed are all in a history of 16
        using (var resume = hall.Subscribe(afterSequence: 1L))
        {
            await Task.Delay(50);
            Assert.False(resume.Lagged);
            Assert.Equal(Enumerable.Range(2, 16).Select(i => (long)i), await Drain(resume));
        }

        using (var tooFar = hall.Subscribe(afterSequence: 0L))
        {
            Assert.Equal(EventReadStatus.Lagged, (await tooFar.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Status);
        }
    }

    [Fact]
    public async Task ResumeAfter_CurrentSequence_IsLiveNotLagged()
    {
        var (engine, hall) = Start();
        await using var _ = engine;
        await hall.OpenDayAsync();
        using var s = hall.Subscribe(afterSequence: 1L);
        Assert.False(s.Lagged);
        await hall.IssueTicketAsync(1);
        var read = await s.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(read.IsEvent, $"{read.Status} last {read.LastSequence}");
        Assert.Equal(2, read.Event.Sequence);
    }

    [Fact]
    public async Task ResumeAfter_ASequenceAheadOfTheHall_IsLagged()
    {
        var (engine, hall) = Start();
        await using var _ = engine;
        await hall.OpenDayAsync();
        using var s = hall.Subscribe(afterSequence: 50L);
        var read = await s.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EventReadStatus.Lagged, read.Status);
    }

    [Fact]
    public async Task Retry_AfterRedefineAndRestore_GetsFirstTicket()
    {
        var (engine, hall) = Start();
        await using var _ = engine;
        await hall.OpenDayAsync();
        var id = Guid.NewGuid();
        var first = await hall.SubmitAsync(HallCommand.IssueTicket(1).WithRequestId(id));
        var saved = await hall.SaveStateAsync();
        await hall.RedefineAsync(Hall() with { Name = "renamed" });
        Assert.Equal(first.Ticket, (await hall.SubmitAsync(HallCommand.IssueTicket(1).WithRequestId(id))).Ticket);
        await hall.RestoreAsync(saved);
        Assert.Equal(first.Ticket, (await hall.SubmitAsync(HallCommand.IssueTicket(1).WithRequestId(id))).Ticket);
        Assert.Equal(1, (await hall.GetSnapshotAsync()).Services.Sum(s => s.Waiting));
    }

    [Fact]
    public async Task RemovedAndAddedFromSavedState_RetryGetsFirstTicket_NumberingGoesOn()
    {
        var (engine, hall) = Start();
        await using var _ = engine;
        await hall.OpenDayAsync();
        var id = Guid.NewGuid();
        var first = await hall.SubmitAsync(HallCommand.IssueTicket(1).WithRequestId(id));
        var saved = await hall.SaveStateAsync();
        Assert.True(await engine.RemoveHallAsync("engine"));
        var stale = await hall.IssueTicketAsync(1);
        Assert.Equal(QueueError.UnknownHall, stale.Error);
        var again = engine.AddHall(Hall(), saved);
        Assert.Equal(first.Ticket, (await again.SubmitAsync(HallCommand.IssueTicket(1).WithRequestId(id))).Ticket);
        Assert.Equal("A002", (await again.IssueTicketAsync(1)).Number.ToString());
    }

    [Fact]
    public async Task QueueViews_UnknownWindowOrService_ClearError()
    {
        var (engine, hall) = Start();
        await using var _ = engine;
        await hall.OpenDayAsync();
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await hall.GetWindowQueueAsync(99));
        Assert.Contains("99", e.Message);
        var s = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await hall.GetServiceQueueAsync(99));
        Assert.Contains("99", s.Message);
    }

    [Fact]
    public async Task CancelledBeforeSubmit_NotApplied()
    {
        var (engine, hall) = Start();
        await using var _ = engine;
        await hall.OpenDayAsync();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        try
        {
            var r = await hall.IssueTicketAsync(1, cancellationToken: cts.Token);
            Assert.False(r.IsSuccess);
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Equal(0, (await hall.GetSnapshotAsync()).Services.Sum(s => s.Waiting));
    }
}
