using MessagePack;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// <see cref="WindowSelection.LeastBusy"/> and <see cref="WindowSelection.RoundRobin"/> over three interchangeable auto
/// windows (item 1), against <see cref="WindowSelection.LongestIdle"/> on the same script: where each sends a ticket,
/// after a new day, and after a save and restore or a redefinition.
/// </summary>
public class WindowSelectionRulesTests
{
    private static HallDefinition Three(WindowSelection selection) => OneItem(d => d with
    {
        WindowSelection = selection,
        Windows = [.. Enumerable.Range(1, 3).Select(i => new WindowDefinition { Id = i, Skills = [new() { Service = 1 }] })],
    });

    /// <summary>Issues a ticket for item 1 and returns the window it was pushed to (0: it waits).</summary>
    private static int Push(Hall hall, double minute) => hall.Do(HallCommand.IssueTicket(1), minute).Window;

    private static void Serve(Hall hall, int window, double start, double finish)
    {
        hall.Do(HallCommand.StartServing(window), start);
        hall.Do(HallCommand.Finish(window), finish);
    }

    [Theory]
    [InlineData(WindowSelection.RoundRobin, new[] { 1, 2, 3, 1 })]
    [InlineData(WindowSelection.LongestIdle, new[] { 1, 2, 3, 2 })]
    public void IssueTicket_RoundRobin_WindowsTakeTurnsWhicheverFinishedFirst(WindowSelection selection, int[] expected)
    {
        var hall = OpenAuto(Three(selection));
        var windows = new List<int> { Push(hall, 1), Push(hall, 1) };
        hall.Do(HallCommand.StartServing(1), 1);
        Serve(hall, 2, 1, 2); // window 2 is free first: idle longest from here on
        hall.Do(HallCommand.Finish(1), 3);
        windows.Add(Push(hall, 4));
        Serve(hall, 3, 4, 5);
        windows.Add(Push(hall, 6)); // window 1's turn came first
        Assert.Equal(expected, windows);
    }

    [Theory]
    [InlineData(WindowSelection.LeastBusy, new[] { 1, 2, 3, 2, 3 })]
    [InlineData(WindowSelection.LongestIdle, new[] { 1, 2, 3, 1, 2 })]
    public void IssueTicket_LeastBusy_WindowWithLeastHandlingTimeTodayTakesIt(WindowSelection selection, int[] expected)
    {
        var hall = OpenAuto(Three(selection));
        var windows = new List<int> { Push(hall, 0) };
        Serve(hall, 1, 0, 10); // busy 10 min
        windows.Add(Push(hall, 11));
        Serve(hall, 2, 11, 13); // busy 2 min, idle since after window 1
        windows.Add(Push(hall, 14));
        Serve(hall, 3, 14, 20); // busy 6 min
        windows.Add(Push(hall, 21));
        windows.Add(Push(hall, 21));
        Assert.Equal(expected, windows);
    }

    [Fact]
    public void IssueTicket_LeastBusy_NoShowAddsNoBusyTime()
    {
        var hall = OpenAuto(Three(WindowSelection.LeastBusy));
        Assert.Equal(1, Push(hall, 0));
        hall.Do(HallCommand.NoShow(1), 5); // called for five minutes, nobody came: not busy (the ticket goes to window 2)
        Serve(hall, 2, 5, 6);
        Assert.Equal(1, Push(hall, 7)); // window 1 and 3 tie at none: the lower id
    }

    [Theory]
    [InlineData(WindowSelection.RoundRobin)]
    [InlineData(WindowSelection.LeastBusy)]
    public void IssueTicket_PrimaryWindowHadItsTurn_StillBeforeAnOverflowOneThatHadNone(WindowSelection selection)
    {
        // Window 3 serves item 3 and item 1 as overflow, with no delay.
        var hall = Open(Small(d => d with
        {
            WindowSelection = selection,
            Windows = [d.Windows[0], d.Windows[1], new() { Id = 3, Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow }] }],
        }));
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 0);
        Assert.Equal(1, Push(hall, 1));
        Serve(hall, 1, 1, 5);
        Assert.Equal(1, Push(hall, 6)); // primary, though it served and had a turn while window 3 did neither
        Assert.Equal(3, Push(hall, 6)); // the overflow window only while the primary one is busy
    }

    [Theory]
    [InlineData(WindowSelection.RoundRobin)]
    [InlineData(WindowSelection.LeastBusy)]
    public void OpenDay_WindowsLeftOpen_TurnsAndBusyTimeStartOverInIdOrder(WindowSelection selection)
    {
        var hall = OpenAuto(Three(selection));
        Assert.Equal(1, Push(hall, 1));
        Serve(hall, 1, 1, 2);
        Assert.Equal(2, Push(hall, 3));
        Serve(hall, 2, 3, 30); // window 3 has neither had a turn nor served today
        hall.Do(HallCommand.CloseDay(), 31);
        hall.Do(HallCommand.OpenDay(), 600);
        Assert.Equal(1, Push(hall, 601));
        Assert.Equal(2, Push(hall, 601));
        Assert.Equal(3, Push(hall, 601));
    }

    [Theory]
    [InlineData(WindowSelection.RoundRobin, false)]
    [InlineData(WindowSelection.RoundRobin, true)]
    [InlineData(WindowSelection.LeastBusy, false)]
    [InlineData(WindowSelection.LeastBusy, true)]
    public void Restore_MidDay_PushesWhereTheOriginalWould(WindowSelection selection, bool redefine)
    {
        // Windows finish in the reverse of their turns and with decreasing busy time: neither order is the idle order.
        var definition = Three(selection);
        var original = OpenAuto(definition);
        Assert.Equal([1, 2, 3], new[] { Push(original, 1), Push(original, 1), Push(original, 1) });
        foreach (var w in new[] { 1, 2, 3 })
        {
            original.Do(HallCommand.StartServing(w), 1);
        }

        original.Do(HallCommand.Finish(3), 2);
        original.Do(HallCommand.Finish(2), 4);
        original.Do(HallCommand.Finish(1), 6);
        var restored = redefine
            ? original.Redefine(definition with { Name = "Renamed" }, At(6))
            : Hall.Restore(definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(original.SaveState())));

        // Each ticket served before the next: a restored hall that numbered turns afresh would give window 1 two in a row.
        var pushed = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var minute = 10 + (10 * i);
            var w = Push(original, minute);
            Assert.Equal(w, Push(restored, minute));
            Serve(original, w, minute, minute + 1 + i);
            Serve(restored, w, minute, minute + 1 + i);
            pushed.Add(w);
        }

        Assert.Equal(selection == WindowSelection.RoundRobin ? [1, 2, 3, 1] : [3, 3, 2, 3], pushed);
    }
}
