namespace QueueCore.Tests.Scenarios;

/// <summary>
/// Clerks who work their windows through a hall day minute by minute: a called citizen comes at once, each service takes
/// the minutes <c>serviceMinutes</c> gives for its ticket (or, <c>absent</c>, never comes: recalled <c>recalls</c> times a
/// minute apart, then marked a no-show), a manual window calls when idle, an auto window is pushed to.
/// </summary>
internal static class Clerks
{
    public static async Task PlayAsync(HallDay day, double until, Func<int, IEnumerable<HallCommand>> arrivals,
        Func<long, double> serviceMinutes, Func<long, bool>? absent = null, int recalls = 0)
    {
        for (var m = (int)Math.Ceiling(day.Minute); m <= until; m++)
        {
            await day.RunToAsync(m);
            foreach (var c in arrivals(m))
            {
                await day.DoAsync(c);
            }

            foreach (var w in (await day.SnapshotAsync()).Windows)
            {
                if (w.State == WindowState.Serving && m - StartedAt(day, w.Window) >= serviceMinutes(w.Ticket))
                {
                    await day.DoAsync(HallCommand.Finish(w.Window));
                }
                else if (w.State == WindowState.Idle && !w.Auto)
                {
                    var r = await day.Hall.CallNextAsync(w.Window).AsTask().WaitAsync(HallDay.Timeout);
                    Assert.True(r.IsSuccess || r.Error == QueueError.NothingWaiting, r.ToString());
                    await day.SyncAsync();
                }
            }

            foreach (var w in (await day.SnapshotAsync()).Windows.Where(w => w.State == WindowState.Calling))
            {
                if (absent?.Invoke(w.Ticket) == true)
                {
                    // The clerk recalls an absent citizen, a minute apart, before marking the no-show.
                    var called = day.Log.FindLastIndex(e => e.Kind == HallEventKind.TicketCalled && e.Ticket == w.Ticket);
                    var recalled = day.Log.Skip(called).Count(e => e.Kind == HallEventKind.TicketRecalled && e.Ticket == w.Ticket);
                    await day.DoAsync(recalled < recalls ? HallCommand.Recall(w.Window) : HallCommand.NoShow(w.Window));
                }
                else
                {
                    await day.DoAsync(HallCommand.StartServing(w.Window));
                }
            }
        }
    }

    private static double StartedAt(HallDay day, int window) =>
        (day.Log.Last(e => e.Kind == HallEventKind.ServingStarted && e.Window == window).Time - HallDay.Opening).TotalMinutes;
}
