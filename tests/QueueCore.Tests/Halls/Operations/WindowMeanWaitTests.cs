using MessagePack;
using QueueCore.Tests.Snapshots;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A window's mean wait: how long the tickets it called today had waited before its call.</summary>
public class WindowMeanWaitTests
{
    /// <summary>Window 1 calls three tickets (waits 4, 6 and 10 min: the first is recalled, then a no-show), window 2 none.</summary>
    private static Hall ThreeCalls()
    {
        var hall = Open(OneItem(d => d with { NoShow = d.NoShow with { MaxNoShows = 1 } }), 1, 2);
        hall.Issue(0);
        hall.Issue(1);
        hall.Issue(2);
        hall.Call(1, 4);                                // waited 4 min
        hall.Do(HallCommand.Recall(1), 5);              // the same call: not counted again
        hall.Do(HallCommand.NoShow(1), 6);              // dropped; the citizen's wait still counts
        hall.Serve(1, 7);                               // waited 6 min
        hall.Do(HallCommand.Finish(1), 10);
        hall.Call(1, 12);                               // waited 10 min
        hall.Do(HallCommand.FinishAndCallNext(1), 13);  // nothing else waits
        return hall;
    }

    [Fact]
    public void MeanWait_CallsWithKnownWaits_TheMeanOfEachCallsWait_RecallsNotCountedAgain()
    {
        var hall = ThreeCalls();
        var w = hall.WindowView(1, 13);
        Assert.Equal((TimeSpan.FromSeconds(400), 2), (w.MeanWait, w.ServedToday));
        Assert.Equal(TimeSpan.Zero, hall.WindowView(2, 13).MeanWait); // called none
    }

    [Fact]
    public void MeanWait_RequeuedNoShowCalledAgain_CountsItsWaitSinceTheRequeue()
    {
        var hall = Open(OneItem(d => d with { NoShow = d.NoShow with { RequeuePlacesBack = 0 } }), 1);
        hall.Issue(0);
        hall.Call(1, 2);                                // waited 2 min
        hall.Do(HallCommand.NoShow(1), 3);              // re-queued: it waits again from here
        hall.Call(1, 7);                                // waited 4 min more
        Assert.Equal(TimeSpan.FromMinutes(3), hall.WindowView(1, 7).MeanWait);
    }

    [Fact]
    public void MeanWait_NewDay_StartsFromNone()
    {
        var hall = ThreeCalls();
        hall.Do(HallCommand.CloseDay(), 20);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        Assert.Equal(TimeSpan.Zero, hall.WindowView(1, 24 * 60).MeanWait);
        hall.Issue(24 * 60);
        hall.Call(1, (24 * 60) + 5);
        Assert.Equal(TimeSpan.FromMinutes(5), hall.WindowView(1, (24 * 60) + 5).MeanWait);
    }

    [Fact]
    public void MeanWait_SaveAndRestore_Kept_AndGoesOnCounting()
    {
        var hall = ThreeCalls();
        var restored = Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));
        Assert.Equal(TimeSpan.FromSeconds(400), restored.WindowView(1, 13).MeanWait);
        restored.Issue(14);
        restored.Call(1, 16); // waited 2 min: (20 + 2) / 4
        Assert.Equal(TimeSpan.FromSeconds(330), restored.WindowView(1, 16).MeanWait);
    }

    [Fact]
    public void MeanWait_StateSavedBeforeItWasKept_LoadsWithNone()
    {
        var hall = ThreeCalls();
        var bytes = MessagePackSerializer.Serialize(hall.SaveState());
        var restored = Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(StateFiles.AsSavedBeforeClerkFigures(bytes)));
        var w = restored.WindowView(1, 13);
        Assert.Equal((TimeSpan.Zero, 2), (w.MeanWait, w.ServedToday));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, -1)]
    public void Restore_NegativeWaitFigures_RefusedAsDamaged_NamingTheField(int calls, long waitTicks)
    {
        var hall = ThreeCalls();
        var state = hall.SaveState();
        var damaged = state with { Windows = [.. state.Windows.Select(w => w with { CallsToday = calls, WaitTicksToday = waitTicks })] };
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, damaged));
        Assert.Contains("damaged", e.Message);
        Assert.Contains(calls < 0 ? "CallsToday" : "WaitTicksToday", e.Message);
    }
}
