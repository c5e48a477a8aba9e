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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StopAsync_ScreensStream_ToldToResumeOnlyWhenTheServerKeepsItsNumbers(bool journal)
    {
        // Without a journal the restarted server numbers the hall's events from the start again: a screen that did as it
        // was told ("resume after sequence 7") was given the new process's events after its 7, kept showing the old
        // process's calls and never showed the new ones before it.
        var data = Path.Combine(Path.GetTempPath(), "queuecore-shutdown-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await ServerKit.StartAsync(s =>
            {
                s.Output = output;
                s.Halls.Add(TestHalls.Small(Hall));
                if (journal)
                {
                    s.Settings["QueueCore:Engine:Journal:Directory"] = data;
                }
            });
            using var screen = server.Display().Watch(new() { Hall = Hall });
            var last = (await screen.ResponseStream.NextAsync()).Sequence;

            var stopping = server.StopAsync();

            var e = await screen.ResponseStream.EndsWithAsync(StatusCode.Unavailable);
            Assert.Equal(
                journal
                    ? $"The server is shutting down; reconnect and resume after sequence {last}."
                    : "The server is shutting down; it keeps no journal, so once it restarts it numbers the hall's events from the start again: reconnect with after_sequence 0 (a fresh snapshot).",
                e.Status.Detail);
            Assert.Equal("ShuttingDown", e.Reason());
            await stopping;
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task StopAsync_WindowAndFiguresStreams_ToldToReconnectWithoutASequenceTheyCannotPass()
    {
        // A clerk's terminal and a dashboard were told "reconnect and resume after sequence 12", as a screen is; but
        // WatchWindow and WatchFigures take no sequence (they start again from the window or the hall as it is then),
        // and an integrator looked for the field to pass it in.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
        });
        using var window = server.Terminal().WatchWindow(new() { Hall = Hall, Window = 1 });
        using var figures = server.Dashboard().WatchFigures(new() { Hall = Hall });
        await window.ResponseStream.NextAsync();
        await figures.ResponseStream.NextAsync();

        var stopping = server.StopAsync();

        var w = await window.ResponseStream.EndsWithAsync(StatusCode.Unavailable);
        Assert.Equal("The server is shutting down; reconnect once it is back: the stream starts again with the window as it is then.", w.Status.Detail);
        var f = await figures.ResponseStream.EndsWithAsync(StatusCode.Unavailable);
        Assert.Equal("The server is shutting down; reconnect once it is back: the stream starts again with the hall's figures and open alerts as they are then.", f.Status.Detail);
        Assert.Equal(("ShuttingDown", "ShuttingDown"), (w.Reason(), f.Reason()));
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
