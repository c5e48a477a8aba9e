using System.Collections.Concurrent;
using Grpc.Core;
using QueueCore.Grpc.V1;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// DOMAIN.md's integrity rule 8 through the server: kiosks and terminals in parallel, each of their requests sent twice
/// at once with one request id (a device retrying while its first try is still in flight), a screen and the terminals'
/// own streams read against each other, and a second screen that drops and comes back with its last sequence while the
/// hall goes on. What a hall would notice: two tickets or two calls for one press, two answers that differ, a number
/// given twice, a ticket called twice or never, a call a screen misses, shows twice or out of order.
/// </summary>
public class IntegrityUnderLoadTests(ITestOutputHelper output)
{
    private const string Hall = "integrity";
    private const int Kiosks = 6, PerKiosk = 10, Terminals = 4;
    private const int Tickets = Kiosks * PerKiosk;

    private static readonly TimeSpan Scenario = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RetriesRacingWithOneRequestId_OneTicketAndOneCallEach_ScreensAndTerminalStreamsShowEveryCallOnceInOrder()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, Terminals));
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Hall, [.. Enumerable.Range(1, Terminals)]);
        using var screen = server.Display().Watch(new() { Hall = Hall });
        var windowWatches = Enumerable.Range(1, Terminals).Select(w => server.Terminal().WatchWindow(new() { Hall = Hall, Window = w })).ToList();
        try
        {
            var start = await screen.ResponseStream.NextAsync();
            Assert.NotNull(start.Snapshot);
            Assert.All(await Task.WhenAll(windowWatches.Select(w => w.ResponseStream.NextAsync())), u => Assert.Equal(WindowUpdate.Types.Change.Current, u.Change));
            var screenTask = Task.Run(() => ReadCallsAsync(screen.ResponseStream, Tickets, start.Sequence));
            DisplayUpdate before;
            using (var first = server.Display().Watch(new() { Hall = Hall }))
            {
                before = await first.ResponseStream.NextAsync(); // the second screen's first look, before any call
            }

            var reconnectingTask = Task.Run(() => ReconnectingScreenAsync(server, before.Sequence, before.Snapshot.Timeline));
            var windowsShown = WindowCallReaders.ReadAsync(windowWatches, Tickets, Scenario);

            var issued = new ConcurrentBag<Ticket>();
            var called = new ConcurrentBag<Ticket>();
            var producing = Kiosks;
            var kioskTasks = Enumerable.Range(0, Kiosks).Select(k => Task.Run(async () =>
            {
                try
                {
                    for (var i = 0; i < PerKiosk; i++)
                    {
                        var request = new TakeTicketRequest { Hall = Hall, Services = { 1 + ((k + i) % 2) }, RequestId = Guid.NewGuid().ToString() };
                        var (first, second) = await TwiceAtOnceAsync(() => server.Kiosk().TakeTicketAsync(request).Bounded());
                        Same(first, second); // one ticket, the same answer to both tries, field for field
                        issued.Add(first.Reply!);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref producing); // a kiosk that failed lets the terminals stop, so its failure is what the test reports
                }
            })).ToArray();
            var terminalTasks = Enumerable.Range(1, Terminals).Select(w => Task.Run(async () =>
            {
                while (true)
                {
                    var done = Volatile.Read(ref producing) == 0; // read before the press: nothing called after it is final
                    var request = new WindowRequest { Hall = Hall, Window = w, RequestId = Guid.NewGuid().ToString() };
                    var (first, second) = await TwiceAtOnceAsync(() => server.Terminal().FinishAndCallNextAsync(request).Bounded());
                    Same(first, second); // one press, one call: both tries told the same
                    var answer = first.Reply is null ? second : first; // a refused try and a called one: the call is what happened
                    if (answer.Reply is { Id: not 0 } ticket)
                    {
                        called.Add(ticket);
                    }
                    else if (done && answer.Reason == nameof(QueueError.NothingWaiting))
                    {
                        return;
                    }
                    else
                    {
                        Assert.True(answer.Reply is not null || answer.Reason == nameof(QueueError.NothingWaiting), answer.ToString());
                        await Task.Yield();
                    }
                }
            })).ToArray();
            await Task.WhenAll([.. kioskTasks, .. terminalTasks]).WaitAsync(Scenario);

            Assert.Equal(Tickets, issued.Count);
            Assert.Equal(Tickets, issued.Select(t => t.Number).Distinct().Count()); // no number given twice
            Assert.Equal(issued.Select(t => t.Id).Order(), called.Select(t => t.Id).Order()); // each called once, none lost

            // The screen showed every call once, in the hall's order; so did the screen that dropped and came back.
            var calledInOrder = called.OrderBy(t => t.Sequence).Select(t => t.Id).ToList();
            Assert.Equal(calledInOrder, await screenTask.WaitAsync(Scenario));
            Assert.Equal(calledInOrder, await reconnectingTask.WaitAsync(Scenario));

            // Each terminal's stream showed each call to its window once, in order, as the screen did.
            var shown = await windowsShown.WaitAsync(Scenario);
            for (var w = 1; w <= Terminals; w++)
            {
                Assert.Equal(called.Where(t => t.Window == w).OrderBy(t => t.Sequence).Select(t => t.Id), shown[w - 1]);
            }

            Assert.Empty(server.ErrorLogs);
        }
        finally
        {
            windowWatches.ForEach(w => w.Dispose());
        }
    }

    /// <summary>
    /// A screen that reads a few calls, drops, and comes back with the last sequence (and timeline) it saw while the hall
    /// goes on; again and again, until it has shown every call. It must not miss one or show one twice.
    /// </summary>
    private static async Task<List<long>> ReconnectingScreenAsync(ServerKit server, long last, string timeline)
    {
        var calls = new List<long>();
        var dropAfter = 7;
        while (calls.Count < Tickets)
        {
            using var watch = server.Display().Watch(new() { Hall = Hall, AfterSequence = last, Timeline = timeline });
            var shownHere = 0;
            while (calls.Count < Tickets && shownHere < dropAfter)
            {
                var update = await watch.ResponseStream.NextAsync();
                Assert.True(update.Snapshot is null, $"a fresh snapshot after resuming at {last}: the server no longer held what the screen missed");
                Assert.True(update.Sequence >= last, $"the resumed screen went back from {last} to {update.Sequence}");
                last = update.Sequence;
                if (update.Call is { } call)
                {
                    calls.Add(call.Ticket);
                    shownHere++;
                }
            }

            dropAfter = 3 + (dropAfter % 5); // drops after a varying number of calls
        }

        return calls;
    }

    private static async Task<List<long>> ReadCallsAsync(IAsyncStreamReader<DisplayUpdate> stream, int count, long from)
    {
        var seen = new List<long>();
        long sequence = from, callSequence = 0;
        while (seen.Count < count)
        {
            var update = await stream.NextAsync();
            Assert.Null(update.Snapshot); // it kept up: no fresh snapshot
            Assert.True(update.Sequence >= sequence, $"sequence went back from {sequence} to {update.Sequence}");
            sequence = update.Sequence;
            if (update.Call is { } call)
            {
                Assert.True(call.Sequence > callSequence, $"call at {call.Sequence} after one at {callSequence}");
                callSequence = call.Sequence;
                seen.Add(call.Ticket);
            }
        }

        return seen;
    }

    /// <summary>One request sent twice at once (both in flight together), as a device retrying before its answer came.</summary>
    private static async Task<(Answer First, Answer Second)> TwiceAtOnceAsync(Func<Task<Ticket>> send)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                return new Answer(await send(), null, null);
            }
            catch (RpcException e)
            {
                return new Answer(null, e.StatusCode, e.Reason());
            }
        })).ToArray();
        go.SetResult();
        var answers = await Task.WhenAll(tries).WaitAsync(Scenario);
        return (answers[0], answers[1]);
    }

    /// <summary>
    /// Two tries of one request told the same: field for field when both were taken. A refusal is not remembered
    /// (docs/engine.md, Retries: a retry after a refusal is tried again as new), so when one try was refused (nothing
    /// waiting yet) the other may have been taken as new; that is still one call, which the test counts.
    /// </summary>
    private static void Same(Answer first, Answer second)
    {
        if (first.Reply is not null && second.Reply is not null)
        {
            Assert.Equal(first, second);
        }
        else
        {
            Assert.True(first.Reply is not null || second.Reply is not null || first == second, $"{first} and {second}");
        }
    }

    /// <summary>What a device was told: a ticket, or a status and its reason.</summary>
    private sealed record Answer(Ticket? Reply, StatusCode? Status, string? Reason);
}
