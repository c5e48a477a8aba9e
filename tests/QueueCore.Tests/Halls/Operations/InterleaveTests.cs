using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The interleave ratio, both ways, over long runs with both kinds of ticket always waiting.</summary>
public class InterleaveTests
{
    private static Hall Hall(InterleaveRule? rule = null, int? after = null) =>
        Open(OneItem(d => d with { Priority = d.Priority with { Interleave = rule, InterleaveAfter = after, MaxWait = null } }), 1);

    /// <summary>Keeps 5 elderly and 5 normal tickets waiting and records the class of each of <paramref name="calls"/> calls.</summary>
    private static string Calls(Hall hall, int calls)
    {
        var minute = 0.0;
        for (var i = 0; i < 5; i++)
        {
            hall.Issue(minute, age: 70);
            hall.Issue(minute);
        }

        var pattern = new System.Text.StringBuilder();
        for (var i = 0; i < calls; i++)
        {
            minute += 0.01;
            var called = hall.Do(HallCommand.CallNext(1), minute);
            var elderly = hall.Single(HallEventKind.TicketCalled).PriorityClass == PriorityPolicy.Elderly;
            pattern.Append(elderly ? 'P' : 'N');
            hall.Do(HallCommand.Cancel(called.Ticket), minute);
            hall.Issue(minute, age: (byte)(elderly ? 70 : 30)); // replace it: both kinds always wait
        }

        return pattern.ToString();
    }

    [Fact]
    public void CallNext_NoRule_PriorityAlwaysFirst() => Assert.Equal(new string('P', 30), Calls(Hall(), 30));

    [Fact]
    public void CallNext_TwoNormalForEachPriority_KeepsTheRatioOverALongRun()
    {
        var pattern = Calls(Hall(new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 }), 3000);
        Assert.Equal(string.Concat(Enumerable.Repeat("PNN", 1000)), pattern);
    }

    [Fact]
    public void CallNext_OneNormalAfterThreePriority_KeepsTheRatioOverALongRun()
    {
        var pattern = Calls(Hall(new InterleaveRule { PriorityCalls = 3, NormalCalls = 1 }), 4000);
        Assert.Equal(string.Concat(Enumerable.Repeat("PPPN", 1000)), pattern);
    }

    [Fact]
    public void CallNext_InterleaveAfterShorthand_SameAsOneNormalAfterN()
    {
        Assert.Equal(Calls(Hall(new InterleaveRule { PriorityCalls = 2, NormalCalls = 1 }), 600), Calls(Hall(after: 2), 600));
    }

    [Fact]
    public void CallNext_NoNormalWaiting_OwedNormalCallsAreDropped()
    {
        var hall = Hall(new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 });
        var p1 = hall.Issue(0, age: 70);
        var p2 = hall.Issue(0, age: 70);
        Assert.Equal(p1, hall.Call(1, 1)); // a priority call: two normal calls are now owed
        hall.Do(HallCommand.Cancel(p1), 1);
        Assert.Equal(p2, hall.Call(1, 2)); // no normal ticket waits: the priority one is called, the debt dropped
        hall.Do(HallCommand.Cancel(p2), 2);
        var n = hall.Issue(3);
        var p3 = hall.Issue(3, age: 70);
        Assert.Equal(n, hall.Call(1, 4)); // the priority call above made two normal calls owed again
        hall.Do(HallCommand.Cancel(n), 4);
        Assert.Equal(p3, hall.Call(1, 5));
    }

    [Fact]
    public void HallDefinition_BothInterleaveSettings_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Hall(new InterleaveRule(), after: 2));
        Assert.Contains("not both", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetWindowQueue_InterleaveRule_ExplainsTheNormalTurn()
    {
        var hall = Hall(new InterleaveRule { PriorityCalls = 1, NormalCalls = 1 });
        var p1 = hall.Issue(0, age: 70);
        var p2 = hall.Issue(0, age: 70);
        var n1 = hall.Issue(1);
        var view = hall.GetWindowQueue(1);
        Assert.Equal([p1, n1, p2], view.Tickets.Select(t => t.Ticket));
        Assert.Equal([QueueReason.Primary, QueueReason.Interleave, QueueReason.Primary], view.Tickets.Select(t => t.Reason));
        Assert.Equal(p1, hall.Call(1, 2)); // the view is the order the window really calls in
        hall.Do(HallCommand.Cancel(p1), 2);
        Assert.Equal(n1, hall.Call(1, 3));
    }
}
