namespace QueueCore.Tests.Samples;

/// <summary>The READMEs' event loop, as it stands in both (<see cref="ReadmeSampleTests"/>).</summary>
internal static class EventLoopSample
{
    public static async Task RunAsync(HallHandle hall)
    {
        #region README.md: Embedding the library #2; src/QueueCore/README.md: Events #1
        var cancellationToken = CancellationToken.None;         // yours: e.g. a hosted service's stoppingToken
        using var events = hall.Subscribe();
        while (true)
        {
            await foreach (var e in events.ReadAllAsync(cancellationToken))   // ends where the reader lagged, or at the end
                if (e.Kind == HallEventKind.TicketCalled)
                    Console.WriteLine($"{e.Number}, please go to window {e.Window}");

            if (!events.Lagged)
                break;                                          // the hall was removed or the engine stopped
            var snapshot = await events.ResyncAsync(cancellationToken);  // lagged: redraw from the snapshot, then read on
        }
        #endregion
    }
}
