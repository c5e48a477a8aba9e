using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md dispatch rule 5 (choosing among idle windows) and docs/dispatch.md "Push".</summary>
public class WindowChoiceRulesTests
{
    /// <summary>The window a ticket issued now is pushed to (0: none); its citizen comes to the window at once.</summary>
    private static int PushedTo(Hall hall, double minute, byte age = 0)
    {
        hall.Issue(minute, age: age);
        var calls = hall.CallsIn();
        if (calls.Length == 0)
        {
            return 0;
        }

        hall.Ok(HallCommand.StartServing(calls.Single().Window), minute); // handling time runs from here
        return calls.Single().Window;
    }

    private static Hall TwoAutoWindows(WindowSelection selection) =>
        Open(Define(1, Window(1, 1), Window(2, 1)) with { WindowSelection = selection }, auto: true, windows: [1, 2]);

    [Theory]
    // Window 1 serves 1-2 and 3-4 (2 served, 2 min busy, idle since 4); window 2 serves 2.5-10 (1 served, 7.5 min
    // busy, idle since 10). At 11: longest idle is 1, fewest served 2, least busy 1, fixed order 1; round robin: the
    // window whose last call is oldest, window 2 (called at 2.5, window 1 at 3).
    [InlineData(WindowSelection.LongestIdle, 1)]
    [InlineData(WindowSelection.FewestServed, 2)]
    [InlineData(WindowSelection.LeastBusy, 1)]
    [InlineData(WindowSelection.FixedOrder, 1)]
    [InlineData(WindowSelection.RoundRobin, 2)]
    public void Issue_PushesToTheIdleWindowTheSelectionNames_ScenarioA(WindowSelection selection, int expected)
    {
        var hall = TwoAutoWindows(selection);
        Assert.Equal(1, PushedTo(hall, 1)); // all equal: window id breaks the tie
        hall.Done(1, 2);
        Assert.Equal(selection == WindowSelection.FixedOrder ? 1 : 2, PushedTo(hall, 2.5));
        if (selection == WindowSelection.FixedOrder)
        {
            return; // fixed order keeps taking window 1 while it is idle; nothing more to tell apart here
        }

        Assert.Equal(1, PushedTo(hall, 3)); // the only idle window
        hall.Done(1, 4);
        hall.Done(2, 10);

        Assert.Equal(expected, PushedTo(hall, 11));
    }

    [Theory]
    // Window 1 serves 1-30 (1 served, 29 min busy, idle since 30, last call 1); window 2 serves 2-3 and 4-5 (2 served,
    // 2 min busy, idle since 5, last call 4). At 31: longest idle 2, fewest served 1, least busy 2, round robin 1.
    [InlineData(WindowSelection.LongestIdle, 2)]
    [InlineData(WindowSelection.FewestServed, 1)]
    [InlineData(WindowSelection.LeastBusy, 2)]
    [InlineData(WindowSelection.RoundRobin, 1)]
    public void Issue_PushesToTheIdleWindowTheSelectionNames_ScenarioB(WindowSelection selection, int expected)
    {
        var hall = TwoAutoWindows(selection);
        Assert.Equal(1, PushedTo(hall, 1));
        Assert.Equal(2, PushedTo(hall, 2));
        hall.Done(2, 3);
        Assert.Equal(2, PushedTo(hall, 4));
        hall.Done(2, 5);
        hall.Done(1, 30);

        Assert.Equal(expected, PushedTo(hall, 31));
    }

    [Theory]
    [InlineData(WindowSelection.LongestIdle)]
    [InlineData(WindowSelection.FixedOrder)]
    [InlineData(WindowSelection.RoundRobin)]
    public void Issue_PrimaryWindowBeforeAnOverflowOneIdleLonger(WindowSelection selection)
    {
        // Window 1 takes the item as overflow at once (delay 0) and has been idle since 0; window 2, primary, since 5.
        var def = Define(1, OverflowWindow(1, service: 1, delayMinutes: 0), Window(2, 1)) with { WindowSelection = selection };
        var hall = Open(def, auto: true, windows: 1);
        hall.Ok(HallCommand.OpenWindow(2, clerk: 102, auto: true), 5);

        Assert.Equal(2, PushedTo(hall, 6));
        Assert.Equal(1, PushedTo(hall, 7)); // window 2 is busy: overflow helps
    }

    [Fact]
    public void Issue_DedicatedWindowFirstForItsClass_OthersGoToTheLongestIdle()
    {
        var def = Define(1, Window(1, 1) with { DedicatedClass = PriorityPolicy.Elderly }, Window(2, 1));
        var hall = Open(def, auto: true, windows: 2);
        hall.Ok(HallCommand.OpenWindow(1, clerk: 101, auto: true), 5);

        Assert.Equal(1, PushedTo(hall, 6, age: 70)); // dedicated to its class, though window 2 idled longer
        hall.Done(1, 7);
        Assert.Equal(2, PushedTo(hall, 8)); // a normal ticket: window 2, idle since 0, before window 1 (since 7)
    }

    [Fact]
    public void CallNext_DedicatedWindowServesOthersOnlyWhenNoneOfItsClassWaits()
    {
        var def = Define(1, Window(1, 1) with { DedicatedClass = PriorityPolicy.Elderly });
        var hall = Open(def, windows: 1);
        var normal = hall.Issue(0);
        var green = hall.Issue(1, flags: TicketFlags.GreenChannel);
        var elderly = hall.Issue(30, age: 70);

        Assert.Equal([elderly, green, normal], hall.Drain(1, 31, 3));
    }

    [Fact]
    public void Issue_LeastBusy_ACallEndingInANoShowAddsNoBusyTime()
    {
        var def = Define(1, Window(1, 1), Window(2, 1)) with
        {
            WindowSelection = WindowSelection.LeastBusy,
            NoShow = new NoShowPolicy { PauseWindowAfter = 0, MaxNoShows = 1 },
        };
        var hall = Open(def, auto: true, windows: [1, 2]);
        Assert.Equal(1, PushedTo(hall, 1)); // served 1-3: 2 minutes
        hall.Issue(2);
        Assert.Equal(2, hall.CallsIn().Single().Window); // called at 2, a no-show at 20: nothing
        hall.Done(1, 3);
        hall.Ok(HallCommand.NoShow(2), 20);

        Assert.Equal(2, PushedTo(hall, 21));
    }

    [Fact]
    public void Issue_RoundRobin_ARecallIsNotATurn()
    {
        var hall = TwoAutoWindows(WindowSelection.RoundRobin);
        hall.Issue(1);
        Assert.Equal(1, hall.CallsIn().Single().Window); // window 1's turn at 1
        Assert.Equal(2, PushedTo(hall, 2)); // window 2's at 2
        hall.Done(2, 3);
        hall.Ok(HallCommand.Recall(1), 4); // not a turn: window 1's last call stays at 1
        hall.Done(1, 5);

        Assert.Equal(1, PushedTo(hall, 6));
    }
}
