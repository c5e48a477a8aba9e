using System.Diagnostics;
using Grpc.Core;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// A hall's clerks at a steady rate: FinishAndCallNext (the terminal's single "Next" key: the window's ticket is
/// finished and the next one called) on the hall's windows in turn, one call at a time, each sent when due.
/// </summary>
internal sealed class HallCaller(Terminal.TerminalClient terminal, string hall, CallClock clock, LatencyRecorder replies)
{
    private long _refused;

    /// <summary>Calls that failed or found nothing to call (the hall ran out of waiting tickets).</summary>
    public long Refused => Volatile.Read(ref _refused);

    public async Task RunAsync(double callsPerSecond, CancellationToken cancellationToken)
    {
        var period = (long)(Stopwatch.Frequency / callsPerSecond);
        var next = Stopwatch.GetTimestamp() + Random.Shared.NextInt64(period); // halls out of step with each other
        var requests = Enumerable.Range(1, LoadHalls.Windows).Select(w => new WindowRequest { Hall = hall, Window = w }).ToArray();
        var turn = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                else if (wait < TimeSpan.FromSeconds(-1))
                {
                    next = Stopwatch.GetTimestamp(); // more than a second behind: give up the backlog rather than burst
                }

                next += period;
                var request = requests[turn];
                turn = (turn + 1) % requests.Length;
                var sent = Stopwatch.GetTimestamp();
                clock.Sending(request.Window, sent);
                try
                {
                    // Not cancelled when the run stops: a call sent inside the measure window is seen through, so that
                    // its screens' deliveries are expected.
                    var ticket = await terminal.FinishAndCallNextAsync(request, Devices.Terminal, deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30));
                    if (clock.Window.Contains(sent))
                    {
                        replies.Record(sent, Stopwatch.GetTimestamp());
                    }

                    if (ticket.State == V1.TicketState.Called && ticket.Window == request.Window)
                    {
                        clock.Called(ticket.Id, sent);
                    }
                    else
                    {
                        Interlocked.Increment(ref _refused);
                    }
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref _refused);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
