namespace QueueCore.Tests.Engine;

public class CommandCompletionTests
{
    [Fact]
    public async Task GetResult_CancelledResultAwaitedTwice_ThrowsForTheMisuserOnly()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);
        using var cts = new CancellationTokenSource();

        ValueTask<CommandResult>[] others;
        using (var gate = ShardGate.Park(hall))
        {
            var misused = hall.IssueTicketAsync(1, cancellationToken: cts.Token);
            await cts.CancelAsync();
            Assert.Equal(QueueError.Cancelled, (await misused.Bounded()).Error);

            // The second await is the misuse: it must fail here, and must not hand the source (still queued
            // behind the gate) back to the pool for the next callers.
            await Assert.ThrowsAsync<InvalidOperationException>(() => misused.Bounded());
            others = [.. Enumerable.Range(0, 8).Select(_ => hall.IssueTicketAsync(1))];
        }

        var numbers = new List<string>();
        foreach (var other in others)
        {
            var r = await other.Bounded();
            Assert.True(r.IsSuccess, r.ToString());
            numbers.Add(r.Number.ToString());
        }

        // The cancelled issue was never applied: the other callers got A001 to A008, each their own.
        Assert.Equal([.. Enumerable.Range(1, 8).Select(i => $"A{i:000}")], numbers);
        Assert.Equal(8, (await hall.GetSnapshotAsync().Bounded()).TotalWaiting);
    }

    [Fact]
    public async Task GetResult_StaleTokenAfterRecycle_ThrowsAndLeavesTheNewCallerAlone()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        var first = hall.IssueTicketAsync(1);
        Assert.True((await first.Bounded()).IsSuccess); // both holders released: the source is back in the pool

        var second = hall.IssueTicketAsync(1); // most likely the same source, armed again
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.Bounded());

        var r = await second.Bounded();
        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal("A002", r.Number.ToString());
    }

    [Fact]
    public async Task GetStatus_ResultAwaitedTwice_ThrowsSayingToAwaitOnce()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var lifetime = engine;
        await EngineTestKit.OpenAsync(hall);

        var issue = hall.IssueTicketAsync(1);
        Assert.True((await issue.Bounded()).IsSuccess);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await issue);

        Assert.Contains("await a submitted command once", error.Message, StringComparison.Ordinal);
    }
}
