using QueueCore.Grpc.Load.Clients;
using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Servers;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// Calls reaching screens: halls whose terminals call tickets at a steady rate, screens watching them, against a
/// server started for the run. Screen i watches calling hall i mod halls.
/// </summary>
internal static class CallTraffic
{
    /// <summary>Control connections: setup and terminals.</summary>
    private const int ControlChannels = 4;

    public static async Task<CallTrafficResult> RunAsync(
        ServerKind kind, LoadSettings settings, int serverHalls, int callingHalls, int screens, double callsPerHallPerSecond,
        bool connectionPerScreen)
    {
        await using var server = await ServerHost.StartAsync(kind, serverHalls, settings.Engine, settings.ServerConfiguration);
        var control = LoadChannels.Create(server.Address, ControlChannels);
        var screenChannels = LoadChannels.Create(server.Address, connectionPerScreen ? screens : (screens + LoadSettings.StreamsPerConnection - 1) / LoadSettings.StreamsPerConnection);
        using var stopScreens = new CancellationTokenSource();
        using var stopCallers = new CancellationTokenSource();
        try
        {
            var halls = LoadHalls.Ids(callingHalls);
            var seconds = (settings.Warmup + settings.Duration).TotalSeconds + 2;
            await HallSetup.OpenWindowsAsync(control, halls);
            await HallSetup.IssueAsync(control, halls, (int)Math.Ceiling(callsPerHallPerSecond * seconds * 1.2) + LoadHalls.Windows);

            var window = new MeasureWindow();
            var clocks = halls.Select(_ => new CallClock(window)).ToArray();
            var delays = new LatencyRecorder();
            var replies = new LatencyRecorder();
            var watchers = Enumerable.Range(0, screens)
                .Select(i => new DisplayWatcher(new Display.DisplayClient(screenChannels[i % screenChannels.Length]), halls[i % callingHalls], clocks[i % callingHalls], delays))
                .ToArray();
            var watching = watchers.Select(w => w.RunAsync(stopScreens.Token)).ToArray();
            await Task.WhenAll(watchers.Select(w => w.Started)).WaitAsync(TimeSpan.FromSeconds(120));

            var callers = halls.Select((hall, i) => new HallCaller(new Terminal.TerminalClient(control[i % control.Length]), hall, clocks[i], replies)).ToArray();
            var calling = callers.Select(c => c.RunAsync(callsPerHallPerSecond, stopCallers.Token)).ToArray();
            await Task.Delay(settings.Warmup);
            window.Open();
            var cpu = CpuClock.Now();
            var updatesBefore = watchers.Sum(w => w.Updates);
            await Task.Delay(settings.Duration);
            window.Close();
            var cores = CpuClock.CoresSince(cpu);
            var updates = watchers.Sum(w => w.Updates) - updatesBefore; // read racily: an estimate, which is all it is used for
            await stopCallers.CancelAsync();
            await Task.WhenAll(calling).WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2)); // calls sent just before the close reach the screens
            await stopScreens.CancelAsync();
            await Task.WhenAll(watching).WaitAsync(TimeSpan.FromSeconds(30));

            var length = window.Length.TotalSeconds;
            var clockOf = halls.Select((hall, i) => (hall, clock: clocks[i])).ToDictionary(h => h.hall, h => h.clock);
            var expected = watchers.Sum(w => clockOf[w.Hall].MeasuredCalls);
            return new CallTrafficResult(
                CallsPerSecond: clocks.Sum(c => c.MeasuredCalls) / length,
                DeliveriesPerSecond: watchers.Sum(w => w.ReceivedInWindow) / length,
                UpdatesPerSecond: updates / length,
                Delay: delays.Read(),
                Reply: replies.Read(),
                Expected: expected,
                Delivered: watchers.Sum(w => w.Delivered),
                OutOfOrder: watchers.Sum(w => w.OutOfOrder),
                Unmatched: watchers.Sum(w => w.Unmatched),
                Refused: callers.Sum(c => c.Refused),
                Cores: cores);
        }
        finally
        {
            await stopCallers.CancelAsync();
            await stopScreens.CancelAsync();
            LoadChannels.Dispose(screenChannels);
            LoadChannels.Dispose(control);
        }
    }
}
