using MessagePack;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// A no-show of a ticket called from a window's own queue (transferred there, or a parked ticket returned there): it
/// waits again in that window's queue, as the policy places it there, not in its item's queue where any window may call it.
/// </summary>
public class SentToWindowNoShowTests
{
    /// <summary>One item served by windows 1, 2 and 3, all open in manual mode.</summary>
    private static Hall ThreeWindows(Func<NoShowPolicy, NoShowPolicy>? policy = null) =>
        Open(OneItem(d => d with
        {
            Windows = [.. d.Windows, new() { Id = 3, Skills = [new() { Service = 1 }] }],
            NoShow = policy is null ? d.NoShow : policy(d.NoShow),
        }), 1, 2, 3);

    /// <summary>Window 1 calls <paramref name="ticket"/> and hands it to window 2.</summary>
    private static void SendToWindow2(Hall hall, long ticket, double minute)
    {
        hall.Do(HallCommand.CallTicket(1, ticket), minute);
        hall.Do(HallCommand.TransferToWindow(1, 2), minute);
    }

    [Fact]
    public void NoShow_CalledFromTheWindowsOwnQueue_WaitsThereAgain_NoOtherWindowMayCallIt()
    {
        var hall = ThreeWindows();
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        SendToWindow2(hall, a, 2);
        Assert.Equal(a, hall.Call(2, 3));

        var r = hall.Do(HallCommand.NoShow(2), 4);

        Assert.Equal((a, TicketState.Waiting), (r.Ticket, r.State));
        Assert.Equal(1, hall.Single(HallEventKind.NoShow).Value); // re-queued
        Assert.Equal(1, hall.WindowView(2, 4).QueueLength);
        Assert.Equal([a], hall.GetWindowQueue(2, hall.Now).Tickets.Take(1).Select(t => t.Ticket));
        hall.Reject(HallCommand.CallTicket(3, a), 5, QueueError.NotEligible);
        Assert.Equal(b, hall.Call(3, 5)); // window 3 takes the item queue's ticket, not the absent citizen
        Assert.Equal(a, hall.Call(2, 6)); // window 2's next call brings the citizen back
    }

    [Fact]
    public void NoShow_CalledFromTheWindowsOwnQueue_RequeuedPlacesBackWithinThatQueue()
    {
        var hall = ThreeWindows(); // RequeuePlacesBack 3
        var t = Enumerable.Range(0, 5).Select(i => hall.Issue(i)).ToArray();
        foreach (var ticket in t)
        {
            SendToWindow2(hall, ticket, 5);
        }

        Assert.Equal(t[0], hall.Call(2, 6));
        hall.Do(HallCommand.NoShow(2), 7);

        Assert.Equal([t[1], t[2], t[3], t[0], t[4]], hall.GetWindowQueue(2, hall.Now).Tickets.Select(x => x.Ticket));
        Assert.Equal(3, hall.Query(t[0], 7).Position);
        Assert.Equal(0, hall.TotalWaiting - hall.WindowView(2, 7).QueueLength); // none in the item queue
    }

    [Fact]
    public void NoShow_CalledFromTheWindowsOwnQueue_PlacesBackZero_KeepsItsRankThere()
    {
        var hall = ThreeWindows(p => p with { RequeuePlacesBack = 0 });
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        var c = hall.Issue(2);
        SendToWindow2(hall, b, 3);
        SendToWindow2(hall, a, 3);
        Assert.Equal(a, hall.Call(2, 4));
        hall.Do(HallCommand.NoShow(2), 5);

        Assert.Equal([a, b], hall.GetWindowQueue(2, hall.Now).Tickets.Take(2).Select(x => x.Ticket));
        Assert.Equal(c, hall.Call(1, 6));
        Assert.Equal(a, hall.Call(2, 6));
    }

    [Fact]
    public void NoShow_CalledFromTheWindowsOwnQueue_ThenTheWindowCloses_BackToItsItemQueue()
    {
        var hall = ThreeWindows();
        var a = hall.Issue(0);
        SendToWindow2(hall, a, 1);
        hall.Call(2, 2);
        hall.Do(HallCommand.NoShow(2), 3);

        hall.Do(HallCommand.CloseWindow(2), 4);

        Assert.Equal(a, hall.Call(3, 5));
    }

    [Fact]
    public void NoShow_CalledFromTheWindowsOwnQueue_AtMaxNoShows_Dropped()
    {
        var hall = ThreeWindows(p => p with { MaxNoShows = 1 });
        var a = hall.Issue(0);
        SendToWindow2(hall, a, 1);
        hall.Call(2, 2);

        var r = hall.Do(HallCommand.NoShow(2), 3);

        Assert.Equal((a, TicketState.NoShow), (r.Ticket, r.State));
        Assert.Equal(0, hall.Single(HallEventKind.NoShow).Value);
        Assert.Equal(0, hall.TotalWaiting);
    }

    [Fact]
    public void NoShow_CalledFromTheItemQueueAfterATransferToAnotherWindow_BackToTheItemQueue()
    {
        // Window 2 closed over the transferred ticket, so window 3 called it from the item queue: no window was chosen for it.
        var hall = ThreeWindows();
        var a = hall.Issue(0);
        SendToWindow2(hall, a, 1);
        hall.Do(HallCommand.CloseWindow(2), 2);
        Assert.Equal(a, hall.Call(3, 3));

        hall.Do(HallCommand.NoShow(3), 4);

        Assert.Equal(a, hall.Call(1, 5));
    }

    [Fact]
    public void NoShow_ParkedTicketReturnedToItsWindow_WaitsThereAgain()
    {
        var hall = Open(OneItem(d => d with { Windows = [.. d.Windows, new() { Id = 3, Skills = [new() { Service = 1 }] }] }), 1, 2, 3);
        var a = hall.Issue(0); // ReturnToSameWindow by default
        hall.Serve(2, 1);
        hall.Do(HallCommand.Park(2), 2);
        hall.Do(HallCommand.ResumeParked(a), 3);
        Assert.Equal(a, hall.Call(2, 4));

        hall.Do(HallCommand.NoShow(2), 5);

        hall.Reject(HallCommand.CallNext(1), 6, QueueError.NothingWaiting);
        Assert.Equal(a, hall.Call(2, 6));
    }

    [Fact]
    public void NoShow_CalledFromTheWindowsOwnQueue_AfterSaveAndRestore_WaitsThereAgain()
    {
        var hall = ThreeWindows();
        var a = hall.Issue(0);
        SendToWindow2(hall, a, 1);
        hall.Call(2, 2);
        var restored = Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));

        restored.Do(HallCommand.NoShow(2), 3);

        restored.Reject(HallCommand.CallNext(3), 4, QueueError.NothingWaiting);
        Assert.Equal(a, restored.Call(2, 4));
    }

    [Fact]
    public void NoShow_CalledFromAnAutoWindowsOwnQueue_HeldBackThereForCallBackAfter()
    {
        var hall = Open(OneItem(d => d with { NoShow = d.NoShow with { CallBackAfter = TimeSpan.FromMinutes(2) } }), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.OpenWindow(2, clerk: 102, auto: true), 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2); // window 2 calls it at once
        Assert.Equal((TicketState.Called, 2), (hall.Query(a, 2).State, hall.Query(a, 2).Window));

        hall.Do(HallCommand.NoShow(2), 3); // window 2 holds it back until minute 5

        hall.Do(HallCommand.Tick(), 4);
        Assert.Equal((TicketState.Waiting, WindowState.Idle), (hall.StateOf(a, 4), hall.WindowView(2, 4).State));
        hall.Reject(HallCommand.CallTicket(1, a), 4, QueueError.NotEligible);
        hall.Do(HallCommand.Tick(), 5);
        Assert.Equal((TicketState.Called, 2), (hall.Query(a, 5).State, hall.Query(a, 5).Window));
    }

    [Fact]
    public void NoShow_CalledFromAnAutoWindowsOwnQueue_OtherTicketFirstThenItsCitizen()
    {
        var hall = Open(OneItem(d => d with { NoShow = d.NoShow with { CallBackAfter = TimeSpan.FromMinutes(2) } }), 1);
        var a = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.OpenWindow(2, clerk: 102, auto: true), 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        hall.Do(HallCommand.NoShow(2), 3);

        var b = hall.Issue(4);

        Assert.Equal((TicketState.Called, 2), (hall.Query(b, 4).State, hall.Query(b, 4).Window)); // the next other ticket
        Assert.Equal(a, hall.Do(HallCommand.FinishAndCallNext(2), 4.5).Ticket); // then the citizen it held back
    }

    [Fact]
    public void TransferToWindow_TicketTheAutoWindowHoldsBack_CalledThereAtOnce()
    {
        // Window 2 holds back a no-show from its item's queue; the citizen turns up at window 1, which hands them to window 2
        // on purpose: window 2 calls them at once, as before a no-show re-queue could put a held ticket in a window's queue.
        var hall = Open(OneItem(d => d with { NoShow = d.NoShow with { CallBackAfter = TimeSpan.FromMinutes(5) } }), 1);
        hall.Do(HallCommand.OpenWindow(2, clerk: 102, auto: true), 0);
        var a = hall.Issue(0);
        Assert.Equal(2, hall.Query(a, 0).Window);
        hall.Do(HallCommand.NoShow(2), 1); // held back until minute 6
        hall.Do(HallCommand.CallTicket(1, a), 2);

        hall.Do(HallCommand.TransferToWindow(1, 2), 3);

        Assert.Equal((TicketState.Called, 2), (hall.Query(a, 3).State, hall.Query(a, 3).Window));
    }
}
