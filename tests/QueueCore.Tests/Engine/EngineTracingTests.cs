using System.Diagnostics;

namespace QueueCore.Tests.Engine;

/// <summary>
/// The engine's activities. Their listener listens to the QueueCore source process-wide, and while one listens every
/// submit in the process is traced (its result then no longer comes from the pooled completion): the tests that count
/// a caller's allocations, or await a pooled result twice, would see it. So these run in a collection of their own, not
/// beside other tests.
/// </summary>
[Collection(ActivityListenerCollection.Name)]
public class EngineTracingTests
{
    [Fact]
    public async Task AddHall_InvalidDefinition_ItsActivityEndsInErrorWithTheMessage()
    {
        using var recorder = new ActivityRecorder("QueueCore.Tests.AddHall");
        await using var engine = new QueueEngine(EngineTestKit.Options());
        ArgumentException error;
        Activity? parent;
        using (parent = recorder.Caller.StartActivity("start"))
        {
            engine.AddHall(EngineTestKit.Hall("good"));
            error = Assert.ThrowsAny<ArgumentException>(() => engine.AddHall(EngineTestKit.Hall("bad") with { Categories = [] }));
        }

        var adds = recorder.Stopped("QueueCore.AddHall", parent);

        // A trace of a start that failed shows which hall failed and why, not two halls added.
        Assert.Equal(2, adds.Count);
        var good = adds.Single(a => (string?)a.GetTagItem("queuecore.hall") == "good");
        var bad = adds.Single(a => (string?)a.GetTagItem("queuecore.hall") == "bad");
        Assert.Equal(ActivityStatusCode.Unset, good.Status);
        Assert.Equal(ActivityStatusCode.Error, bad.Status);
        Assert.Equal(error.Message, bad.StatusDescription);
        Assert.Contains(bad.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task SubmitAsync_WhileTraced_EachCommandIsASpanOfTheCallersTrace()
    {
        // A kiosk's request traced through the server showed nothing of the hall: which hall, which command, what came of it.
        using var recorder = new ActivityRecorder("QueueCore.Tests.Command");
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall);
        Activity? parent;
        CommandResult issued, refused;
        using (parent = recorder.Caller.StartActivity("kiosk request"))
        {
            issued = await hall.SubmitAsync(HallCommand.IssueTicket(1));
            refused = await hall.SubmitAsync(HallCommand.IssueTicket(999));
        }

        var spans = recorder.Stopped("QueueCore.Command", parent);
        Assert.Equal(2, spans.Count);
        var ok = spans.Single(a => a.GetTagItem("queuecore.ticket") is not null);
        Assert.Equal((hall.Id, "IssueTicket", issued.Ticket, issued.Number.ToString(), issued.Sequence),
            ((string?)ok.GetTagItem("queuecore.hall"), (string?)ok.GetTagItem("queuecore.command.kind"), (long?)ok.GetTagItem("queuecore.ticket"),
             (string?)ok.GetTagItem("queuecore.ticket.number"), (long?)ok.GetTagItem("queuecore.sequence")));
        Assert.Equal(ActivityStatusCode.Unset, ok.Status);
        var bad = spans.Single(a => a != ok);
        Assert.Equal((ActivityStatusCode.Error, refused.Message, refused.Error.ToString()),
            (bad.Status, bad.StatusDescription, (string?)bad.GetTagItem("queuecore.error")));
    }

    [Fact]
    public async Task SubmitAsync_RefusedCheckIn_ItsSpanDoesNotCarryTheAppointmentCode()
    {
        // Traces go to a store many read and keep; a booking reference is the citizen's, as in the server's logs.
        using var recorder = new ActivityRecorder("QueueCore.Tests.Command");
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await using var _ = engine;
        await EngineTestKit.OpenAsync(hall);
        const string Code = "BK-2026-5551234";
        var slot = engine.TimeProvider.GetUtcNow();
        Activity? parent;
        CommandResult refused;
        using (parent = recorder.Caller.StartActivity("kiosk request"))
        {
            Assert.True((await hall.SubmitAsync(HallCommand.IssueTicket(1, appointment: Code, appointmentSlot: slot))).IsSuccess);
            refused = await hall.SubmitAsync(HallCommand.IssueTicket(1, appointment: Code, appointmentSlot: slot));
        }

        Assert.Equal(QueueError.AlreadyCheckedIn, refused.Error);
        Assert.Contains(Code, refused.Message, StringComparison.Ordinal); // the kiosk's own answer still names it
        var bad = recorder.Stopped("QueueCore.Command", parent).Single(a => a.Status == ActivityStatusCode.Error);
        Assert.Equal("AlreadyCheckedIn", (string?)bad.GetTagItem("queuecore.error"));
        Assert.DoesNotContain(Code, bad.StatusDescription ?? "", StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(bad.StatusDescription));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dispose_StopActivity_LastsUntilTheQueuedCommandsAreApplied(bool async)
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        await EngineTestKit.OpenAsync(hall);
        using var gate = ShardGate.Park(hall);
        var queued = hall.IssueTicketAsync(1);

        // Listening from here on: the queued command itself is not traced, so its result completes on the shard, as the
        // check below reads it (a traced submit's result completes a moment later, on the thread pool).
        using var recorder = new ActivityRecorder("QueueCore.Tests.Stop." + async);
        var drain = TimeSpan.FromMilliseconds(300);
        Activity? parent = null;

        // The shard drains 300 ms after the stop's span has started. Counted from before the call instead, a test thread
        // that a loaded machine kept off its core for half of that between the two left the span shorter than its bound.
        recorder.Started = a =>
        {
            if (a.OperationName == "QueueCore.Stop" && parent is not null && a.ParentSpanId == parent.SpanId)
            {
                _ = Task.Delay(drain).ContinueWith(_ => gate.Release(), TaskScheduler.Default);
            }
        };
        var stopping = Stopwatch.StartNew();
        using (parent = recorder.Caller.StartActivity("host stop"))
        {
            if (async)
            {
                await engine.DisposeAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
            }
            else
            {
                engine.Dispose();
            }
        }

        var took = stopping.Elapsed;
        Assert.True(queued.IsCompleted, "the queued command was applied before the stop returned");
        var stop = Assert.Single(recorder.Stopped("QueueCore.Stop", parent));

        // A trace shows how long the engine took to stop: the span covers the drain (about 300 ms; timers are coarse,
        // so half of it is the bound), not just the closing of the rings (microseconds).
        Assert.True(stop.Duration >= drain / 2, $"QueueCore.Stop lasted {stop.Duration}; the stop took {took}");
    }
}

/// <summary>Tests that attach a listener to the QueueCore activity source: run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ActivityListenerCollection
{
    public const string Name = "QueueCore activity listeners";
}
