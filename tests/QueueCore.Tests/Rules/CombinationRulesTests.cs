using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>Rules met together: interleave with dedicated windows, several windows and max wait; handovers and the day.</summary>
public class CombinationRulesTests
{
    [Fact]
    public void CallNext_InterleaveIsAFloorNotACap_NormalTicketsThatRankFirstGoFirst()
    {
        var def = Define(1, Window(1, 1)) with { Priority = new PriorityPolicy { MaxWait = null, Interleave = new() { PriorityCalls = 1, NormalCalls = 2 } } };
        var hall = Open(def, windows: 1);
        var n1 = hall.Issue(0);
        var n2 = hall.Issue(1);
        var n3 = hall.Issue(2);
        var elderly = hall.Issue(20, age: 70); // as if issued at 10

        Assert.Equal([n1, n2, n3, elderly], hall.Drain(1, 21, 4));
    }

    [Fact]
    public void CallNext_InterleaveCountsPerWindow()
    {
        var def = Define(1, Window(1, 1), Window(2, 1)) with { Priority = new PriorityPolicy { MaxWait = null, InterleaveAfter = 1 } };
        var hall = Open(def, windows: [1, 2]);
        var e = Enumerable.Range(0, 4).Select(i => hall.Issue(i * 0.1, age: 70)).ToList();
        var n = Enumerable.Range(0, 2).Select(i => hall.Issue(1 + (i * 0.1))).ToList();

        var calls = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            foreach (var w in new[] { 1, 2 })
            {
                calls.Add(hall.Next(w, 2));
                hall.Done(w, 2);
            }
        }

        // Each window owes a normal call after its own priority call: E1 (w1), E2 (w2), N1 (w1), N2 (w2), E3, E4.
        Assert.Equal([e[0], e[1], n[0], n[1], e[2], e[3]], calls);
    }

    [Fact]
    public void CallNext_DedicatedWindowWithInterleave_ItsOwnClassStillComesFirst()
    {
        var def = Define(1, Window(1, 1) with { DedicatedClass = PriorityPolicy.Elderly }) with
        {
            Priority = new PriorityPolicy { MaxWait = null, InterleaveAfter = 1 },
        };
        var hall = Open(def, windows: 1);
        var n1 = hall.Issue(0);
        var e1 = hall.Issue(1, age: 70);
        var e2 = hall.Issue(2, age: 70);

        Assert.Equal([e1, e2, n1], hall.Drain(1, 3, 3));
    }

    [Fact]
    public void CallNext_DedicatedWindow_AnOverdueTicketOfAnotherClassComesBeforeItsOwnClass()
    {
        var def = Define(1, Window(1, 1) with { DedicatedClass = PriorityPolicy.Elderly }) with
        {
            Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(30) },
        };
        var hall = Open(def, windows: 1);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(25, age: 70);

        Assert.Equal([normal, elderly], hall.Drain(1, 30, 2));
    }

    [Fact]
    public void Tick_AutoOverflowWindow_CallsTheTicketWhenItsDelayHasPassed()
    {
        var hall = Open(Define(1, Window(1, 1), OverflowWindow(2, service: 1, delayMinutes: 10)), auto: true, windows: 2);
        var t = hall.Issue(0);
        Assert.Empty(hall.CallsIn());

        hall.Ok(HallCommand.Tick(), 9.99);
        Assert.Empty(hall.CallsIn());
        hall.Ok(HallCommand.Tick(), 10);
        Assert.Equal([(t, 2)], hall.CallsIn());
    }

    [Theory]
    [InlineData(WindowSelection.RoundRobin)]
    [InlineData(WindowSelection.FewestServed)]
    [InlineData(WindowSelection.LeastBusy)]
    public void Issue_NextDay_TurnsAndFiguresStartOver(WindowSelection selection)
    {
        // Day 1: window 1 takes and serves one ticket (5 min). Both windows stay open overnight. Day 2: both have served
        // none and had no turn, so window id decides: window 1 (yesterday's figures would send it to window 2).
        var def = Define(1, Window(1, 1), Window(2, 1)) with { WindowSelection = selection };
        var hall = Open(def, auto: true, windows: [1, 2]);
        hall.Issue(1);
        Assert.Equal([(hall.CallsIn().Single().Ticket, 1)], hall.CallsIn());
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Ok(HallCommand.Finish(1), 6);
        hall.Ok(HallCommand.CloseDay(), 60);
        hall.Ok(HallCommand.OpenDay(), 24 * 60);

        hall.Issue(24 * 60);

        Assert.Equal(1, hall.CallsIn().Single().Window);
    }

    [Fact]
    public void CallTicket_ATicketHandedToAnotherWindow_NoOtherWindowMayCallIt()
    {
        var hall = Open(Define(1, Window(1, 1), Window(2, 1), Window(3, 1)), windows: [1, 2, 3]);
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Ok(HallCommand.PauseWindow(2), 1);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 2); // window 2 is paused: the ticket waits in its own queue

        var other = hall.Try(HallCommand.CallTicket(3, t), 3);
        Assert.False(other.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(other.Message));
        Assert.Equal(0, hall.Next(3, 3));
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 3));

        hall.Ok(HallCommand.ResumeWindow(2), 4);
        Assert.Equal(t, hall.Next(2, 4));
    }

    [Fact]
    public void CloseWindow_ItsOwnQueueGoesBackToTheItemQueueKeepingStanding()
    {
        var hall = Open(Define(1, Window(1, 1), Window(2, 1), Window(3, 1)), windows: [1, 2, 3]);
        var t = hall.Issue(0);
        var later = hall.Issue(1);
        Assert.Equal(t, hall.Next(1, 2));
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.PauseWindow(2), 2);
        hall.Ok(HallCommand.TransferToWindow(1, 2), 3);
        hall.Ok(HallCommand.CloseWindow(2), 4);

        Assert.Equal([t, later], hall.Drain(3, 5, 2)); // issued at 0: before the one issued at 1
    }

    [Fact]
    public void CloseDay_WindowsStayOpen_AndServeRemainingKeepsPushing()
    {
        var hall = Open(Define(1, Window(1, 1), Window(2, 1)), auto: true, windows: [1, 2]);
        var a = hall.Issue(0);
        var b = hall.Issue(0.5);
        var c = hall.Issue(1);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        Assert.All(hall.GetSnapshot(At(2)).Windows, w => Assert.NotEqual(WindowState.Closed, w.State));

        hall.Done(1, 3); // a finished at window 1: c, still waiting, is pushed to it

        Assert.Equal([(c, 1)], hall.CallsIn());
        Assert.Equal(TicketState.Called, hall.StateOf(b, 3));
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 3));
    }

    [Fact]
    public void IssueTicket_Estimate_OneIdleWindowTellsTheFirstZeroAndEachPlaceOneAverage()
    {
        var def = Define(1, Window(1, 1));
        var hall = Open(def, windows: 1);

        var first = hall.Ok(HallCommand.IssueTicket(1), 0);
        var second = hall.Ok(HallCommand.IssueTicket(1), 0);
        var third = hall.Ok(HallCommand.IssueTicket(1), 0);

        Assert.Equal((0, TimeSpan.Zero), (first.Position, first.EstimatedWait));
        Assert.Equal((1, TimeSpan.FromMinutes(5)), (second.Position, second.EstimatedWait));
        Assert.Equal((2, TimeSpan.FromMinutes(10)), (third.Position, third.EstimatedWait));
    }
}
