using Grpc.Core;
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
}
