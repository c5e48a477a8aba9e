using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using QueueCore.Grpc.V1;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A busy hall on the real server, many devices acting at once: invariants counted from what each device was told,
/// never timings (generous bounds, no sleeps for synchronisation).
/// </summary>
public class BusyHallTests(ITestOutputHelper output)
{
    private const string Hall = "busy";

    /// <summary>The bound of a whole scenario (many calls on a loaded two-core machine).</summary>
    private static readonly TimeSpan Scenario = TimeSpan.FromSeconds(90);

    private Task<ServerKit> StartAsync(int windows = 8, params HallDefinition[] more) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows));
        s.Halls.AddRange(more);
        Traffic.Unlimited(s);
    });

    [Fact]
    public async Task KiosksTerminalsAndScreensAtOnce_EveryTicketCalledAndServedOnce_EveryScreenSeesEveryCallOnceInOrder()
    {
        const int kiosks = 40, perKiosk = 8, terminals = 8, screens = 20;
        await using var server = await StartAsync(terminals);
        await server.OpenAsync(Hall, [.. Enumerable.Range(1, terminals)]);
        var watches = Enumerable.Range(0, screens).Select(_ => server.Display().Watch(new() { Hall = Hall })).ToList();
        var windowWatches = Enumerable.Range(1, terminals).Select(w => server.Terminal().WatchWindow(new() { Hall = Hall, Window = w })).ToList();
        try
        {
            var first = await Task.WhenAll(watches.Select(w => w.ResponseStream.NextAsync()));
            Assert.All(first, u => Assert.NotNull(u.Snapshot));
            Assert.All(await Task.WhenAll(windowWatches.Select(w => w.ResponseStream.NextAsync())), u => Assert.Equal(WindowUpdate.Types.Change.Current, u.Change));

            // The screens read as the hall goes on, as a wall does: none falls behind the server's history.
            var screenTasks = watches.Select(w => Task.Run(async () =>
            {
                var seen = new List<long>();
                long sequence = 0, callSequence = 0;
                while (seen.Count < kiosks * perKiosk)
                {
                    using var timeout = new CancellationTokenSource(Scenario);
                    Assert.True(await w.ResponseStream.MoveNext(timeout.Token), "the stream ended");
                    var update = w.ResponseStream.Current;
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
            })).ToArray();
            var windowsShown = WindowCallReaders.ReadAsync(windowWatches, kiosks * perKiosk, Scenario);
            var issued = new ConcurrentBag<Ticket>();
            var called = new ConcurrentBag<Ticket>();
            var producing = kiosks;
            var kioskTasks = Enumerable.Range(0, kiosks).Select(k => Task.Run(async () =>
            {
                for (var i = 0; i < perKiosk; i++)
                {
                    issued.Add(await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 + ((k + i) % 2) } }).Bounded());
                }

                Interlocked.Decrement(ref producing);
            })).ToArray();
            var terminalTasks = Enumerable.Range(1, terminals).Select(w => Task.Run(async () =>
            {
                while (true)
                {
                    var done = Volatile.Read(ref producing) == 0; // read before the call: nothing called after it is final
                    var next = await NextAsync(server, Hall, w);
                    if (next is { Id: not 0 })
                    {
                        called.Add(next);
                    }
                    else if (done)
                    {
                        return;
                    }
                    else
                    {
                        await Task.Yield();
                    }
                }
            })).ToArray();
            await Task.WhenAll([.. kioskTasks, .. terminalTasks]).WaitAsync(Scenario);

            Assert.Equal(kiosks * perKiosk, issued.Count);
            Assert.Equal(issued.Count, issued.Select(t => t.Number).Distinct().Count()); // no number given twice
            Assert.Equal(issued.Select(t => t.Id).Order(), called.Select(t => t.Id).Order()); // each called once, none lost
            var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            Assert.Equal(0, snapshot.TotalWaiting);
            Assert.Empty(snapshot.AtWindows); // every call finished by its window's last "Next"

            // Every screen saw every call once, in the hall's order.
            var calledInOrder = called.OrderBy(t => t.Sequence).Select(t => t.Id).ToList();
            Assert.All(await Task.WhenAll(screenTasks).WaitAsync(Scenario), seen => Assert.Equal(calledInOrder, seen));

            // Every terminal's stream showed each call to its window once, in order.
            var shown = await windowsShown.WaitAsync(Scenario);
            for (var w = 1; w <= terminals; w++)
            {
                Assert.Equal(called.Where(t => t.Window == w).OrderBy(t => t.Sequence).Select(t => t.Id), shown[w - 1]);
            }

            Assert.Empty(server.ErrorLogs);
        }
        finally
        {
            watches.ForEach(w => w.Dispose());
            windowWatches.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task TakeTicket_OneRequestIdFromTenThreadsAtOnce_OneTicketAndTheSameAnswerToAll()
    {
        await using var server = await StartAsync();
        for (var round = 0; round < 5; round++)
        {
            var request = new TakeTicketRequest { Hall = Hall, Services = { 1 }, RequestId = Guid.NewGuid().ToString() };
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                return await server.Kiosk().TakeTicketAsync(request).Bounded();
            })).ToList();
            go.SetResult();
            var answers = await Task.WhenAll(attempts).WaitAsync(Scenario);

            Assert.All(answers, a => Assert.Equal(answers[0], a)); // the same answer, field for field
            Assert.Equal(round + 1, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
        }
    }

    [Fact]
    public async Task CallNext_TwoTerminalConnectionsOfOneWindowAtOnce_OneCallTheOtherRefused()
    {
        // Two terminals bound to window 1 (a clerk's PC and the keypad), each over its own connection, press "call next"
        // at the same instant: one ticket is called, the other press is refused saying why, and no ticket is left called
        // at the window besides the one shown.
        await using var server = await StartAsync();
        using var secondChannel = GrpcChannel.ForAddress(server.GrpcAddress);
        var keypads = new[]
        {
            new Terminal.TerminalClient(server.As(TestDevices.TerminalOfWindow1)),
            new Terminal.TerminalClient(secondChannel.CreateCallInvoker().Intercept(m =>
            {
                m.Add("x-api-key", TestDevices.TerminalOfWindow1.Key);
                return m;
            })),
        };
        await server.OpenAsync(Hall, 1);
        for (var round = 0; round < 10; round++)
        {
            var taken = new[] { await server.TakeAsync(Hall), await server.TakeAsync(Hall) };
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var presses = keypads.Select(k => Task.Run(async () =>
            {
                await go.Task;
                try
                {
                    return ((Ticket?)await k.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded(), (RpcException?)null);
                }
                catch (RpcException e)
                {
                    return (null, e);
                }
            })).ToList();
            go.SetResult();
            var outcomes = await Task.WhenAll(presses).WaitAsync(Scenario);

            var winner = Assert.Single(outcomes, o => o.Item2 is null).Item1!;
            var refused = Assert.Single(outcomes, o => o.Item2 is not null).Item2!;
            Assert.Equal(taken[0].Id, winner.Id);
            Assert.True(refused.StatusCode == StatusCode.FailedPrecondition, $"{refused.StatusCode}: {refused.Status.Detail}");
            Assert.Contains("window 1", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);
            var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            Assert.Equal([(taken[0].Number, 1)], snapshot.AtWindows.Select(t => (t.Number, t.Window)));
            Assert.Equal(1, snapshot.TotalWaiting); // the other ticket still waits
            Assert.Equal(taken[1].Id, (await server.Terminal().FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
            Assert.Equal(0, (await server.Terminal().FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Id);
        }
    }

    [Fact]
    public async Task RedefineWhileKiosksIssueAndTerminalsCall_NoTicketLostOrStuck_RefusalsSayWhy()
    {
        const int kiosks = 10, perKiosk = 20, terminals = 3;
        await using var server = await StartAsync(terminals + 1);
        await server.OpenAsync(Hall, [.. Enumerable.Range(1, terminals)]);
        var admin = server.Admin();
        var issued = new ConcurrentBag<long>();
        var called = new ConcurrentBag<long>();
        var refusals = new ConcurrentBag<RpcException>();
        var producing = kiosks;
        var kioskTasks = Enumerable.Range(0, kiosks).Select(k => Task.Run(async () =>
        {
            for (var i = 0; i < perKiosk; i++)
            {
                issued.Add((await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 + ((k + i) % 2) } }).Bounded()).Id);
            }

            Interlocked.Decrement(ref producing);
        })).ToArray();
        var terminalTasks = CallUntilDone(server, terminals, () => Volatile.Read(ref producing) == 0, called);
        var adminTask = Task.Run(async () =>
        {
            // Window 9 added and removed (idle), window 4 (closed) changed to serve only item 2 and back, window 1 (open,
            // busy) changed to serve only item 1 and back, and an open window removed (refused: it is open).
            var onlyTwo = new WindowDef { Id = 4, Skills = { new SkillDef { Service = 2 } } };
            var backFour = new WindowDef { Id = 4, Skills = { new SkillDef { Category = "a" } } };
            var onlyOne = new WindowDef { Id = 1, Skills = { new SkillDef { Service = 1 } } };
            var backOne = new WindowDef { Id = 1, Skills = { new SkillDef { Category = "a" } } };
            while (Volatile.Read(ref producing) > 0)
            {
                await Admin(() => admin.PutWindowAsync(new() { Hall = Hall, Window = new() { Id = 9, Skills = { new SkillDef { Category = "a" } } } }));
                await Admin(() => admin.PutWindowAsync(new() { Hall = Hall, Window = onlyTwo }));
                await Admin(() => admin.PutWindowAsync(new() { Hall = Hall, Window = onlyOne }));
                await Admin(() => admin.RemoveWindowAsync(new() { Hall = Hall, Window = 9 }));
                await Admin(() => admin.PutWindowAsync(new() { Hall = Hall, Window = backFour }));
                await Admin(() => admin.PutWindowAsync(new() { Hall = Hall, Window = backOne }));
                await Admin(() => admin.RemoveWindowAsync(new() { Hall = Hall, Window = 2 }), expectRefusal: true);
            }
        });
        await Task.WhenAll([.. kioskTasks, .. terminalTasks, adminTask]).WaitAsync(Scenario);

        Assert.Equal(kiosks * perKiosk, issued.Count);
        Assert.Equal(issued.Order(), called.Order());
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal((0, 0), (snapshot.TotalWaiting, snapshot.AtWindows.Count));
        Assert.NotEmpty(refusals);
        Assert.All(refusals, e =>
        {
            Assert.True(e.StatusCode == StatusCode.FailedPrecondition, $"{e.StatusCode}: {e.Status.Detail}");
            Assert.Contains("window 2", e.Status.Detail, StringComparison.Ordinal);
        });
        Assert.Empty(server.ErrorLogs);

        async Task Admin(Func<AsyncUnaryCall<HallInfo>> change, bool expectRefusal = false)
        {
            try
            {
                await change().Bounded();
                Assert.False(expectRefusal, "an open window was removed");
            }
            catch (RpcException e) when (expectRefusal)
            {
                refusals.Add(e);
            }
        }
    }

    [Fact]
    public async Task CloseDay_WhileKiosksIssueAndTerminalsCall_EveryTicketServedOrCancelled_LaterTakesRefusedAsClosed()
    {
        const int kiosks = 10, terminals = 4;
        await using var server = await StartAsync(terminals);
        await server.OpenAsync(Hall, [.. Enumerable.Range(1, terminals)]);
        var issued = new ConcurrentBag<long>();
        var called = new ConcurrentBag<long>();
        var refused = new ConcurrentBag<RpcException>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var kioskTasks = Enumerable.Range(0, kiosks).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    issued.Add((await server.TakeAsync(Hall)).Id);
                    if (issued.Count >= 50)
                    {
                        started.TrySetResult();
                    }
                }
                catch (RpcException e)
                {
                    refused.Add(e);
                    return;
                }
            }
        })).ToArray();
        var closed = false;
        var terminalTasks = CallUntilDone(server, terminals, () => Volatile.Read(ref closed) && kioskTasks.All(k => k.IsCompleted), called);
        await started.Task.WaitAsync(Scenario);
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        Volatile.Write(ref closed, true);
        await Task.WhenAll([.. kioskTasks, .. terminalTasks]).WaitAsync(Scenario);

        Assert.Equal(kiosks, refused.Count);
        Assert.All(refused, e => Assert.Equal((StatusCode.FailedPrecondition, nameof(QueueError.Closed)), (e.StatusCode, e.Reason())));
        var cancelled = issued.Except(called).ToList();
        foreach (var ticket in cancelled)
        {
            Assert.Equal(V1.TicketState.Cancelled, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket }).Bounded()).State);
        }

        foreach (var ticket in called)
        {
            Assert.Equal(V1.TicketState.Completed, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket }).Bounded()).State);
        }

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal((0, 0), (snapshot.TotalWaiting, snapshot.AtWindows.Count));
        Assert.True((await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded()).DayOpen); // nothing of the day left live
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task RemoveHall_WhileItsDevicesAct_EveryCallAndStreamEndsNotFound_OtherHallGoesOn()
    {
        const string other = "other";
        await using var server = await StartAsync(4, TestHalls.Small(other, 1));
        await server.OpenAsync(Hall, 1, 2, 3, 4);
        await server.OpenAsync(other, 1);
        var screens = Enumerable.Range(0, 5).Select(_ => server.Display().Watch(new() { Hall = Hall })).ToList();
        using var otherScreen = server.Display().Watch(new() { Hall = other });
        using var window = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        try
        {
            await Task.WhenAll(screens.Select(s => s.ResponseStream.NextAsync()));
            await otherScreen.ResponseStream.NextAsync();
            await window.ResponseStream.NextAsync();
            await figures.ResponseStream.NextAsync();
            var ended = new ConcurrentBag<RpcException>();
            var succeeded = 0;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var kioskTasks = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        await server.TakeAsync(Hall);
                        if (Interlocked.Increment(ref succeeded) == 20)
                        {
                            started.TrySetResult();
                        }
                    }
                    catch (RpcException e)
                    {
                        ended.Add(e);
                        return;
                    }
                }
            })).ToArray();
            var terminalTasks = Enumerable.Range(1, 4).Select(w => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        await NextAsync(server, Hall, w);
                    }
                    catch (RpcException e)
                    {
                        ended.Add(e);
                        return;
                    }
                }
            })).ToArray();
            await started.Task.WaitAsync(Scenario);
            await server.Admin().RemoveHallAsync(new() { Hall = Hall }).Bounded();
            await Task.WhenAll([.. kioskTasks, .. terminalTasks]).WaitAsync(Scenario);

            Assert.Equal(14, ended.Count);
            Assert.All(ended, e =>
            {
                Assert.True(e.StatusCode == StatusCode.NotFound, $"{e.StatusCode}: {e.Status.Detail}");
                Assert.Contains(Hall, e.Status.Detail, StringComparison.Ordinal);
            });
            foreach (var screen in screens)
            {
                Assert.Equal("HallRemoved", (await screen.ResponseStream.EndsWithAsync(StatusCode.NotFound)).Reason());
            }

            Assert.Equal("HallRemoved", (await window.ResponseStream.EndsWithAsync(StatusCode.NotFound)).Reason());
            Assert.Equal("HallRemoved", (await figures.ResponseStream.EndsWithAsync(StatusCode.NotFound)).Reason());

            // The other hall goes on: its screen is still open and sees its next call.
            var call = await server.CallAsync(other, window: 1);
            Assert.Equal(call.Id, (await otherScreen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
            Assert.Empty(server.ErrorLogs);
        }
        finally
        {
            screens.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task AddHall_UsedAtOnceByTwentyKiosks_EachGetsOneTicketNumberedInOrder()
    {
        await using var server = await StartAsync();
        const string added = "added";
        await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small(added)) }).Bounded();
        using var screen = server.Display().Watch(new() { Hall = added });

        var tickets = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => server.TakeAsync(added)))).WaitAsync(Scenario);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"A{i:000}"), tickets.Select(t => t.Number).Order());
        Assert.Equal(20, (await server.Dashboard().GetSnapshotAsync(new() { Hall = added }).Bounded()).TotalWaiting);
        Assert.NotNull((await screen.ResponseStream.NextAsync()).Snapshot);
        await server.OpenAsync(added, 1);
        var call = await server.Terminal().CallNextAsync(new() { Hall = added, Window = 1 }).Bounded();
        Assert.Equal(call.Id, (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
    }

    [Fact]
    public async Task Watch_TwoHundredScreensReconnectingAtOnce_EachGetsExactlyWhatItMissed()
    {
        // 200 screens come back at once after a network drop, each with the last sequence it saw, while the hall goes on
        // calling: each gets every call after its own point, in order, once, and no fresh start.
        const int screens = 200, calls = 5;
        await using var server = await StartAsync(1);
        await server.OpenAsync(Hall, 1);
        var made = new List<Ticket> { await server.CallAsync(Hall, window: 1) };

        // Each screen saw up to a point of its own: the hall moves on while they connect one after another.
        var last = new long[screens];
        for (var i = 0; i < screens; i++)
        {
            using var watch = server.Display().Watch(new() { Hall = Hall });
            last[i] = (await watch.ResponseStream.NextAsync()).Sequence;
            if (i % 50 == 49)
            {
                made.Add(await server.CallAsync(Hall, window: 1));
            }
        }

        for (var i = 0; i < calls; i++)
        {
            made.Add(await server.CallAsync(Hall, window: 1));
        }

        var resumed = Enumerable.Range(0, screens).Select(i => server.Display().Watch(new() { Hall = Hall, AfterSequence = last[i] })).ToList();
        var during = Task.Run(async () =>
        {
            var more = new List<Ticket>();
            for (var i = 0; i < calls; i++)
            {
                more.Add(await server.CallAsync(Hall, window: 1)); // while the screens reconnect
            }

            return more;
        });
        try
        {
            made.AddRange(await during.WaitAsync(Scenario));
            await Task.WhenAll(resumed.Select(async (w, i) =>
            {
                var expected = made.Where(t => t.Sequence > last[i]).Select(t => t.Id).ToList();
                var ids = new List<long>();
                long sequence = last[i];
                while (ids.Count < expected.Count)
                {
                    var update = await w.ResponseStream.NextAsync();
                    Assert.Null(update.Snapshot); // the log reaches back: what it missed, not a fresh start
                    Assert.True(update.Sequence >= sequence, $"screen {i}: sequence went back from {sequence} to {update.Sequence}");
                    sequence = update.Sequence;
                    if (update.Call is { } call)
                    {
                        ids.Add(call.Ticket);
                    }
                }

                Assert.Equal(expected, ids); // what it missed and what followed, in order, each once
            })).WaitAsync(Scenario);
        }
        finally
        {
            resumed.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task Watch_ScreensThatNeverRead_TheHallAndAReadingScreenGoOnUnaffected()
    {
        // Twenty screens hung (a frozen browser tab each) while the hall is busy: their streams are held back by HTTP/2
        // flow control, never the hall's commands nor a screen that reads; once they read again, each catches up to the
        // last call, in order or by a fresh snapshot.
        const int hung = 20, calls = 300;
        await using var server = await StartAsync(1);
        await server.OpenAsync(Hall, 1);
        using var slow = GrpcChannel.ForAddress(server.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65_535 },
        });
        var headers = new Metadata { { "x-api-key", TestDevices.Display.Key } };
        var frozen = Enumerable.Range(0, hung).Select(_ => new Display.DisplayClient(slow).Watch(new() { Hall = Hall }, headers)).ToList();
        using var reading = server.Display().Watch(new() { Hall = Hall });
        try
        {
            Assert.All(await Task.WhenAll(frozen.Select(f => f.ResponseStream.NextAsync())), u => Assert.NotNull(u.Snapshot));
            Assert.NotNull((await reading.ResponseStream.NextAsync()).Snapshot);
            var made = new List<long>();
            for (var i = 0; i < calls; i++)
            {
                made.Add((await server.CallAsync(Hall, window: 1)).Id); // the hung screens read nothing meanwhile
                Assert.Equal(made[^1], (await reading.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call.Ticket);
            }

            await Task.WhenAll(frozen.Select(async f =>
            {
                while (true)
                {
                    var update = await f.ResponseStream.NextAsync();
                    if (update.Call?.Ticket == made[^1] || update.Snapshot?.Current.FirstOrDefault()?.Ticket == made[^1])
                    {
                        return;
                    }
                }
            })).WaitAsync(Scenario);
            Assert.Empty(server.ErrorLogs);
        }
        finally
        {
            frozen.ForEach(f => f.Dispose());
        }
    }

    /// <summary>The "Next" key: the called ticket (id 0: the window's ticket finished and nothing waits; null: nothing at all).</summary>
    /// <summary>
    /// Windows 1 to <paramref name="terminals"/> each press "next" over and over, adding every ticket called to
    /// <paramref name="called"/>, until <paramref name="done"/> held before a press that called nobody.
    /// </summary>
    private static Task[] CallUntilDone(ServerKit server, int terminals, Func<bool> done, ConcurrentBag<long> called) =>
        Enumerable.Range(1, terminals).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                var finished = done();
                var next = await NextAsync(server, Hall, w);
                if (next is { Id: not 0 })
                {
                    called.Add(next.Id);
                }
                else if (finished)
                {
                    return;
                }
                else
                {
                    await Task.Yield();
                }
            }
        })).ToArray();

    private static async Task<Ticket?> NextAsync(ServerKit server, string hall, int window)
    {
        try
        {
            return await server.Terminal().FinishAndCallNextAsync(new() { Hall = hall, Window = window }).Bounded();
        }
        catch (RpcException e) when (e.Reason() == nameof(QueueError.NothingWaiting))
        {
            return null;
        }
    }
}
