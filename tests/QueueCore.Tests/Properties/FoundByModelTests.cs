using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Properties;

/// <summary>
/// Hall bugs the reference model found, each kept as the smallest case that failed before the fix.
/// Times are minutes after <see cref="T0"/>.
/// </summary>
public class FoundByModelTests
{
    private static readonly TimeSpan Minutes25 = TimeSpan.FromMinutes(25);

    [Fact]
    public void GetWindowQueue_InterleaveAfterAnOverdueCall_ListsTheOrderCallNextTakes()
    {
        // One normal call after each priority call. At minute 30 the green ticket issued at 0 is overdue; calling it is a
        // priority call, so the next call owes a normal ticket: the view should list overdue, normal, green.
        var hall = Open(OneItem(d => d with { Priority = new PriorityPolicy { MaxWait = Minutes25, InterleaveAfter = 1 } }), 1);
        var overdue = hall.Issue(0, priorityClass: "green");
        var normal = hall.Issue(10);
        var green = hall.Issue(20, priorityClass: "green");
        hall.Do(HallCommand.Tick(), 30);
        var view = hall.GetWindowQueue(1, hall.Now).Tickets.Select(t => t.Ticket).ToArray();
        var calls = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            calls.Add(hall.Serve(1, 30));
            hall.Do(HallCommand.Finish(1), 30);
        }

        Assert.Equal([overdue, normal, green], calls); // what the hall's calls do (the interleave rule counts the overdue call)
        Assert.Equal(calls, view);
    }

    [Fact]
    public void NoShowHold_TicketCalledElsewhereThenBackInAQueue_StillHeldWhetherOrNotTheWindowLookedMeanwhile()
    {
        // Window 1 marks a no-show and holds the ticket back for CallBackAfter; window 2 calls it and sends it on to item 2.
        // Window 1 looked in between (a redefinition makes every idle auto window look): the hold used to end there, so
        // window 1 called the ticket back at once; a hold ends with its time, whatever the window did meanwhile (the
        // model's rule).
        var d = Small(d => d with
        {
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }] }, new() { Id = 2, Skills = [new() { Category = "A" }] }],
            Services = [.. d.Services.Where(s => s.Category == "A")],
            NoShow = new NoShowPolicy { CallBackAfter = TimeSpan.FromMinutes(5) },
        });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        hall.Do(HallCommand.OpenWindow(2, auto: true), 0);
        var t = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        Assert.Equal(1, hall.Query(t, 0).Window);
        hall.Do(HallCommand.NoShow(1), 1);
        Assert.Equal(2, hall.Query(t, 1).Window); // pushed to the other window
        hall = hall.Redefine(hall.Definition, At(1.5)); // every idle auto window looks: window 1 finds nothing it may call

        var r = hall.Do(HallCommand.TransferToService(2, 2), 2);

        Assert.Equal((TicketState.Called, 2), (r.State, r.Window)); // window 1 still holds it back
    }

    [Fact]
    public void Tick_WaitLimitAlreadyRaisedForTheItem_NotRaisedAgainWhenTheTicketWaitsAgain()
    {
        // "Alert once per ticket and item": a citizen re-queued after a no-show is the same citizen waiting for the same item.
        var hall = Open(OneItem(d => d with { Services = [d.Services[0] with { WaitLimit = TimeSpan.FromMinutes(20) }] }), 1);
        var a = hall.Issue(0);
        hall.Do(HallCommand.Tick(), 20);
        Assert.Equal(a, hall.Single(HallEventKind.WaitLimitPassed).Ticket);
        hall.Call(1, 21);
        hall.Do(HallCommand.NoShow(1), 22); // re-queued, waiting for item 1 again
        hall.Do(HallCommand.Tick(), 45);
        Assert.DoesNotContain(HallEventKind.WaitLimitPassed, hall.Kinds());
    }

    [Fact]
    public void CallNext_OwnQueueWithAnOverdueTicketBehindAPriorityOne_CallsTheOverdueTicketFirst()
    {
        // Both tickets are sent to window 2. At minute 30 the normal one (issued at 0) is overdue, the green one (issued at
        // 20) is not; "after waiting this long a ticket outranks every class", so window 2 should call the normal one.
        var hall = Open(OneItem(d => d with { Priority = new PriorityPolicy { MaxWait = Minutes25 } }), 1, 2);
        var normal = hall.Issue(0);
        var green = hall.Issue(20, priorityClass: "green");
        Assert.Equal(green, hall.Call(1, 21));
        hall.Do(HallCommand.TransferToWindow(1, 2), 21);
        Assert.Equal(normal, hall.Call(1, 21));
        hall.Do(HallCommand.TransferToWindow(1, 2), 21);
        Assert.Equal(normal, hall.Call(2, 30));
    }

    [Fact]
    public void NoShow_AutoWindowCallBackAfterZero_CallsTheTicketBack()
    {
        // CallBackAfter: the re-queued ticket is called again "only after this long if nothing else comes"; with zero the
        // idle auto window should call it back at once (or at the latest on the next tick), not leave it waiting beside it.
        var hall = Open(OneItem(d => d with { NoShow = new NoShowPolicy { CallBackAfter = TimeSpan.Zero } }));
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var t = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        hall.Do(HallCommand.NoShow(1), 1);
        hall.Do(HallCommand.Tick(), 2);
        Assert.Equal((TicketState.Called, 1), (hall.Query(t, 2).State, hall.Query(t, 2).Window));
    }

    [Fact]
    public void Tick_AutoWindowHoldingANoShow_StillCallsAnOverflowTicketOnceEligible()
    {
        // Window 1 (auto) serves item 1, and item 2 as overflow after 2 minutes. While it holds back a no-show for three
        // minutes, the item-2 ticket becomes eligible at minute 2.5: the window should call it then.
        var d = OneItem(d => d with
        {
            Services = [d.Services[0], new() { Id = 2, Category = "A" }],
            Windows = [new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(2) }] },
                new() { Id = 2, Skills = [new() { Service = 2 }] }],
            NoShow = new NoShowPolicy { CallBackAfter = TimeSpan.FromMinutes(3) },
        });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var absent = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        var overflow = hall.Do(HallCommand.IssueTicket(2), 0.5).Ticket;
        hall.Do(HallCommand.NoShow(1), 1); // nothing else eligible yet: the window holds the absent citizen until minute 4
        Assert.Equal(TicketState.Waiting, hall.StateOf(absent, 1));
        Assert.Equal(At(2.5), hall.NextDue);
        hall.Do(HallCommand.Tick(), 2.5);
        Assert.Equal((TicketState.Called, 1), (hall.Query(overflow, 2.5).State, hall.Query(overflow, 2.5).Window));
    }
}
