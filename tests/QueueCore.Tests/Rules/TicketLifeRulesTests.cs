using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md "Ticket life" and dispatch rule 8 (integrity): refused transitions change nothing.</summary>
public class TicketLifeRulesTests
{
    private static Hall TwoWindows() => Open(Define(2, Window(1, 1, 2), Window(2, 1, 2)), windows: [1, 2]);

    /// <summary>Applies a command that must be refused with <paramref name="error"/>, a message, and no event.</summary>
    private static void Refused(Hall hall, HallCommand command, double minute, QueueError error)
    {
        var sequence = hall.Sequence;
        var before = hall.GetSnapshot(At(minute));
        var r = hall.Try(command, minute);

        Assert.False(r.IsSuccess, $"{command.Kind} was accepted");
        Assert.Equal(error, r.Error);
        Assert.False(string.IsNullOrWhiteSpace(r.Message));
        Assert.Equal(sequence, hall.Sequence);
        var after = hall.GetSnapshot(At(minute));
        Assert.Equal(before.Windows.Select(w => (w.Window, w.State, w.Ticket, w.Clerk)), after.Windows.Select(w => (w.Window, w.State, w.Ticket, w.Clerk)));
        Assert.Equal(before.TotalWaiting, after.TotalWaiting);
    }

    [Fact]
    public void WindowCommands_OnAWindowWithNoTicket_AreRefusedAndChangeNothing()
    {
        var hall = TwoWindows();
        hall.Issue(0);
        foreach (var c in new[] { HallCommand.Recall(1), HallCommand.StartServing(1), HallCommand.Finish(1), HallCommand.NoShow(1), HallCommand.TransferToService(1, 2), HallCommand.Park(1) })
        {
            Refused(hall, c, 1, QueueError.WindowWrongState);
        }
    }

    [Fact]
    public void NamedTicketCommands_OnAWaitingTicket_AreRefusedWithTicketWrongState()
    {
        var hall = TwoWindows();
        var waiting = hall.Issue(0);
        var other = hall.Issue(0.5);
        Assert.Equal(waiting, hall.Next(1, 1));
        hall.Ok(HallCommand.StartServing(1), 1);

        // Window 1 serves `waiting`; naming the ticket still waiting is refused, and so is resuming one not parked.
        Refused(hall, HallCommand.Finish(1, other), 2, QueueError.TicketWrongState);
        Refused(hall, HallCommand.NoShow(1, other), 2, QueueError.TicketWrongState);
        Refused(hall, HallCommand.ResumeParked(other), 2, QueueError.TicketWrongState);
    }

    [Fact]
    public void NoShowAndRecall_OnAServingTicket_AreRefused()
    {
        var hall = TwoWindows();
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));
        hall.Ok(HallCommand.StartServing(1), 1);

        Assert.False(hall.Try(HallCommand.NoShow(1), 2).IsSuccess);
        Assert.False(hall.Try(HallCommand.Recall(1), 2).IsSuccess);
        Assert.Equal(TicketState.Serving, hall.StateOf(t, 2));
    }

    [Fact]
    public void Cancel_AFinishedTicket_IsRefusedAndItStaysFinished()
    {
        var hall = TwoWindows();
        var t = hall.Issue(0);
        hall.Drain(1, 1, 1);

        Refused(hall, HallCommand.Cancel(t), 2, QueueError.TicketWrongState);
        Assert.Equal(TicketState.Completed, hall.StateOf(t, 2));
    }

    [Fact]
    public void OpenWindow_AClerkAlreadyAtAnotherWindow_IsRefused()
    {
        var hall = Open(Define(1, Window(1, 1), Window(2, 1)), windows: 1); // clerk 101 at window 1

        Refused(hall, HallCommand.OpenWindow(2, clerk: 101), 1, QueueError.ClerkBusy);
    }

    [Fact]
    public void OpenWindow_AWindowAnotherClerkHolds_IsRefused()
    {
        var hall = Open(Define(1, Window(1, 1), Window(2, 1)), windows: 1);

        var r = hall.Try(HallCommand.OpenWindow(1, clerk: 999), 1);

        Assert.False(r.IsSuccess);
        Assert.Equal(101, hall.GetSnapshot(At(1)).Windows.Single(w => w.Window == 1).Clerk);
    }

    [Fact]
    public void CallTicket_ATicketCalledAtAnotherWindow_IsRefused()
    {
        var hall = TwoWindows();
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));

        Refused(hall, HallCommand.CallTicket(2, t), 2, QueueError.TicketWrongState);
        Assert.Equal(0, hall.Next(2, 2)); // and CallNext at the other window does not find it either
    }

    [Fact]
    public void Park_Resume_KeepsStandingPlusTheBonus()
    {
        // Parked at 2, resumed at 30 with the default 10-minute bonus: it ranks as if issued at -10, before the
        // elderly ticket issued at 20 (as if at 10).
        var hall = Open(Define(1, Window(1, 1)), windows: 1);
        var parked = hall.Issue(0);
        var normal = hall.Issue(1);
        Assert.Equal(parked, hall.Next(1, 2));
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Park(1), 2);
        var elderly = hall.Issue(20, age: 70);
        hall.Ok(HallCommand.ResumeParked(parked), 30);

        Assert.Equal([parked, normal, elderly], hall.Drain(1, 31, 3));
    }
}
