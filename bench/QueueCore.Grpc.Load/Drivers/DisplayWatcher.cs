using System.Diagnostics;
using Grpc.Core;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// One call screen: watches a hall and, for every call it receives, records the time since the terminal sent it.
/// It also checks what a screen must never see: a call out of order or twice (a sequence not above the last call's).
/// </summary>
internal sealed class DisplayWatcher(Display.DisplayClient client, string hall, CallClock clock, LatencyRecorder delays)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Hall => hall;

    /// <summary>Completes when the first update (the snapshot) arrived.</summary>
    public Task Started => _started.Task;

    /// <summary>Calls sent inside the measure window that this screen received.</summary>
    public long Delivered { get; private set; }

    /// <summary>Calls this screen received inside the measure window (whenever they were sent).</summary>
    public long ReceivedInWindow { get; private set; }

    /// <summary>Updates of any kind received (snapshot, calls, clears, waiting counts).</summary>
    public long Updates { get; private set; }

    /// <summary>Calls whose sequence was not above the previous call's: shown twice or out of order.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Calls whose send time was not known (should stay 0).</summary>
    public long Unmatched { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var call = client.Watch(new WatchDisplayRequest { Hall = hall }, Devices.Display, cancellationToken: cancellationToken);
            long lastCall = 0;
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                var now = Stopwatch.GetTimestamp();
                var update = call.ResponseStream.Current;
                Updates++;
                _started.TrySetResult();
                if (update.UpdateCase != DisplayUpdate.UpdateOneofCase.Call)
                {
                    continue;
                }

                OutOfOrder += update.Sequence <= lastCall ? 1 : 0;
                lastCall = update.Sequence;
                ReceivedInWindow += clock.Window.Contains(now) ? 1 : 0;
                var sent = clock.SentAt(update.Call.Ticket, update.Call.Window);
                if (sent == 0)
                {
                    Unmatched++;
                }
                else if (clock.Window.Contains(sent))
                {
                    Delivered++;
                    delays.Record(sent, now);
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            // The server is stopping (its streams end with Unavailable): the screen's count so far is what it saw.
            _started.TrySetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException && cancellationToken.IsCancellationRequested)
        {
        }
        catch (RpcException e)
        {
            _started.TrySetException(e);
            throw;
        }
    }
}
