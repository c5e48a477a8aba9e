using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Every way a ticket comes to wait offers it to the idle auto windows that may serve it, so no ticket is left beside
/// an idle auto window (issue, next item, transfer, no-show re-queue, resume from park, a closed window's queue).
/// </summary>
public class AutoPushTests
{
    /// <summary>Items X = 1 and Y = 2; W1 comprehensive, W2 dedicated to elderly serving Y only.</summary>
    private static HallDefinition TwoWindows() => new()
    {
        Id = "push",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "X" }, new() { Id = 2, Category = "A", Name = "Y" }],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Service = 2 }], DedicatedClass = PriorityPolicy.Elderly },
        ],
    };

    [Fact]
    public void TransferToService_BetterTicketWaitsForTheFreedWindow_TransferredOneGoesToTheOtherIdleWindow()
    {
        var hall = OpenAuto(TwoWindows());
        var first = hall.Do(HallCommand.IssueTicket(1), 0);
        Assert.Equal((TicketState.Called, 1), (first.State, first.Window)); // pushed to W1
        var green = hall.Do(HallCommand.IssueTicket(1, flags: TicketFlags.GreenChannel), 1).Ticket; // waits: W2 cannot serve X
        hall.Do(HallCommand.StartServing(1), 1);

        hall.Do(HallCommand.TransferToService(1, 2), 2);

        Assert.Equal((TicketState.Called, 2), (hall.Query(first.Ticket, 2).State, hall.Query(first.Ticket, 2).Window));
        Assert.Equal((TicketState.Called, 1), (hall.Query(green, 2).State, hall.Query(green, 2).Window));
        Assert.Equal(0, hall.TotalWaiting);
    }

    [Fact]
    public void Finish_NextItem_OfferedToAnotherIdleAutoWindow()
    {
        var hall = OpenAuto(TwoWindows());
        var t = hall.Do(HallCommand.IssueTicket(new ServiceItemList([1, 2])), 0).Ticket; // pushed to W1 for X
        var other = hall.Do(HallCommand.IssueTicket(1), 0).Ticket; // waits for W1
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.Finish(1), 2); // X done: W1 takes the other ticket, the visit's Y goes to W2
        Assert.Equal(2, hall.Query(t, 2).Window);
        Assert.Equal(1, hall.Query(other, 2).Window);
    }

    [Fact]
    public void ResumeParked_BackToTheQueue_PushedToAnIdleAutoWindow()
    {
        var d = TwoWindows() with { Park = new ParkPolicy { ReturnToSameWindow = false } };
        var hall = OpenAuto(d);
        var t = hall.Do(HallCommand.IssueTicket(2), 0).Ticket; // W1 and W2 both idle: W1 (primary, not dedicated) first
        var at = hall.Query(t, 0).Window;
        hall.Do(HallCommand.StartServing(at), 1);
        hall.Do(HallCommand.Park(at, "copy of the ID"), 2);
        hall.Do(HallCommand.ResumeParked(t), 3);
        Assert.Equal(TicketState.Called, hall.StateOf(t, 3));
    }

    [Fact]
    public void CloseWindow_WithItsOwnQueue_TicketsPushedToIdleAutoWindows()
    {
        var hall = Open(TwoWindows(), 1);
        var t = hall.Issue(0, 2);
        hall.Serve(1, 0);
        hall.Do(HallCommand.OpenWindow(2, clerk: 2), 0); // manual: the ticket sent to it waits in its own queue
        hall.Do(HallCommand.TransferToWindow(1, 2), 1);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 1));
        hall.Do(HallCommand.CloseWindow(1), 1);
        hall.Do(HallCommand.OpenWindow(1, clerk: 1, auto: true), 2);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 2)); // W1 may not take a ticket sent to W2
        hall.Do(HallCommand.CloseWindow(2), 3); // back to item Y's queue: offered, and W1 takes it
        Assert.Equal((TicketState.Called, 1), (hall.Query(t, 3).State, hall.Query(t, 3).Window));
    }

    [Fact]
    public void OpenWindow_DefinitionSaysAutoAssign_OpenedWithoutModeIsAuto()
    {
        var d = OneItem(d => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1 }], AutoAssign = true }] });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1), 0);
        Assert.True(hall.WindowView(1).Auto);
        var t = hall.Do(HallCommand.IssueTicket(1), 1);
        Assert.Equal((TicketState.Called, 1), (t.State, t.Window));
    }

    [Fact]
    public void OpenWindow_ExplicitManual_OverridesAutoAssign()
    {
        var d = OneItem(d => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1 }], AutoAssign = true }] });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: false), 0);
        Assert.Equal(TicketState.Waiting, hall.Do(HallCommand.IssueTicket(1), 1).State);
    }

    [Fact]
    public void NoShow_AutoWindowNothingElseWaiting_DoesNotCallTheSameTicketStraightBack()
    {
        var d = OneItem(d => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }] });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var t = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        hall.Do(HallCommand.NoShow(1), 1);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 1));
        Assert.Equal(WindowState.Idle, hall.WindowView(1, 1).State);
        Assert.DoesNotContain(HallEventKind.TicketCalled, hall.Kinds());

        // After NoShowPolicy.CallBackAfter (1 minute) the window calls the citizen again, by itself.
        Assert.Equal(At(2), hall.NextDue);
        hall.Do(HallCommand.Tick(), 2);
        Assert.Equal((TicketState.Called, 1), (hall.Query(t, 2).State, hall.Query(t, 2).Window));
    }

    [Fact]
    public void NoShow_AutoWindowAnotherTicketWaits_CallsTheOtherOne()
    {
        var d = OneItem(d => d with { Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }], NoShow = new NoShowPolicy { RequeuePlacesBack = 0 } });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var absent = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        var next = hall.Issue(1);
        hall.Do(HallCommand.NoShow(1), 2); // the absent one keeps its standing (0 places back) and still ranks first
        Assert.Equal(next, hall.Single(HallEventKind.TicketCalled).Ticket);
        Assert.Equal(TicketState.Waiting, hall.StateOf(absent, 2));
    }

    [Fact]
    public void NoShow_AnotherIdleAutoWindow_TakesTheRequeuedTicket()
    {
        var d = OneItem(d => d with { NoShow = new NoShowPolicy { RequeuePlacesBack = 0 } });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var t = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        hall.Do(HallCommand.OpenWindow(2, auto: true), 0);
        hall.Do(HallCommand.NoShow(1), 1);
        Assert.Equal((TicketState.Called, 2), (hall.Query(t, 1).State, hall.Query(t, 1).Window));
    }

    [Fact]
    public void NoShow_HeldOverflowTicket_DoesNotHideTheNextOneFromTheAutoWindow()
    {
        // Window 1 serves item 1, item 4 after 1 minute of waiting, items 2 and 3 after 5. A001 (item 2) is called at +5,
        // does not come, and the window holds it back for 10 minutes; A002 (item 3, issued while A001 was called) may be
        // called from +10.5. A003 (item 4) comes at +6 and leaves at +6.5, so the window looks again at +7 and finds
        // nothing it may call yet.
        var d = OneItem(d => d with
        {
            Services = [d.Services[0], new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "A" }, new() { Id = 4, Category = "A" }],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 },
                    new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) },
                    new() { Service = 3, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) },
                    new() { Service = 4, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(1) }] },
            ],
            NoShow = new NoShowPolicy { RequeuePlacesBack = 0, CallBackAfter = TimeSpan.FromMinutes(10) },
        });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var absent = hall.Do(HallCommand.IssueTicket(2), 0).Ticket;
        hall.Do(HallCommand.Tick(), 5);
        Assert.Equal((TicketState.Called, 1), (hall.Query(absent, 5).State, hall.Query(absent, 5).Window));
        var next = hall.Do(HallCommand.IssueTicket(3), 5.5).Ticket;
        hall.Do(HallCommand.NoShow(1), 6);
        var quick = hall.Do(HallCommand.IssueTicket(4), 6).Ticket;
        hall.Do(HallCommand.Cancel(quick), 6.5);
        Assert.Equal(At(7), hall.NextDue);
        hall.Do(HallCommand.Tick(), 7);

        // The held ticket still heads the window's overflow items, but the window wakes when A002 becomes eligible,
        // not only when the hold ends (+16).
        Assert.Equal(At(10.5), hall.NextDue);
        hall.Do(HallCommand.Tick(), 10.5);
        Assert.Equal((TicketState.Called, 1), (hall.Query(next, 10.5).State, hall.Query(next, 10.5).Window));
        Assert.Equal(TicketState.Waiting, hall.StateOf(absent, 10.5));
    }
}
