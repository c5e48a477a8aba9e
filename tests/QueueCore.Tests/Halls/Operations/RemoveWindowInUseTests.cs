using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A redefinition that leaves out a window still in use says what holds it and what the clerk does first.</summary>
public class RemoveWindowInUseTests
{
    private static HallDefinition Without2(HallDefinition d) => d with { Windows = [.. d.Windows.Where(w => w.Id != 2)] };

    [Fact]
    public void Redefine_RemovingAWindowServingATicket_NamesItAndTheWayOut()
    {
        var d = Small();
        var hall = Open(d, 2);
        hall.Issue(0, 1);
        hall.Serve(2, 1);
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(Without2(d), At(2)));
        Assert.Contains("window 2 is serving A001", e.Message, StringComparison.Ordinal);
        Assert.Contains("finish A001, park or transfer it at the window, then close the window", e.Message, StringComparison.Ordinal);
        Assert.Equal(WindowState.Serving, hall.WindowView(2, 2).State); // the running hall is untouched
    }

    [Fact]
    public void Redefine_RemovingAWindowCallingATicket_NamesItAndTheWayOut()
    {
        var d = Small();
        var hall = Open(d, 2);
        hall.Issue(0, 1);
        hall.Call(2, 1);
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(Without2(d), At(2)));
        Assert.Contains("window 2 is calling A001", e.Message, StringComparison.Ordinal);
        Assert.Contains("mark A001 a no-show, transfer or cancel it at the window (or start serving and finish it), then close the window", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefine_RemovingAnOpenWindowWithItsOwnQueue_NamesTheQueueAndThatClosingHandsItBack()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        hall.Issue(0, 1);
        hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2); // A001 waits in window 2's own queue
        hall.Call(1, 2);
        hall.Do(HallCommand.TransferToWindow(1, 2), 3); // and A002 after it
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(Without2(d), At(4)));
        Assert.Contains("window 2 is idle but not in the definition; close the window before removing it", e.Message, StringComparison.Ordinal);
        Assert.Contains("its own queue, A001, A002, back to their items' queues", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("waits for window 2", e.Message, StringComparison.Ordinal);

        // The way out the message gives works: close, then remove; the tickets wait for their item.
        hall.Do(HallCommand.CloseWindow(2), 5);
        var redefined = hall.Redefine(Without2(d), At(6));
        Assert.Equal(2, redefined.ServiceView(1, 6).Waiting);
    }
}
