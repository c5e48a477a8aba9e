namespace QueueCore.Tests.Halls;

/// <summary>The estimated wait a kiosk prints, as the hall's handling times move it.</summary>
public class EstimateTests
{
    private static HallDefinition OneWindow() => new()
    {
        Id = "estimates",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", ExpectedHandlingTime = TimeSpan.FromMinutes(10) }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }],
    };

    [Fact]
    public void IssueTicket_AfterAFinishForgottenOverLunch_EstimateMovesByAtMostFourTimesTheAverage()
    {
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(OneWindow(), now, 1);
        hall.Apply(HallCommand.IssueTicket(1), now);
        Assert.True(hall.Apply(HallCommand.CallNext(1), now).IsSuccess);
        Assert.True(hall.Apply(HallCommand.StartServing(1), now).IsSuccess);

        // The clerk goes to lunch without pressing Finish and presses it two hours later.
        now = now.AddHours(2);
        Assert.True(hall.Apply(HallCommand.Finish(1), now).IsSuccess);

        // 10 minutes moved a fifth of the way to 40 (four times the average), not to 120: 16 minutes, not 32.
        hall.Apply(HallCommand.IssueTicket(1), now);
        var second = hall.Apply(HallCommand.IssueTicket(1), now);
        Assert.Equal(1, second.Position);
        Assert.Equal(TimeSpan.FromMinutes(16), second.EstimatedWait);
    }

    [Fact]
    public void IssueTicket_AfterAServiceLeftOpenOvernight_NextMorningsEstimateIsNotHoursLong()
    {
        var evening = HallFixtures.Morning.AddHours(9);
        var hall = HallFixtures.OpenHall(OneWindow(), evening, 1);
        hall.Apply(HallCommand.IssueTicket(1), evening);
        hall.Apply(HallCommand.CallNext(1), evening);
        hall.Apply(HallCommand.StartServing(1), evening);
        Assert.True(hall.Apply(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), evening.AddMinutes(5)).IsSuccess);

        // The clerk finishes last evening's citizen the next morning, then the day opens.
        var morning = evening.AddHours(15);
        Assert.True(hall.Apply(HallCommand.Finish(1), morning).IsSuccess);
        Assert.True(hall.Apply(HallCommand.OpenDay(), morning).IsSuccess);

        hall.Apply(HallCommand.IssueTicket(1), morning);
        var second = hall.Apply(HallCommand.IssueTicket(1), morning);
        Assert.Equal(1, second.Position);
        Assert.True(second.EstimatedWait <= TimeSpan.FromMinutes(16), $"estimated {second.EstimatedWait}");
    }

    [Fact]
    public void IssueTicket_HandlingTimesSlowlyGrow_TheAverageFollowsThem()
    {
        // Long real services are not outliers: the average climbs to them within a few tickets.
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(OneWindow(), now, 1);
        for (var i = 0; i < 30; i++)
        {
            hall.Apply(HallCommand.IssueTicket(1), now);
            hall.Apply(HallCommand.CallNext(1), now);
            hall.Apply(HallCommand.StartServing(1), now);
            now = now.AddMinutes(35);
            hall.Apply(HallCommand.Finish(1), now);
        }

        hall.Apply(HallCommand.IssueTicket(1), now);
        var second = hall.Apply(HallCommand.IssueTicket(1), now);
        Assert.InRange(second.EstimatedWait, TimeSpan.FromMinutes(34), TimeSpan.FromMinutes(35));
    }
}
