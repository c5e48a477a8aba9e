using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// docs/engine.md, "Retries": a retry gets the first result for as long as the hall remembers the id (its last 1,024),
/// across save, restore and replay, so also after a restart and after the day closed and the next one opened: nothing
/// is applied twice, and today's numbering is not touched by yesterday's retries.
/// </summary>
public sealed class RetryAcrossDaysTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "retry-days";

    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 1));
    });

    [Fact]
    public async Task Restart_NextDay_RetriesOfYesterdaysRequests_GetTheFirstAnswers_NothingAppliedTwice()
    {
        var take = new TakeTicketRequest { Hall = Hall, Services = { 1 }, RequestId = Guid.NewGuid().ToString() };
        var callNext = new WindowRequest { Hall = Hall, Window = 1, RequestId = Guid.NewGuid().ToString() };
        Ticket taken, called;
        await using (var server = await StartAsync())
        {
            await server.OpenAsync(Hall, 1);
            await server.TakeAsync(Hall);
            called = await server.Terminal().CallNextAsync(callNext).Bounded();
            await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            taken = await server.Kiosk().TakeTicketAsync(take).Bounded();
            await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded(); // cancels the one waiting
        }

        _day.Time.Advance(TimeSpan.FromDays(1));
        await using var again = await StartAsync();
        await again.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();
        var today = await again.TakeAsync(Hall);

        var retriedTake = await again.Kiosk().TakeTicketAsync(take).Bounded();
        var retriedCall = await again.Terminal().CallNextAsync(callNext).Bounded();

        Assert.Equal((taken.Id, taken.Number), (retriedTake.Id, retriedTake.Number)); // yesterday's, not a new ticket
        Assert.Equal((called.Id, called.Number), (retriedCall.Id, retriedCall.Number)); // not a call of today's ticket
        var waiting = await again.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = today.Id }).Bounded();
        Assert.Equal(("A001", V1.TicketState.Waiting), (waiting.Number, waiting.State));
        Assert.Equal("A002", (await again.TakeAsync(Hall)).Number); // the retries took no number of today's
        var yesterdays = await again.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = taken.Id }).Bounded();
        Assert.Equal(V1.TicketState.Cancelled, yesterdays.State); // what a kiosk learns by asking (docs/server.md)
    }
}
