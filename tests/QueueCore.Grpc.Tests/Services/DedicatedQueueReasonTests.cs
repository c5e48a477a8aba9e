using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>A dedicated window's queue says why each ticket stands there: its own class because the window is dedicated to it.</summary>
public class DedicatedQueueReasonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GetQueue_DedicatedWindowItsClassFirstAnyway_SaysDedicated()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        const string hall = TestHalls.Demo;
        var kiosk = server.Kiosk();
        // The elderly ticket is issued first, so it would stand first at any window: the caring window still takes it for its class.
        var elderly = await kiosk.TakeTicketAsync(new() { Hall = hall, Services = { 101 }, Attributes = new() { Age = 75 } }).Bounded();
        var normal = await kiosk.TakeTicketAsync(new() { Hall = hall, Services = { 101 } }).Bounded();

        var caring = await server.Terminal().GetQueueAsync(new() { Hall = hall, Window = 12 }).Bounded();
        var comprehensive = await server.Terminal().GetQueueAsync(new() { Hall = hall, Window = 1 }).Bounded();

        Assert.Equal(
            [(elderly.Id, V1.QueueReason.Dedicated), (normal.Id, V1.QueueReason.Primary)],
            caring.Tickets.Select(t => (t.Ticket, t.Reason)));
        Assert.Equal(
            [(elderly.Id, V1.QueueReason.Primary), (normal.Id, V1.QueueReason.Primary)],
            comprehensive.Tickets.Select(t => (t.Ticket, t.Reason)));
    }
}
