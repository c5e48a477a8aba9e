extern alias server;

using server::QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>
/// The waits a kiosk lists (ListServices, SuggestHalls) are the hall's own rule: for an item that only a window taking
/// it as overflow serves now, at least that window's delay (it listed one average handling time, and a ticket taken
/// then was told the delay).
/// </summary>
public class EstimatesTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Item 2 (6 minutes): window 1 takes it as overflow after 10 minutes, window 2 as primary.</summary>
    private static Hall OpenHall(params int[] windows)
    {
        var hall = new Hall(new HallDefinition
        {
            Id = "overflow-only",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services =
            [
                new() { Id = 1, Category = "A", Name = "One", ExpectedHandlingTime = TimeSpan.FromMinutes(6) },
                new() { Id = 2, Category = "A", Name = "Two", ExpectedHandlingTime = TimeSpan.FromMinutes(6) },
            ],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
                new() { Id = 2, Skills = [new() { Service = 2 }] },
            ],
        });
        Assert.True(hall.Apply(HallCommand.OpenDay(), Morning).IsSuccess);
        foreach (var w in windows)
        {
            Assert.True(hall.Apply(HallCommand.OpenWindow(w, clerk: 100 + w), Morning).IsSuccess);
        }

        return hall;
    }

    private static TimeSpan Listed(Hall hall) =>
        Estimates.Wait(hall.GetSnapshot(Morning, SnapshotDetail.Services).Services.Single(s => s.Service == 2));

    [Fact]
    public void Wait_OnlyAnOverflowWindowOpen_ListsTheDelayAsTheTicketIsTold()
    {
        var hall = OpenHall(1);
        Assert.Equal(TimeSpan.FromMinutes(10), Listed(hall));
        Assert.Equal(Listed(hall), hall.Apply(HallCommand.IssueTicket(2), Morning).EstimatedWait);
        Assert.Equal(TimeSpan.FromMinutes(12), Listed(hall)); // one in line: one average for the window, one for the place
    }

    [Fact]
    public void Wait_APrimaryWindowOpen_NoDelay()
    {
        Assert.Equal(TimeSpan.Zero, Listed(OpenHall(1, 2)));
    }
}
