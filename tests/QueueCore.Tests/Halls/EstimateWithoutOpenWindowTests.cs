using QueueCore.Tests.Halls.Operations;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls;

/// <summary>
/// A kiosk's estimate for an item no open window serves as primary: the windows not open yet, the item's only window
/// paused, or only a window that takes it as overflow after a delay. It was told "about 0 min" (as if a window were
/// idle); it is told one whole average handling time, as a paused window's own queue is.
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
    public void IssueTicket_OnlyOverflowWindowOpen_NotToldZero()
    {
        var hall = Open(Hall(), 1);
        Assert.Equal(Average, hall.Do(HallCommand.IssueTicket(2), 0).EstimatedWait);
    }

    [Fact]
    public void IssueTicket_PrimaryWindowIdle_StillToldZero()
    {
        var hall = Open(Hall(), 1, 2);
        Assert.Equal(TimeSpan.Zero, hall.Do(HallCommand.IssueTicket(2), 0).EstimatedWait);
    }
}
