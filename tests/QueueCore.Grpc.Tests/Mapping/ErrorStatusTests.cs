using System.Reflection;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>Bad requests and refusals reach the client as the status it can act on, with the error kind in the details.</summary>
public class ErrorStatusTests(ITestOutputHelper output)
{
    private const string Hall = "hall-e";

    private Task<ServerKit> StartAsync(int? dailyCap = null) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, dailyCap: dailyCap));
    });

    [Fact]
    public async Task TakeTicket_UnknownHall_NotFound()
    {
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.NotFound,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = "nowhere", Services = { 1 } }));
        Assert.Equal("UnknownHall", e.Reason());
        Assert.Contains("nowhere", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyHallRequest_HallIdOverTheLimit_InvalidArgumentWithLengthAndLimit()
    {
        await using var server = await StartAsync();
        var hall = new string('h', 60_000);
        await RefusedAsync(() => server.Kiosk().ListServicesAsync(new() { Hall = hall }));
        await RefusedAsync(() => server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { 1 } }));
        await RefusedAsync(() => server.Terminal().CallNextAsync(new() { Hall = hall, Window = 1 }));
        await RefusedAsync(() => server.Dashboard().GetSnapshotAsync(new() { Hall = hall }));
        await RefusedAsync(() => server.Admin().RemoveHallAsync(new() { Hall = hall }));

        using var stream = server.Display().Watch(new() { Hall = hall });
        await stream.ResponseStream.EndsWithAsync(StatusCode.InvalidArgument);
        var accepted = new string('h', 128); // at the limit: merely unknown
        var unknown = await Rpc.FailsAsync(StatusCode.NotFound, () => server.Kiosk().ListServicesAsync(new() { Hall = accepted }));
        Assert.Contains(accepted, unknown.Status.Detail, StringComparison.Ordinal);

        static async Task RefusedAsync<T>(Func<AsyncUnaryCall<T>> call)
        {
            // Echoed whole, the id made the status trailers pass 64 KB and the client failed on them instead.
            var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, call);
            Assert.Contains("60000", e.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("128", e.Status.Detail, StringComparison.Ordinal);
            Assert.True(e.Status.Detail.Length < 200, e.Status.Detail);
        }
    }

    [Fact]
    public async Task AddHall_HallIdOverTheLimit_InvalidArgument()
    {
        await using var server = await StartAsync();
        var json = HallConfiguration.ToJson(TestHalls.Small(new string('x', 70_000)));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().AddHallAsync(new() { Json = json }));
        Assert.Contains("70000", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(e.Status.Detail.Length < 200, e.Status.Detail);
        var other = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().RedefineHallAsync(new() { Hall = Hall, Json = json }));
        Assert.True(other.Status.Detail.Length < 400, other.Status.Detail); // the definition's id is clipped where it is named
        Assert.Single((await server.Admin().ListHallsAsync(new()).Bounded()).Halls);
    }

    [Fact]
    public async Task TakeTicket_UnknownService_NotFoundWithEngineReason()
    {
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.NotFound,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 999 } }));
        Assert.Equal("UnknownService", e.Reason());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task TakeTicket_NoneOrTooManyServices_InvalidArgument(int count)
    {
        await using var server = await StartAsync();
        var request = new V1.TakeTicketRequest { Hall = Hall };
        request.Services.Add(Enumerable.Repeat(1, count));
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().TakeTicketAsync(request));
        Assert.Equal("InvalidArgument", e.Reason());
        Assert.Contains("services", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallNext_NegativeWindow_InvalidArgument()
    {
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => server.Terminal().CallNextAsync(new() { Hall = Hall, Window = -1 }));
        Assert.Contains("window", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_ScoreSix_InvalidArgument()
    {
        await using var server = await StartAsync();
        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 6 }));
        Assert.Contains("score", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallNext_NothingWaiting_FailedPreconditionWithEngineReason()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }));
        Assert.Equal("NothingWaiting", e.Reason());
    }

    [Fact]
    public async Task CallNext_WindowNotOpen_FailedPrecondition()
    {
        await using var server = await StartAsync();
        await server.TakeAsync(Hall);
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 2 }));
        Assert.Equal("WindowNotOpen", e.Reason());
    }

    [Fact]
    public async Task TakeTicket_DailyCapReached_ResourceExhausted()
    {
        await using var server = await StartAsync(dailyCap: 2);
        await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);

        var e = await Rpc.FailsAsync(StatusCode.ResourceExhausted,
            () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }));
        Assert.Equal("LimitReached", e.Reason());

        // Kiosks list services from the hall's figures, refreshed a moment after a change.
        await Rpc.EventuallyAsync(async () =>
        {
            var offered = await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
            Assert.False(offered.Services.Single(s => s.Service == 1).IssuingOpen);
            Assert.True(offered.Services.Single(s => s.Service == 2).IssuingOpen);
        });
    }

    [Fact]
    public async Task AddHall_MessageOverTwoMegabytes_ResourceExhausted()
    {
        await using var server = await StartAsync();
        var json = new string(' ', 3 << 20);
        await Rpc.FailsAsync(StatusCode.ResourceExhausted, () => server.Admin().AddHallAsync(new() { Json = json }));

        // The server goes on serving.
        await server.TakeAsync(Hall);
    }

    [Fact]
    public async Task OpenWindow_ClerkAlreadyAtAnotherWindow_FailedPreconditionClerkBusy()
    {
        await using var server = await StartAsync();
        await server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 7 }).Bounded();
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 7 }));
        Assert.Equal(("ClerkBusy", "Clerk 7 is already at window 1; close it first."), (e.Reason(), e.Status.Detail));
    }

    [Fact]
    public async Task OpenOrCloseDay_DayAlreadySo_FailedPreconditionDayWrongState()
    {
        await using var server = await StartAsync();
        var open = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Admin().OpenDayAsync(new() { Hall = Hall }));
        Assert.Equal(("DayWrongState", $"Hall '{Hall}' already has an open day."), (open.Reason(), open.Status.Detail));
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        var closed = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Admin().CloseDayAsync(new() { Hall = Hall }));
        Assert.Equal("DayWrongState", closed.Reason());
        var take = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }));
        Assert.Equal("Closed", take.Reason());
    }

    [Fact]
    public async Task AnyCall_HallFaulted_InternalWithReasonHallFaulted()
    {
        await using var server = await StartAsync();
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        HallFaults.FailNextCommand(hall);

        foreach (var e in new[]
        {
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } })),
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1 })),
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Dashboard().GetSnapshotAsync(new() { Hall = Hall })),
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Terminal().GetQueueAsync(new() { Hall = Hall, Window = 1 })),
        })
        {
            Assert.Equal("HallFaulted", e.Reason());
            Assert.Contains($"Hall '{Hall}'", e.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("restored", e.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnyCall_HallFaulted_MessageSaysWhatBringsItBackInTheServersTerms()
    {
        // The message named HallHandle.RestoreAsync, a library call no gRPC client can make, and carried the exception's
        // own text; the server's operator restores the hall by restarting the server, which replays its journal.
        await using var server = await StartAsync();
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        HallFaults.FailNextCommand(hall);

        foreach (var e in new[]
        {
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } })),
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Terminal().OpenWindowAsync(new() { Hall = Hall, Window = 1 })),
            await Rpc.FailsAsync(StatusCode.Internal, () => server.Dashboard().GetSnapshotAsync(new() { Hall = Hall })),
        })
        {
            ContractTerms.Assert(e.Status.Detail, $"Hall '{Hall}'", "restart");
        }
    }

    [Fact]
    public async Task CloseDay_KeepWaitingWhileTheRemainingTicketsAreServed_MessageNamesTheRequestField()
    {
        // "close it with CancelWaiting to end the day": the library's policy, not CloseDayRequest's keep_waiting.
        await using var server = await StartAsync();
        await server.Admin().CloseDayAsync(new() { Hall = Hall, KeepWaiting = true }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Admin().CloseDayAsync(new() { Hall = Hall, KeepWaiting = true }));

        Assert.Equal("DayWrongState", e.Reason());
        ContractTerms.Assert(e.Status.Detail, "keep_waiting");
    }

    [Fact]
    public async Task ListServicesAndSuggestHalls_HallFaulted_KioskNotToldTheHallIssues()
    {
        // A faulted hall refuses every ticket, yet its kiosks listed its services as issuing (from the last figures), and
        // neighbouring kiosks were sent there by SuggestHalls.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
            s.Settings[$"QueueCoreServer:Profiles:{Hall}:Region"] = "north";
        });
        Assert.Contains((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).Services, s => s.IssuingOpen);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        HallFaults.FailNextCommand(hall);
        await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }));

        var list = await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().ListServicesAsync(new() { Hall = Hall }));
        Assert.Equal("HallFaulted", list.Reason());
        var suggested = await server.Kiosk().SuggestHallsAsync(new() { Region = "north", Service = 1 }).Bounded();
        Assert.Empty(suggested.Halls);
    }

    [Fact]
    public async Task TakeTicket_ShardOverloaded_ResourceExhaustedOverloaded_EveryAnsweredTicketIssued()
    {
        // The hall's shard is held on a command (as a burst beyond its ingress would hold it) while kiosks go on: the
        // ingress (8 commands) fills, and the calls beyond it are refused as overload, not queued without end; the
        // answered ones are all issued, and nothing else is.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
            Traffic.Unlimited(s);
            s.Settings["QueueCore:Engine:IngressCapacity"] = "8";
        });
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(Hall, out var hall));
        using var release = new ManualResetEventSlim();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldShardOnce(hall, held, release);
        var first = server.TakeAsync(Hall);
        await held.Task.WaitAsync(Rpc.Timeout);
        var calls = Enumerable.Range(0, 40).Select(_ => server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).ResponseAsync).ToList();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Task.WhenAny(calls).Unwrap().WaitAsync(Rpc.Timeout)); // the first to end is a refusal

        // The shard stays held until all but the ingress's few have been refused: on a loaded machine the client sends
        // its 40 calls slowly, and calls that reached the server only after an early release found a free shard and
        // were issued, beyond the bound below.
        await Rpc.EventuallyAsync(() =>
        {
            Assert.True(calls.Count(c => c.IsCompleted) >= calls.Count - 10, $"{calls.Count(c => c.IsCompleted)} of {calls.Count} calls ended while the shard was held");
            return Task.CompletedTask;
        });
        release.Set();
        Assert.Equal((StatusCode.ResourceExhausted, "Overloaded"), (refused.StatusCode, refused.Reason()));
        Assert.Contains("overloaded; retry later", refused.Status.Detail, StringComparison.Ordinal);

        var answered = new List<QueueCore.Grpc.V1.Ticket> { await first };
        foreach (var call in calls)
        {
            try
            {
                answered.Add(await call.WaitAsync(Rpc.Timeout));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
            }
        }

        Assert.InRange(answered.Count, 2, 20);
        Assert.Equal(answered.Count, answered.Select(t => t.Number).Distinct().Count());
        Assert.Equal(answered.Count, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).TotalWaiting);
    }

    /// <summary>The hall's shard thread waits on <paramref name="release"/> in the hall's next command (the engine's test hook).</summary>
    private static void HoldShardOnce(HallHandle hall, TaskCompletionSource held, ManualResetEventSlim release)
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
        var entry = typeof(HallHandle).GetProperty("Entry", Internal)!.GetValue(hall)!;
        var once = 0;
        entry.GetType().GetProperty("FailWhen", Internal)!.SetValue(entry, new Func<HallCommand, bool>(_ =>
        {
            if (Interlocked.Exchange(ref once, 1) == 0)
            {
                held.TrySetResult();
                release.Wait(Rpc.Timeout);
            }

            return false; // held, not faulted
        }));
    }
}
