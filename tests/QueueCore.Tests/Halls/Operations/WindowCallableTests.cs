using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// <see cref="WindowSnapshot.Callable"/>: the tickets a window would call now, as its queue view counts them (the
/// dashboard shows it beside the window, the terminal's stream counts the same).
/// </summary>
public class WindowCallableTests
{
    [Fact]
    public void Snapshot_Callable_CountsWhatTheWindowWouldCallNowAsItsQueueDoes()
    {
        // Window 1 serves item 1, and item 2 once a ticket has waited 10 minutes; window 2 serves item 2; window 3 item 1.
        var hall = Open(OneItem(d => d with
        {
            Services = [d.Services[0], new() { Id = 2, Category = "A" }],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
                new() { Id = 2, Skills = [new() { Service = 2 }] },
                new() { Id = 3, Skills = [new() { Service = 1 }] },
            ],
        }), 1, 2);
        hall.Issue(0, 2);
        hall.Issue(0, 1);
        hall.Issue(5, 2);
        AssertCallable(hall, 5, (1, 1), (2, 2), (3, 0)); // window 3 closed: none
        AssertCallable(hall, 12, (1, 2), (2, 2), (3, 0)); // the first item-2 ticket has waited 12 minutes
        AssertCallable(hall, 15, (1, 3), (2, 2), (3, 0));

        // Paused: those it would call once resumed. A ticket sent to the window's own queue counts for it alone.
        var sent = hall.Call(2, 16);
        hall.Do(HallCommand.TransferToWindow(2, 1), 16);
        hall.Do(HallCommand.PauseWindow(1), 16);
        Assert.Equal(1, hall.WindowView(1, 16).QueueLength);
        Assert.Equal(WindowState.Paused, hall.WindowView(1, 16).State);
        AssertCallable(hall, 16, (1, 3), (2, 1), (3, 0));
        Assert.Equal(sent, hall.GetWindowQueue(1, hall.Now).Tickets[0].Ticket);
    }

    /// <summary>Ticks the hall to <paramref name="minute"/> and checks each window's count in the snapshot, and that the
    /// open ones agree with the window's queue view (its total less those not callable yet).</summary>
    private static void AssertCallable(Hall hall, double minute, params (int Window, int Callable)[] expected)
    {
        hall.Do(HallCommand.Tick(), minute);
        var snapshot = hall.GetSnapshot(At(minute));
        Assert.Equal(expected, snapshot.Windows.Select(w => (w.Window, w.Callable)));
        foreach (var w in snapshot.Windows.Where(w => w.State != WindowState.Closed))
        {
            var view = hall.GetWindowQueue(w.Window, hall.Now, 0, Hall.MaxQueueViewPage);
            Assert.Equal(view.Total - view.Tickets.Count(t => t.Reason == QueueReason.OverflowLater), w.Callable);
        }
    }
}
