using Grpc.Core;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>Terminals' <c>WatchWindow</c> streams read together while a busy hall calls its tickets.</summary>
internal static class WindowCallReaders
{
    /// <summary>
    /// Reads every window's stream (its first update already read) until <paramref name="expected"/> calls were shown
    /// over all of them, asserting that each kept up (no fresh <c>Current</c>); bounded by <paramref name="timeout"/>.
    /// The readers start at once. Gives, per window in the order of <paramref name="watches"/>, the ids of the tickets
    /// called to it, in the order shown.
    /// </summary>
    public static async Task<List<long>[]> ReadAsync(
        IReadOnlyList<AsyncServerStreamingCall<WindowUpdate>> watches, int expected, TimeSpan timeout)
    {
        using var allShown = new CancellationTokenSource(timeout);
        var shown = 0;
        return await Task.WhenAll(watches.Select(w => Task.Run(async () =>
        {
            var seen = new List<long>();
            try
            {
                while (await w.ResponseStream.MoveNext(allShown.Token))
                {
                    var update = w.ResponseStream.Current;
                    Assert.NotEqual(WindowUpdate.Types.Change.Current, update.Change); // it kept up
                    if (update.Change == WindowUpdate.Types.Change.Called)
                    {
                        seen.Add(update.Ticket.Id);
                        if (Interlocked.Increment(ref shown) == expected)
                        {
                            await allShown.CancelAsync(); // every call shown at some window: the readers stop
                        }
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Cancelled or StatusCode.Unavailable && allShown.IsCancellationRequested)
            {
                // The readers were told to stop: a read cancelled mid-frame on a loaded machine ends as Unavailable
                // ("the request was aborted"), not Cancelled. Every call was counted before.
            }
            catch (OperationCanceledException) when (allShown.IsCancellationRequested)
            {
            }

            return seen;
        })));
    }
}
