using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>Stopping the server: open streams are told to reconnect, calls in flight finish.</summary>
public class ShutdownTests(ITestOutputHelper output)
{
    private const string Hall = "hall-s";

    [Fact]
    public async Task StopAsync_OpenStreams_EndWithUnavailable()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
        });
        using var screen = server.Display().Watch(new() { Hall = Hall });
        using var window = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        await window.ResponseStream.NextAsync();
        await figures.ResponseStream.NextAsync();

        var stopping = server.StopAsync();

        var e = await screen.ResponseStream.EndsWithAsync(StatusCode.Unavailable);
        Assert.Contains("reconnect", e.Status.Detail, StringComparison.Ordinal);
        await window.ResponseStream.EndsWithAsync(StatusCode.Unavailable);
        await figures.ResponseStream.EndsWithAsync(StatusCode.Unavailable);
        await stopping;
    }

    [Fact]
    public async Task StopAsync_UnaryCallInFlight_Completes()
    {
        var gate = new CallGate("TakeTicket");
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
            s.Services = gate.Install;
        });
        var call = server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } });
        await gate.Entered.WaitAsync(Rpc.Timeout); // the call is in the server, parked before the kiosk service

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());
        var stopping = server.StopAsync();
        await stopped.Task.WaitAsync(Rpc.Timeout);
        gate.Release(); // only now, with the server stopping, does the call go on

        var ticket = await call.ResponseAsync.WaitAsync(Rpc.Timeout);
        Assert.Equal("A001", ticket.Number);
        await stopping;
    }
}
