using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md dispatch rule 1 (eligibility, then ranking) and docs/dispatch.md "Eligibility".</summary>
public class EligibilityRulesTests
{
    [Fact]
    public void CallNext_TierOfTwoItems_TakesTheBestAcrossBothNotTheFirstQueue()
    {
        var hall = Open(Define(2, Window(1, 1, 2)), windows: 1);
        // The hall's clock never goes back, so the tickets are issued in time order.
        var n1 = hall.Issue(0, items: 1);
        var n2 = hall.Issue(1, items: 2);
        var n3 = hall.Issue(2, items: 1);
        var elderly = hall.Issue(3, items: 2, age: 70); // head start 10: ranks as if issued at -7

        Assert.Equal([elderly, n1, n2, n3], hall.Drain(1, 9, 4));
    }

    [Fact]
    public void CallNext_PrimaryBeforeOverflow_EvenWhenTheOverflowTicketIsOlderAndPriority()
    {
        var hall = Open(Define(2, OverflowWindow(1, service: 2, delayMinutes: 0, primary: 1)), windows: 1);
        var overflowElderly = hall.Issue(0, items: 2, age: 70);
        var primary = hall.Issue(5, items: 1);

        Assert.Equal([primary, overflowElderly], hall.Drain(1, 6, 2));
    }

    [Fact]
    public void CallNext_OverflowDelay_CountsTheTimeWaitedNotTheHeadStart()
    {
        // Window 2 takes item 1 only as overflow after 10 minutes; an elderly ticket's 10-minute head start ranks it,
        // it does not make it wait less for the overflow window (rule 1: "once the ticket has waited d").
        var hall = Open(Define(1, Window(1, 1), OverflowWindow(2, service: 1, delayMinutes: 10)), windows: 2);
        var elderly = hall.Issue(0, age: 70);

        Assert.Equal(0, hall.Next(2, 9.9));
        Assert.Equal(elderly, hall.Next(2, 10));
    }

    [Fact]
    public void CallNext_OverflowDelayAtTheExactInstant_IsEligible()
    {
        var hall = Open(Define(1, Window(1, 1), OverflowWindow(2, service: 1, delayMinutes: 10)), windows: 2);
        var t = hall.Issue(3);

        Assert.Equal(0, hall.Next(2, 12.999));
        Assert.Equal(t, hall.Next(2, 13));
    }

    [Fact]
    public void CallNext_SecondItemOfAVisit_CountsItsOverflowDelayFromTheStandingItKept()
    {
        // Items [1, 2]: item 1 served at window 1 from 0 to 20; item 2 is overflow-after-10 at window 2 only. The
        // ticket keeps its standing (issued at 0), so it has waited 20 minutes: eligible at once.
        var hall = Open(Define(2, Window(1, 1), OverflowWindow(2, service: 2, delayMinutes: 10)), windows: [1, 2]);
        var visit = hall.Issue(0, items: new ServiceItemList([1, 2]));
        Assert.Equal(visit, hall.Next(1, 1));
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Done(1, 20);

        Assert.Equal(visit, hall.Next(2, 20));
    }

    [Fact]
    public void CallNext_TransferredToAnotherItem_KeepsStandingForTheOverflowDelay()
    {
        var hall = Open(Define(2, Window(1, 1), OverflowWindow(2, service: 2, delayMinutes: 10)), windows: [1, 2]);
        var t = hall.Issue(0, items: 1);
        Assert.Equal(t, hall.Next(1, 12));
        hall.Ok(HallCommand.StartServing(1), 12);
        hall.Ok(HallCommand.TransferToService(1, 2), 15);

        Assert.Equal(t, hall.Next(2, 15));
    }

    [Fact]
    public void CallNext_NoShowRequeuedKeepingStanding_CountsTheOverflowDelayFromIssue()
    {
        var def = Define(1, Window(1, 1), OverflowWindow(2, service: 1, delayMinutes: 10)) with
        {
            NoShow = new NoShowPolicy { PauseWindowAfter = 0, RequeuePlacesBack = 0, MaxRecalls = 0 },
        };
        var hall = Open(def, windows: [1, 2]);
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 11));
        hall.Ok(HallCommand.NoShow(1), 12);

        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 12));
        Assert.Equal(t, hall.Next(2, 12));
    }

    [Fact]
    public void CallNext_ResumedWithABonus_CountsTheOverflowDelayFromTheRaisedStanding()
    {
        // Issued at 0, parked at 2, resumed at 30 with the default 10-minute bonus: it stands as if issued at -10, so a
        // 45-minute overflow delay has passed at 35 (from its issue it would be 45).
        var def = Define(1, Window(1, 1), OverflowWindow(2, service: 1, delayMinutes: 45)) with { Park = new ParkPolicy { ReturnToSameWindow = false } };
        var hall = Open(def, windows: [1, 2]);
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Ok(HallCommand.Park(1), 2);
        hall.Ok(HallCommand.ResumeParked(t), 30);

        Assert.Equal(0, hall.Next(2, 34.99));
        Assert.Equal(t, hall.Next(2, 35));
    }

    [Fact]
    public void CallNext_NoShowPlacesBack_CountsTheOverflowDelayFromTheStandingBehindThoseTickets()
    {
        // Issued at 0, a no-show at 11 put one place back, behind the ticket issued at 5: it stands just after 5, so
        // the overflow window does not take it before the ticket it was put behind, nor before 15.
        var def = Define(1, Window(1, 1), OverflowWindow(2, service: 1, delayMinutes: 10)) with
        {
            NoShow = new NoShowPolicy { RequeuePlacesBack = 1, PauseWindowAfter = 0, MaxNoShows = 5 },
        };
        var hall = Open(def, windows: [1, 2]);
        var t = hall.Issue(0);
        var ahead = hall.Issue(5);
        Assert.Equal(t, hall.Next(1, 11));
        hall.Ok(HallCommand.NoShow(1), 11);
        hall.Ok(HallCommand.CloseWindow(1), 11);

        Assert.Equal(0, hall.Next(2, 14.99));
        Assert.Equal(ahead, hall.Next(2, 15));
        hall.Done(2, 15);
        Assert.Equal(t, hall.Next(2, 15.01));
    }
}
