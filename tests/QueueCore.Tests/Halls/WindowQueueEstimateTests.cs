namespace QueueCore.Tests.Halls;

/// <summary>
/// The estimated wait of a ticket in a window's own queue (transferred to it): only that window calls it, so the
/// window's own state decides, not the item's other windows.
/// </summary>
public class WindowQueueEstimateTests
{
    private static readonly DateTimeOffset Started = HallFixtures.Morning;

    /// <summary>Item 1 takes 10 minutes; windows 1 and 2 serve it (manual mode).</summary>
    private static HallDefinition TwoWindows() => new()
    {
        Id = "window-queue-estimates",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", ExpectedHandlingTime = TimeSpan.FromMinutes(10) }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
    };

    /// <summary>Window 1 calls the next ticket, starts it and sends it to window 2 at <paramref name="at"/>.</summary>
    private static CommandResult TransferToTwo(Hall hall, DateTimeOffset at)
    {
        hall.Apply(HallCommand.IssueTicket(1), at);
        Assert.True(hall.Apply(HallCommand.CallNext(1), at).IsSuccess);
        Assert.True(hall.Apply(HallCommand.StartServing(1), at).IsSuccess);
        var sent = hall.Apply(HallCommand.TransferToWindow(1, 2), at);
        Assert.Equal(TicketState.Waiting, sent.State);
        return sent;
    }

    [Fact]
    public void TransferToWindow_TheWindowTwoMinutesIntoATenMinuteService_ToldWhatIsLeftThenAWholeServicePerPlace()
    {
        // Window 1 was idle after the transfer, so the ticket was told 0, though only window 2 will call it.
        var hall = HallFixtures.OpenHall(TwoWindows(), Started, 1, 2);
        hall.Apply(HallCommand.IssueTicket(1), Started);
        Assert.True(hall.Apply(HallCommand.CallNext(2), Started).IsSuccess);
        Assert.True(hall.Apply(HallCommand.StartServing(2), Started).IsSuccess);

        var first = TransferToTwo(hall, Started.AddMinutes(2));
        var second = TransferToTwo(hall, Started.AddMinutes(2));

        Assert.Equal((0, TimeSpan.FromMinutes(8)), (first.Position, first.EstimatedWait));
        Assert.Equal((1, TimeSpan.FromMinutes(18)), (second.Position, second.EstimatedWait)); // not shared: one window calls it
        var later = hall.Apply(HallCommand.QueryTicket(first.Ticket), Started.AddMinutes(5));
        Assert.Equal((0, TimeSpan.FromMinutes(5)), (later.Position, later.EstimatedWait));
        var overdue = hall.Apply(HallCommand.QueryTicket(first.Ticket), Started.AddMinutes(30));
        Assert.Equal(TimeSpan.Zero, overdue.EstimatedWait); // about to finish, never negative
    }

    [Fact]
    public void TransferToWindow_ThePausedWindow_ToldAsIfItHadJustStartedAService()
    {
        // A paused window calls nobody until its clerk resumes: "no wait" sent the citizen to stand at a closed desk.
        var hall = HallFixtures.OpenHall(TwoWindows(), Started, 1, 2);
        Assert.True(hall.Apply(HallCommand.PauseWindow(2, "lunch"), Started).IsSuccess);

        var first = TransferToTwo(hall, Started);
        var second = TransferToTwo(hall, Started);

        Assert.Equal(TimeSpan.FromMinutes(10), first.EstimatedWait);
        Assert.Equal(TimeSpan.FromMinutes(20), second.EstimatedWait);
        var later = hall.Apply(HallCommand.QueryTicket(first.Ticket), Started.AddMinutes(30));
        Assert.Equal(TimeSpan.FromMinutes(10), later.EstimatedWait); // still paused: no nearer

        Assert.True(hall.Apply(HallCommand.ResumeWindow(2), Started.AddMinutes(31)).IsSuccess);
        Assert.Equal(TimeSpan.Zero, hall.Apply(HallCommand.QueryTicket(first.Ticket), Started.AddMinutes(31)).EstimatedWait);
    }

    [Fact]
    public void TransferToWindow_TheWindowBusyWithALongerItem_ToldWhatIsLeftOfThatService()
    {
        // Window 2 is 2 minutes into a 30-minute item: a 10-minute ticket sent to it was told 8 minutes and waited 28.
        var definition = TwoWindows() with
        {
            Services = [.. TwoWindows().Services, new() { Id = 2, Category = "A", ExpectedHandlingTime = TimeSpan.FromMinutes(30) }],
            Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }] }],
        };
        var hall = HallFixtures.OpenHall(definition, Started, 1, 2);
        hall.Apply(HallCommand.IssueTicket(2), Started);
        Assert.True(hall.Apply(HallCommand.CallNext(2), Started).IsSuccess);
        Assert.True(hall.Apply(HallCommand.StartServing(2), Started).IsSuccess);

        var first = TransferToTwo(hall, Started.AddMinutes(2));
        var second = TransferToTwo(hall, Started.AddMinutes(2));

        Assert.Equal((0, TimeSpan.FromMinutes(28)), (first.Position, first.EstimatedWait));
        Assert.Equal((1, TimeSpan.FromMinutes(38)), (second.Position, second.EstimatedWait)); // then its own item's time
    }

    [Fact]
    public void GetSnapshot_ATicketInAWindowsOwnQueue_InLineIsWhatANewTicketHasAhead()
    {
        // The item's waiting count takes in the ticket sent to window 2; a new ticket's position does not, nor InLine.
        var hall = HallFixtures.OpenHall(TwoWindows(), Started, 1, 2);
        TransferToTwo(hall, Started);
        hall.Apply(HallCommand.IssueTicket(1), Started);

        var service = hall.GetSnapshot(Started, SnapshotDetail.Services).Services.Single();
        var taken = hall.Apply(HallCommand.IssueTicket(1), Started);

        Assert.Equal((2, 1), (service.Waiting, service.InLine));
        Assert.Equal(service.InLine, taken.Position);
    }

    [Fact]
    public void QueryTicket_InTheWindowsQueue_RestoredHallTellsTheSame()
    {
        var definition = TwoWindows();
        var hall = HallFixtures.OpenHall(definition, Started, 1, 2);
        hall.Apply(HallCommand.IssueTicket(1), Started);
        hall.Apply(HallCommand.CallNext(2), Started);
        var sent = TransferToTwo(hall, Started.AddMinutes(1));

        var restored = Hall.Restore(definition, hall.SaveState());

        var query = HallCommand.QueryTicket(sent.Ticket);
        var at = Started.AddMinutes(4);
        Assert.Equal(TimeSpan.FromMinutes(6), hall.Apply(query, at).EstimatedWait); // called at 0: counts from the call
        Assert.Equal(hall.Apply(query, at).EstimatedWait, restored.Apply(query, at).EstimatedWait);
    }
}
