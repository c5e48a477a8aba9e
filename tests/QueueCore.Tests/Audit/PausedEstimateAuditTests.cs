namespace QueueCore.Tests.Audit;

/// <summary>Third audit: what a waiting citizen is told as the windows that serve their item pause and resume.</summary>
public sealed class PausedEstimateAuditTests
{
    private static readonly TimeSpan Average = TimeSpan.FromMinutes(6);

    private static HallDefinition Hall() => new()
    {
        Id = "paused-estimates",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One", ExpectedHandlingTime = Average }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
    };

    private static TimeSpan Wait(Hall hall, long ticket, double minute) => hall.Ok(HallCommand.QueryTicket(ticket), minute).EstimatedWait;

    [Fact]
    public void OneOfTwoWindowsPauses_EstimatesGrow_ResumeBringsThemBack()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        long last = 0;
        for (var i = 0; i < 5; i++)
        {
            last = hall.Issue(1);
        }

        hall.Ok(HallCommand.CallNext(1), 1);
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Ok(HallCommand.CallNext(2), 1);
        hall.Ok(HallCommand.StartServing(2), 1);
        var both = Wait(hall, last, 2);
        hall.Ok(HallCommand.FinishAndPause(2, "break"), 2);
        var one = Wait(hall, last, 2);
        Assert.True(one > both, $"with one window left the last in line was told {one}, with two {both}");
        hall.Ok(HallCommand.ResumeWindow(2), 3);
        var resumed = Wait(hall, last, 3);
        Assert.True(resumed < one, $"after the resume {resumed}, while paused {one}");
    }

    [Fact]
    public void BothWindowsPaused_NextInLineIsNotToldNoWait()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1, 2);
        var first = hall.Issue(1);
        hall.Ok(HallCommand.PauseWindow(1), 2);
        hall.Ok(HallCommand.PauseWindowAsManager(2), 2);
        Assert.True(Wait(hall, first, 3) >= Average);
        var issued = hall.Ok(HallCommand.IssueTicket(1), 4);
        Assert.True(issued.EstimatedWait > Wait(hall, first, 4));
    }
}
