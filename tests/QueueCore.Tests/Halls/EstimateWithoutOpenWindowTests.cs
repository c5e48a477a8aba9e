using QueueCore.Tests.Halls.Operations;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls;

/// <summary>
/// A kiosk's estimate for an item no open window serves as primary: the windows not open yet, the item's only window
/// paused, or only a window that takes it as overflow after a delay. It was told "about 0 min" (as if a window were
/// idle); it is told one whole average handling time, as a paused window's own queue is, and while only windows that
/// take it as overflow are open, never less than what is left of their delay (it was told one average, and waited the
/// delay).
/// </summary>
public sealed class EstimateWithoutOpenWindowTests
{
    private static readonly TimeSpan Average = TimeSpan.FromMinutes(6);

    /// <summary>Items 1 and 2 (6 minutes each); window 1 serves 1, and 2 as overflow after 10 minutes; window 2 serves 2.</summary>
    private static HallDefinition Hall() => new()
    {
        Id = "estimates",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services =
        [
            new() { Id = 1, Category = "A", Name = "One", ExpectedHandlingTime = Average },
            new() { Id = 2, Category = "A", Name = "Two", ExpectedHandlingTime = Average },
        ],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
            new() { Id = 2, Skills = [new() { Service = 2 }] },
        ],
    };

    [Fact]
    public void IssueTicket_NoWindowOpen_ToldOneAverage()
    {
        var hall = Open(Hall());
        Assert.Equal(Average, hall.Do(HallCommand.IssueTicket(2), 0).EstimatedWait);
        Assert.Equal(2 * Average, hall.Do(HallCommand.IssueTicket(2), 0).EstimatedWait);
    }

    [Fact]
    public void IssueTicket_ItemsOnlyWindowPaused_ToldOneAverage()
    {
        var hall = Open(Hall(), 2);
        hall.Do(HallCommand.PauseWindow(2), 0);
        Assert.Equal(Average, hall.Do(HallCommand.IssueTicket(2), 0).EstimatedWait);
        hall.Do(HallCommand.ResumeWindow(2), 1);
        var first = hall.WaitingOrder(1)[0];
        Assert.Equal(TimeSpan.Zero, hall.Query(first, 1).EstimatedWait); // an idle window for it again: called at once
    }

    [Fact]
    public void IssueTicket_OnlyOverflowWindowOpen_ToldTheOverflowDelayNotOneAverage()
    {
        // Window 1 takes item 2 only after 10 minutes: the citizen was told 6 (one average) and waited 10.
        var hall = Open(Hall(), 1);
        var first = hall.Do(HallCommand.IssueTicket(2), 0);
        Assert.Equal(TimeSpan.FromMinutes(10), first.EstimatedWait);
        Assert.Equal(2 * Average, hall.Do(HallCommand.IssueTicket(2), 1).EstimatedWait); // one ahead: 12 minutes, past its delay
        Assert.Equal(TimeSpan.FromMinutes(8), hall.Query(first.Ticket, 2).EstimatedWait); // what is left of the delay
        Assert.Equal(Average, hall.Query(first.Ticket, 6).EstimatedWait); // 4 minutes left of it: never less than one average
    }

    [Fact]
    public void IssueTicket_OnlyOverflowWindowOpen_KioskListTellsTheDelayToo()
    {
        var hall = Open(Hall(), 1);
        Assert.Equal(TimeSpan.FromMinutes(10), hall.ServiceView(2).OverflowDelay);
        Assert.Equal(TimeSpan.Zero, hall.ServiceView(1).OverflowDelay); // window 1 serves item 1 as primary
        hall.Do(HallCommand.OpenWindow(2, clerk: 102), 0);
        Assert.Equal(TimeSpan.Zero, hall.ServiceView(2).OverflowDelay); // a primary window for it is open again
    }

    [Fact]
    public void IssueTicket_TheOverflowWindowPausedToo_ToldOneAverage()
    {
        var hall = Open(Hall(), 1);
        hall.Do(HallCommand.PauseWindow(1), 0);
        var ticket = hall.Do(HallCommand.IssueTicket(2), 0);
        Assert.Equal(Average, ticket.EstimatedWait); // no open window for it at all: nobody knows when one opens
        hall.Do(HallCommand.ResumeWindow(1), 1);
        Assert.Equal(TimeSpan.FromMinutes(9), hall.Query(ticket.Ticket, 1).EstimatedWait); // what is left of the delay
    }

    [Fact]
    public void IssueTicket_PrimaryWindowIdle_StillToldZero()
    {
        var hall = Open(Hall(), 1, 2);
        Assert.Equal(TimeSpan.Zero, hall.Do(HallCommand.IssueTicket(2), 0).EstimatedWait);
    }
}
