using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// An evaluator pad across a restart: the citizen whose service the window finished just before it is still at the pad,
/// which must show that service ready to rate, as before the restart.
/// </summary>
public sealed partial class JournalRestartTests
{
    [Fact]
    public async Task Restart_PadShowsTheServiceFinishedJustBeforeIt_ThenTheNextOne()
    {
        QueueCore.Grpc.V1.Ticket served;
        await using (var server = await StartAsync())
        {
            await DayOpenAsync(server);
            await server.OpenAsync("hall-1", 1);
            await server.OpenAsync("hall-1", 2);
            served = await server.CallAsync("hall-1", window: 1);
            await server.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            await server.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            var before = await server.Evaluator().GetPadAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            Assert.Equal((served.Id, served.Number), (before.LastTicket, before.LastNumber));
        }

        await using var again = await StartAsync();
        var pad = await again.Evaluator().GetPadAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
        Assert.Equal((served.Id, served.Number), (pad.LastTicket, pad.LastNumber)); // it showed nothing to rate
        var idle = await again.Evaluator(TestDevices.Admin).GetPadAsync(new() { Hall = "hall-1", Window = 2 }).Bounded();
        Assert.Equal((0L, ""), (idle.LastTicket, idle.LastNumber)); // window 2 finished nothing today

        // The window goes on: the pad follows it, not the service remembered from before the restart.
        var next = await again.CallAsync("hall-1", window: 1);
        await again.Terminal().StartServingAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
        await again.Terminal().FinishAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
        await Rpc.EventuallyAsync(async () =>
        {
            var now = await again.Evaluator().GetPadAsync(new() { Hall = "hall-1", Window = 1 }).Bounded();
            Assert.Equal((next.Id, next.Number), (now.LastTicket, now.LastNumber));
        });
    }
}
