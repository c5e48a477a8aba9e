using MessagePack;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The hall's mean wait: how long every ticket called today, at any window, had waited before its call.</summary>
public class HallMeanWaitTests
{
    /// <summary>Window 1 calls one ticket (waited 4 min), window 2 two (5 and 9 min): 18 min over 3 calls.</summary>
    private static Hall ThreeCalls()
    {
        var hall = Open(OneItem(), 1, 2);
        hall.Issue(0);
        hall.Issue(1);
        hall.Issue(2);
        hall.Serve(1, 4);                                // waited 4 min
        hall.Do(HallCommand.Finish(1), 5);
        hall.Call(2, 6);                                 // waited 5 min
        hall.Do(HallCommand.FinishAndCallNext(2), 11);   // the third ticket: waited 9 min
        hall.Do(HallCommand.FinishAndCallNext(2), 12);   // nothing else waits
        return hall;
    }

    private static readonly TimeSpan ThreeCallsMean = TimeSpan.FromMinutes(6);

    private static TimeSpan MeanWait(Hall hall, double minute) => hall.GetSnapshot(At(minute)).MeanWait;

    [Fact]
    public void MeanWait_CallsAtSeveralWindows_TheMeanOverEveryCall_NotTheMeanOfTheWindowsMeans()
    {
        var hall = ThreeCalls();
        Assert.Equal((TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(7)), (hall.WindowView(1, 12).MeanWait, hall.WindowView(2, 12).MeanWait));
        Assert.Equal(ThreeCallsMean, MeanWait(hall, 12));
    }

    [Fact]
    public void MeanWait_NoCallYet_Zero()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        Assert.Equal(TimeSpan.Zero, MeanWait(hall, 5));
    }

    [Fact]
    public void MeanWait_WindowRemovedMidDay_KeepsItsCalls_AndGoesOnCounting()
    {
        var hall = ThreeCalls();
        hall.Do(HallCommand.CloseWindow(2), 13);
        var redefined = hall.Redefine(hall.Definition with { Windows = [hall.Definition.Windows[0]] }, At(13));
        Assert.Equal(ThreeCallsMean, MeanWait(redefined, 13));

        redefined.Issue(13);
        redefined.Call(1, 15); // waited 2 min: (18 + 2) / 4
        Assert.Equal(TimeSpan.FromMinutes(5), MeanWait(redefined, 15));
    }

    [Fact]
    public void MeanWait_WindowRemovedMidDay_SaveAndRestore_Kept()
    {
        var hall = ThreeCalls();
        hall.Do(HallCommand.CloseWindow(2), 13);
        var redefined = hall.Redefine(hall.Definition with { Windows = [hall.Definition.Windows[0]] }, At(13));

        var state = MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(redefined.SaveState()));
        var restored = Hall.Restore(redefined.Definition, state);

        Assert.Equal(ThreeCallsMean, MeanWait(restored, 13));
    }

    [Fact]
    public void MeanWait_NewDay_StartsFromNone()
    {
        var hall = ThreeCalls();
        hall.Do(HallCommand.CloseWindow(2), 13);
        hall = hall.Redefine(hall.Definition with { Windows = [hall.Definition.Windows[0]] }, At(13));
        hall.Do(HallCommand.CloseDay(), 20);
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        Assert.Equal(TimeSpan.Zero, MeanWait(hall, 24 * 60));
        hall.Issue(24 * 60);
        hall.Call(1, (24 * 60) + 5);
        Assert.Equal(TimeSpan.FromMinutes(5), MeanWait(hall, (24 * 60) + 5));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, -1)]
    public void Restore_NegativeRemovedWindowsWaitFigures_RefusedAsDamaged_NamingTheField(int calls, long waitTicks)
    {
        var hall = ThreeCalls();
        var damaged = hall.SaveState() with { RemovedWindowsCallsToday = calls, RemovedWindowsWaitTicksToday = waitTicks };
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, damaged));
        Assert.Contains("damaged", e.Message);
        Assert.Contains(calls < 0 ? "RemovedWindowsCallsToday" : "RemovedWindowsWaitTicksToday", e.Message);
    }
}
