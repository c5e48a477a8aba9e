using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class WindowLifecycleTests
{
    private static HallDefinition Auto(WindowSelection selection, Func<HallDefinition, HallDefinition>? tweak = null) =>
        OneItem(d =>
        {
            d = d with
            {
                WindowSelection = selection,
                Windows = [.. Enumerable.Range(1, 3).Select(i => new WindowDefinition { Id = i, Skills = [new() { Service = 1 }] })],
            };
            return tweak is null ? d : tweak(d);
        });

    [Fact]
    public void OpenWindow_Closed_OpensIdleForClerk()
    {
        var hall = Open(OneItem());
        var r = hall.Do(HallCommand.OpenWindow(1, 55), 0);
        Assert.Equal(1, r.Window);
        var e = hall.Single(HallEventKind.WindowOpened);
        Assert.Equal((1, 55), (e.Window, e.Value));
        var w = hall.WindowView(1);
        Assert.Equal((WindowState.Idle, 55, false), (w.State, w.Clerk, w.Auto));
    }

    [Fact]
    public void OpenWindow_AlreadyOpen_WindowWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Reject(HallCommand.OpenWindow(1, 9), 0, QueueError.WindowWrongState);
        hall.Do(HallCommand.PauseWindow(1), 0);
        hall.Reject(HallCommand.OpenWindow(1, 9), 0, QueueError.WindowWrongState);
    }

    [Fact]
    public void OpenWindow_Unknown_UnknownWindow()
    {
        var hall = Open(OneItem());
        hall.Reject(HallCommand.OpenWindow(3, 9), 0, QueueError.UnknownWindow);
    }

    [Fact]
    public void OpenWindow_ClerkOnAnotherWindow_ClerkBusyUntilItCloses()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, 7), 0);
        var r = hall.Reject(HallCommand.OpenWindow(2, 7), 0, QueueError.ClerkBusy);
        Assert.Contains("window 1", r.Message, StringComparison.Ordinal);
        hall.Do(HallCommand.PauseWindow(1), 1);
        hall.Reject(HallCommand.OpenWindow(2, 7), 1, QueueError.ClerkBusy); // a paused window still holds its clerk
        hall.Do(HallCommand.CloseWindow(1), 2);
        hall.Do(HallCommand.OpenWindow(2, 7), 2);
    }

    [Fact]
    public void OpenWindow_ClerkZero_MayOpenSeveral()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1), 0);
        hall.Do(HallCommand.OpenWindow(2), 0);
    }

    [Fact]
    public void OpenWindow_NegativeClerk_InvalidArgumentNamingTheClerk()
    {
        // The server refuses a negative clerk (INVALID_ARGUMENT 'clerk'); the hall opened the window for "clerk -5".
        var hall = Open(OneItem());
        var r = hall.Reject(HallCommand.OpenWindow(1, -5), 0, QueueError.InvalidArgument);
        Assert.Contains("Clerk -5", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PauseWindow_Idle_PausedWithReason()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.PauseWindow(1, "lunch"), 1);
        Assert.Equal(0, hall.Single(HallEventKind.WindowPaused).Value); // paused by its clerk
        var w = hall.WindowView(1, 1);
        Assert.Equal((WindowState.Paused, "lunch"), (w.State, w.PauseReason));
    }

    [Fact]
    public void PauseWindow_NotIdle_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.PauseWindow(1), 1, QueueError.WindowWrongState);
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Reject(HallCommand.PauseWindow(1), 1, QueueError.WindowWrongState);
        hall.Reject(HallCommand.PauseWindow(2), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void PauseWindow_PausedWindowNoLongerCountsForEstimates()
    {
        var hall = Open(OneItem(), 1, 2);
        hall.Issue(0);
        hall.Issue(0);
        hall.Do(HallCommand.PauseWindow(2), 0);
        Assert.Equal(TimeSpan.FromMinutes(10), hall.Do(HallCommand.IssueTicket(1), 0).EstimatedWait);
    }

    [Fact]
    public void ResumeWindow_Paused_IdleAgain()
    {
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.PauseWindow(1, "meeting"), 0);
        hall.Do(HallCommand.ResumeWindow(1), 10);
        Assert.Equal([HallEventKind.WindowResumed], hall.Kinds());
        var w = hall.WindowView(1, 10);
        Assert.Equal((WindowState.Idle, (string?)null), (w.State, w.PauseReason));
    }

    [Fact]
    public void ResumeWindow_NotPaused_WindowWrongState()
    {
        var hall = Open(OneItem(), 1);
        hall.Reject(HallCommand.ResumeWindow(1), 0, QueueError.WindowWrongState);
        hall.Reject(HallCommand.ResumeWindow(2), 0, QueueError.WindowWrongState);
        hall.Reject(HallCommand.ResumeWindow(8), 0, QueueError.UnknownWindow);
    }

    [Fact]
    public void CloseWindow_IdleOrPaused_ClosedAndClerkFreed()
    {
        var hall = Open(OneItem(), 1, 2);
        hall.Do(HallCommand.CloseWindow(1), 1);
        hall.Do(HallCommand.PauseWindow(2), 1);
        hall.Do(HallCommand.CloseWindow(2), 1);
        Assert.Equal([HallEventKind.WindowClosed], hall.Kinds());
        var w = hall.WindowView(2, 1);
        Assert.Equal((WindowState.Closed, 0, (string?)null), (w.State, w.Clerk, w.PauseReason));
        hall.Do(HallCommand.OpenWindow(1, 102), 2); // window 2's clerk
    }

    [Fact]
    public void CloseWindow_WithTicketOrClosed_Refused()
    {
        var hall = Open(OneItem(), 1);
        hall.Issue(0);
        hall.Call(1, 1);
        hall.Reject(HallCommand.CloseWindow(1), 1, QueueError.WindowWrongState);
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Reject(HallCommand.CloseWindow(1), 1, QueueError.WindowWrongState);
        hall.Reject(HallCommand.CloseWindow(2), 1, QueueError.WindowNotOpen);
    }

    [Fact]
    public void OpenWindow_Auto_CallsWaitingTicketAtOnce()
    {
        var hall = Open(OneItem());
        var a = hall.Issue(0);
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 1);
        Assert.Equal([HallEventKind.WindowOpened, HallEventKind.TicketCalled], hall.Kinds());
        var w = hall.WindowView(1, 1);
        Assert.Equal((WindowState.Calling, a, true), (w.State, w.Ticket, w.Auto));
    }

    [Fact]
    public void ResumeWindow_Auto_CallsWaitingTicketAtOnce()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 0);
        hall.Do(HallCommand.PauseWindow(1), 0);
        var a = hall.Issue(1);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 1));
        hall.Do(HallCommand.ResumeWindow(1), 2);
        Assert.Equal([HallEventKind.WindowResumed, HallEventKind.TicketCalled], hall.Kinds());
    }

    [Fact]
    public void OpenWindow_AutoWithATicketWaiting_ResultNamesThePushedTicketARetryTheSame()
    {
        // The result said "window 1" only, so a terminal read the window afterwards and a retry answered the window's
        // state then (idle once the pushed ticket was finished), not the first answer.
        var hall = Open(OneItem());
        var a = hall.Issue(0);
        var open = HallCommand.OpenWindow(1, 1, auto: true).WithRequestId(Guid.NewGuid());

        var first = hall.Do(open, 1);
        hall.Do(HallCommand.FinishAndCallNext(1), 2);
        var retried = hall.Do(open, 3);

        Assert.Equal((a, TicketState.Called, 1), (first.Ticket, first.State, first.Window));
        Assert.Equal(first, retried);
    }

    [Fact]
    public void ResumeWindow_AutoWithATicketWaiting_ResultNamesThePushedTicket()
    {
        var hall = Open(OneItem());
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 0);
        hall.Do(HallCommand.PauseWindow(1), 0);
        var a = hall.Issue(1);

        var r = hall.Do(HallCommand.ResumeWindow(1), 2);

        Assert.Equal((a, TicketState.Called, 1), (r.Ticket, r.State, r.Window));
    }

    [Fact]
    public void OpenWindow_NothingWaiting_ResultNamesNoTicket()
    {
        var hall = Open(OneItem());

        var r = hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 0);

        Assert.Equal((0L, TicketState.None, 1), (r.Ticket, r.State, r.Window));
    }

    [Fact]
    public void AutoMode_LongestIdle_EarliestIdleWindowTakesTicket()
    {
        var hall = Open(Auto(WindowSelection.LongestIdle));
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(2, 2, auto: true), 1);
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 2);
        Assert.Equal(3, hall.Do(HallCommand.IssueTicket(1), 5).Window);
        Assert.Equal(2, hall.Do(HallCommand.IssueTicket(1), 5).Window);
        Assert.Equal(1, hall.Do(HallCommand.IssueTicket(1), 5).Window);
    }

    [Fact]
    public void AutoMode_SameIdleSince_LowestIdWins()
    {
        var hall = Open(Auto(WindowSelection.LongestIdle));
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(2, 2, auto: true), 0);
        Assert.Equal(2, hall.Do(HallCommand.IssueTicket(1), 5).Window);
    }

    [Fact]
    public void AutoMode_FewestServed_LeastServedWindowTakesTicket()
    {
        var hall = Open(Auto(WindowSelection.FewestServed));
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 0);
        hall.Issue(0); // to window 1
        hall.Do(HallCommand.StartServing(1), 0);
        hall.Do(HallCommand.Finish(1), 1); // window 1 served one, idle again since minute 1
        hall.Do(HallCommand.OpenWindow(2, 2, auto: true), 2);
        Assert.Equal(2, hall.Do(HallCommand.IssueTicket(1), 3).Window); // longest idle would be window 1
    }

    [Fact]
    public void AutoMode_FixedOrder_LowestIdTakesTicket()
    {
        var hall = Open(Auto(WindowSelection.FixedOrder));
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(2, 2, auto: true), 1);
        Assert.Equal(2, hall.Do(HallCommand.IssueTicket(1), 5).Window);
        Assert.Equal(3, hall.Do(HallCommand.IssueTicket(1), 5).Window);
    }

    [Fact]
    public void AutoMode_DedicatedWindow_TakesItsClassFirstAndOthersLast()
    {
        var d = Auto(WindowSelection.LongestIdle, d => d with
        {
            Windows = [d.Windows[0] with { DedicatedClass = PriorityPolicy.Elderly }, d.Windows[1], d.Windows[2]],
        });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 0); // dedicated, idle longest
        hall.Do(HallCommand.OpenWindow(2, 2, auto: true), 1);
        Assert.Equal(2, hall.Do(HallCommand.IssueTicket(1), 5).Window); // normal ticket: other primary windows first
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 2);
        Assert.Equal(1, hall.Do(HallCommand.IssueTicket(1, age: 80), 6).Window); // elderly: its dedicated window
        Assert.Equal(3, hall.Do(HallCommand.IssueTicket(1), 7).Window);
    }

    [Fact]
    public void AutoMode_DedicatedToAnotherClass_StillBeforeOverflow()
    {
        var d = Small(d => d with
        {
            Windows =
            [
                d.Windows[0] with { DedicatedClass = PriorityPolicy.Elderly, AutoAssign = true },
                d.Windows[1],
                new() { Id = 3, Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow }] },
            ],
        });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0); // overflow, zero delay, idle longest
        hall.Do(HallCommand.OpenWindow(1, 1, auto: true), 1);
        Assert.Equal(1, hall.Do(HallCommand.IssueTicket(1), 5).Window);
        Assert.Equal(3, hall.Do(HallCommand.IssueTicket(1), 5).Window); // only the overflow window is idle now
    }

    [Fact]
    public void AutoMode_OverflowWindow_NotBeforeDelay()
    {
        var hall = Open(Small());
        hall.Do(HallCommand.OpenWindow(3, 3, auto: true), 0);
        var r = hall.Do(HallCommand.IssueTicket(1), 1);
        Assert.Equal(TicketState.Waiting, r.State);
    }
}
