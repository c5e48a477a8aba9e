namespace QueueCore.Tests.Scenarios;

/// <summary>
/// A quiet afternoon at three identical auto windows (a citizen every 5 minutes, 4-minute services, so mostly one
/// window is busy): how the hall shares the work among them under each <see cref="WindowSelection"/>, as the manager
/// reads it in the windows' day figures.
/// </summary>
public class IdenticalWindowsDayTests
{
    private static HallDefinition Hall(WindowSelection selection) => new()
    {
        Id = "afternoon",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "Certificates", ExpectedHandlingTime = TimeSpan.FromMinutes(4) }],
        Windows = [.. Enumerable.Range(1, 3).Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }], AutoAssign = true })],
        WindowSelection = selection,
    };

    private static async Task<List<int>> PlayAfternoonAsync(WindowSelection selection)
    {
        await using var day = new HallDay(Hall(selection));
        await day.DoAsync(HallCommand.OpenDay());
        foreach (var w in new[] { 1, 2, 3 })
        {
            await day.DoAsync(HallCommand.OpenWindow(w, clerk: 20 + w));
        }

        await Clerks.PlayAsync(day, 240, m => m < 235 && m % 5 == 0 ? [HallCommand.IssueTicket(1)] : [], _ => 4);
        day.AssertNoTicketLostOrServedTwice();
        Assert.All(day.Calls(), c => Assert.Equal(c.Minute, (day.Of(HallEventKind.TicketIssued).Single(e => e.Ticket == c.Ticket).Time - HallDay.Opening).TotalMinutes));
        return [.. (await day.SnapshotAsync()).Windows.OrderBy(w => w.Window).Select(w => w.ServedToday)];
    }

    [Theory]
    [InlineData(WindowSelection.LongestIdle)]
    [InlineData(WindowSelection.FewestServed)]
    [InlineData(WindowSelection.LeastBusy)]
    [InlineData(WindowSelection.RoundRobin)]
    public async Task Afternoon_SharingSelection_EachWindowServesAThird(WindowSelection selection)
    {
        var served = await PlayAfternoonAsync(selection);
        Assert.Equal(47, served.Sum());
        Assert.True(served.Max() - served.Min() <= 1, $"{selection}: {string.Join(", ", served)}");
    }

    [Fact]
    public async Task Afternoon_FixedOrder_TheFirstWindowTakesEveryoneWhileItIsFree()
    {
        Assert.Equal([47, 0, 0], await PlayAfternoonAsync(WindowSelection.FixedOrder));
    }
}
