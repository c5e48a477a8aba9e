using QueueCore.Demo;

namespace QueueCore.Tests.Demo;

public class HallDayTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    public async Task PlayAsync_WholeDay_FiguresAddUp(int seed)
    {
        var clock = new DemoClock(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero));
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 }, clock);
        var hall = engine.AddHall(DemoHall.Definition());
        engine.Start();
        var output = new StringWriter();

        var report = await new HallDay(hall, clock, output, seed).PlayAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(report.Problems.Count == 0, string.Join("; ", report.Problems));
        Assert.True(report.Issued > 300, output.ToString());
        Assert.Equal(report.Issued, report.Completed + report.NoShowDrops + report.Cancelled + report.StillOpen);
        Assert.True(report.ItemsServed > report.Completed); // several items per ticket: items counted apart
        Assert.Contains("The figures add up", output.ToString(), StringComparison.Ordinal);
    }
}
