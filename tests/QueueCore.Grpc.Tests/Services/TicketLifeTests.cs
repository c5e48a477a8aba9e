using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>A ticket's whole life, each step by the device that does it in a hall.</summary>
public class TicketLifeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ticket_TakenCalledServedAndRated_EveryRoleSeesItsPart()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        const string hall = TestHalls.Demo;

        var offered = await server.Kiosk().ListServicesAsync(new() { Hall = hall }).Bounded();
        Assert.True(offered.DayOpen);
        var registration = Assert.Single(offered.Services, s => s.Service == 101);
        Assert.Equal("Business registration", registration.Name);
        Assert.Equal("A", registration.Prefix);
        Assert.True(registration.IssuingOpen);

        using var screen = server.Display().Watch(new() { Hall = hall });
        Assert.NotNull((await screen.ResponseStream.NextAsync()).Snapshot);

        var taken = await server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { 101 } }).Bounded();
        Assert.Equal("A001", taken.Number);
        Assert.Equal(V1.TicketState.Waiting, taken.State);
        Assert.Equal("Business registration", taken.ServiceName);

        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);
        var opened = await terminal.OpenWindowAsync(new() { Hall = hall, Window = 1, Clerk = 7 }).Bounded();
        Assert.Equal(V1.WindowState.Idle, opened.State);
        var called = await terminal.CallNextAsync(new() { Hall = hall, Window = 1 }).Bounded();
        Assert.Equal((taken.Id, "A001", V1.TicketState.Called, 1), (called.Id, called.Number, called.State, called.Window));

        var shown = await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);
        Assert.Equal("A001", shown.Call.Number);
        Assert.Equal(1, shown.Call.Window);
        Assert.Equal("A001, please go to window 1", shown.Call.Text);
        Assert.Equal("A zero zero one, please go to window 1", shown.Call.Speech);
        Assert.Equal(called.Sequence, shown.Sequence);

        Assert.Equal(V1.TicketState.Serving, (await terminal.StartServingAsync(new() { Hall = hall, Window = 1 }).Bounded()).State);
        Assert.Equal(V1.TicketState.Completed, (await terminal.FinishAsync(new() { Hall = hall, Window = 1 }).Bounded()).State);

        // The pad at window 1 rates "the ticket last finished here" (ticket 0), right after the clerk finished it.
        var rated = await server.Evaluator().RateAsync(new() { Hall = hall, Window = 1, Score = 5 }).Bounded();
        Assert.Equal((taken.Id, "A001", 5), (rated.Ticket, rated.Number, rated.Score));

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = hall }).Bounded();
        var window = Assert.Single(snapshot.Windows, w => w.Window == 1);
        Assert.Equal(1, window.ServedToday);
        Assert.Equal(1, window.Ratings);
        Assert.Equal(5.0, window.MeanRating);
        Assert.Equal(0, snapshot.TotalWaiting);
    }
}
