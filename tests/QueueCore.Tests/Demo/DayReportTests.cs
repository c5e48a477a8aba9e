using QueueCore.Demo;

namespace QueueCore.Tests.Demo;

public class DayReportTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly HallDefinition Definition = new()
    {
        Id = "report",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }],
        Windows = [new() { Id = 1, Comprehensive = true }],
        NoShow = new() { MaxNoShows = 2, PauseWindowAfter = 0 },
    };

    /// <summary>Applies each command to a hall at one-minute steps and feeds its events to a report.</summary>
    private static (DayReport Report, Hall Hall) Play(params HallCommand[] commands)
    {
        var hall = new Hall(Definition);
        var report = new DayReport();
        var now = Nine;
        foreach (var command in new[] { HallCommand.OpenDay(), HallCommand.OpenWindow(1, clerk: 7) }.Concat(commands))
        {
            var result = hall.Apply(command, now = now.AddMinutes(1));
            Assert.True(result.IsSuccess, result.ToString());
            foreach (var e in hall.LastEvents)
            {
                report.Add(e);
            }
        }

        return (report, hall);
    }

    [Fact]
    public void Add_RecalledTicketWithTwoItems_CountsOneTicketTwoItemsTwoCallsOneRecall()
    {
        var (report, _) = Play(
            HallCommand.IssueTicket(new ServiceItemList([1, 2])),
            HallCommand.CallNext(1), HallCommand.Recall(1), HallCommand.StartServing(1), HallCommand.Finish(1),
            HallCommand.CallNext(1), HallCommand.StartServing(1), HallCommand.Finish(1));

        Assert.Equal((1, 1, 2, 2, 1, 0), (report.Issued, report.Completed, report.ItemsServed, report.Calls, report.Recalls, report.CallsAfterNoShow));
        Assert.Equal(1, report.SeveralItemTickets);
        Assert.True(report.AddsUp);
    }

    [Fact]
    public void Add_NoShowTwice_OneRequeueOneDropAndTheTicketIsClosed()
    {
        var (report, _) = Play(
            HallCommand.IssueTicket(1),
            HallCommand.CallNext(1), HallCommand.NoShow(1),
            HallCommand.CallNext(1), HallCommand.NoShow(1));

        Assert.Equal((1, 1, 2, 1), (report.NoShowRequeues, report.NoShowDrops, report.Calls, report.CallsAfterNoShow));
        Assert.Equal((0, 0), (report.Completed, report.StillOpen));
        Assert.True(report.AddsUp);
    }

    [Fact]
    public void Add_OpenAndCancelledTickets_AddUpWithTheHallsSnapshot()
    {
        var (report, hall) = Play(
            HallCommand.IssueTicket(1), HallCommand.IssueTicket(1), HallCommand.IssueTicket(2), HallCommand.IssueTicket(2),
            HallCommand.CallNext(1), HallCommand.StartServing(1), HallCommand.Park(1), // the first: parked
            HallCommand.CallNext(1));                                                 // the second: at the window
        var last = hall.GetSnapshot(Nine.AddHours(1)).Waiting[^1].Ticket;
        Assert.True(hall.Apply(HallCommand.Cancel(last), Nine.AddHours(1)).IsSuccess);
        foreach (var e in hall.LastEvents)
        {
            report.Add(e);
        }

        Assert.Equal((4, 0, 1, 3), (report.Issued, report.Completed, report.Cancelled, report.StillOpen));
        Assert.Equal((1, 1, 1), (report.Waiting, report.AtWindows, report.ParkedNow));
        Assert.True(report.AddsUp);
        Assert.Empty(report.Discrepancies(hall.GetSnapshot(Nine.AddHours(1))));
    }
}
