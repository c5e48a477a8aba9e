using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A trace through the server as a tracing backend shows it: the kiosk's call (its traceparent), the server's request
/// span, and under it the hall's command span with what came of it.
/// </summary>
public class TracingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TakeTicket_Traced_TheCommandSpanIsAChildOfTheServersRequestSpan()
    {
        var stopped = new ConcurrentQueue<Activity>();
        var traceId = ActivityTraceId.CreateRandom();
        var requestEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "QueueCore" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId != traceId)
                {
                    return; // another test's server, in parallel
                }

                stopped.Enqueue(activity);
                if (activity.Source.Name == "Microsoft.AspNetCore")
                {
                    requestEnded.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await ServerKit.StartAsync(s => s.Output = output);

        // The kiosk's own trace, as an instrumented client sends it.
        var headers = new Metadata { { "traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } };
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }, headers).Bounded();
        await requestEnded.Task.WaitAsync(Rpc.Timeout);

        var request = Assert.Single(stopped, a => a.Source.Name == "Microsoft.AspNetCore");
        var command = Assert.Single(stopped, a => a.OperationName == "QueueCore.Command");
        Assert.Equal(request.SpanId, command.ParentSpanId);
        Assert.Equal(ActivityKind.Internal, command.Kind);
        Assert.Equal(TestHalls.Demo, command.GetTagItem("queuecore.hall"));
        Assert.Equal("IssueTicket", command.GetTagItem("queuecore.command.kind"));
        Assert.Equal(ticket.Id, command.GetTagItem("queuecore.ticket"));
        Assert.Equal(ActivityStatusCode.Unset, command.Status);
    }
}
