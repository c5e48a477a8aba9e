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

    private static HallDefinition TwoWindows() => OneWindow() with
    {
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
    };

    /// <summary>A hall whose windows each took a ticket and started serving it at <paramref name="started"/>.</summary>
    private static Hall Serving(HallDefinition definition, DateTimeOffset started, params int[] windows)
    {
        var hall = HallFixtures.OpenHall(definition, started, windows);
        foreach (var w in windows)
        {
            hall.Apply(HallCommand.IssueTicket(1), started);
            Assert.True(hall.Apply(HallCommand.CallNext(w), started).IsSuccess);
            Assert.True(hall.Apply(HallCommand.StartServing(w), started).IsSuccess);
        }

        return hall;
    }

    [Fact]
    public void IssueTicket_TheOnlyWindowTwoMinutesIntoATenMinuteService_FirstInLineWaitsAboutEight()
    {
        // The citizen used to be told "You are next." with no wait, then waited for the clerk to finish.
        var started = HallFixtures.Morning;
        var hall = Serving(OneWindow(), started, 1);

        var first = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));
        var second = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));

        Assert.Equal((0, TimeSpan.FromMinutes(8)), (first.Position, first.EstimatedWait));
        Assert.Equal((1, TimeSpan.FromMinutes(18)), (second.Position, second.EstimatedWait)); // then a whole service
    }

    [Fact]
    public void IssueTicket_AWindowThatServesTheItemIsIdle_FirstInLineIsToldNoWait()
    {
        var started = HallFixtures.Morning;
        var hall = Serving(TwoWindows(), started, 1);
        Assert.True(hall.Apply(HallCommand.OpenWindow(2, clerk: 102), started).IsSuccess);

        var first = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));
        var second = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));

        Assert.Equal(TimeSpan.Zero, first.EstimatedWait);
        Assert.Equal(TimeSpan.FromMinutes(5), second.EstimatedWait); // a place is ten minutes shared over two windows
    }

    [Fact]
    public void IssueTicket_BothWindowsBusy_TheWaitForTheFirstToFinishIsSharedOverThem()
    {
        // Two services with 8 minutes left each: one of them is expected to end in about half of that.
        var started = HallFixtures.Morning;
        var hall = Serving(TwoWindows(), started, 1, 2);

        var first = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));
        var second = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));

        Assert.Equal(TimeSpan.FromMinutes(4), first.EstimatedWait);
        Assert.Equal(TimeSpan.FromMinutes(9), second.EstimatedWait);
    }

    [Fact]
    public void IssueTicket_TheServiceUnderWayIsOverdue_FirstInLineIsToldNoWaitNotANegativeOne()
    {
        var started = HallFixtures.Morning;
        var hall = Serving(OneWindow(), started, 1);

        var first = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(25));
        var second = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(25));

        Assert.Equal(TimeSpan.Zero, first.EstimatedWait); // about to finish
        Assert.Equal(TimeSpan.FromMinutes(10), second.EstimatedWait);
    }

    [Fact]
    public void IssueTicket_TheWindowCalledButTheCitizenHasNotCome_TheServiceCountsFromItsStart()
    {
        // Handling times are measured from the start (from the call only when none is pressed): so is what is left.
        var called = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(OneWindow(), called, 1);
        hall.Apply(HallCommand.IssueTicket(1), called);
        hall.Apply(HallCommand.CallNext(1), called);
        Assert.Equal(TimeSpan.FromMinutes(7), hall.Apply(HallCommand.IssueTicket(1), called.AddMinutes(3)).EstimatedWait);

        // Started at 4: 8 minutes left at 6, then the ticket issued at 3 is served before this one.
        hall.Apply(HallCommand.StartServing(1), called.AddMinutes(4));
        Assert.Equal(TimeSpan.FromMinutes(18), hall.Apply(HallCommand.IssueTicket(1), called.AddMinutes(6)).EstimatedWait);
    }

    [Fact]
    public void IssueTicket_TheWindowFinishedItsService_FirstInLineIsToldNoWaitAgain()
    {
        var started = HallFixtures.Morning;
        var hall = Serving(OneWindow(), started, 1);
        Assert.True(hall.Apply(HallCommand.Finish(1), started.AddMinutes(10)).IsSuccess);

        Assert.Equal(TimeSpan.Zero, hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(12)).EstimatedWait);
    }

    /// <summary>Item 1 takes 10 minutes, item 2 30; the windows serve both.</summary>
    private static HallDefinition TwoItems(int windows) => OneWindow() with
    {
        Services = [.. OneWindow().Services, new() { Id = 2, Category = "A", ExpectedHandlingTime = TimeSpan.FromMinutes(30) }],
        Windows = [.. Enumerable.Range(1, windows).Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }, new() { Service = 2 }] })],
    };

    /// <summary>The window calls and starts a fresh ticket for <paramref name="service"/> at <paramref name="at"/>.</summary>
    private static void Serve(Hall hall, int window, int service, DateTimeOffset at)
    {
        var ticket = hall.Apply(HallCommand.IssueTicket(service), at);
        Assert.True(hall.Apply(HallCommand.CallTicket(window, ticket.Ticket), at).IsSuccess);
        Assert.True(hall.Apply(HallCommand.StartServing(window), at).IsSuccess);
    }

    [Fact]
    public void IssueTicket_TheWindowIsBusyWithALongerItem_FirstInLineWaitsForWhatIsLeftOfThatService()
    {
        // The only window is 3 minutes into a 30-minute item: a ticket for the 10-minute item was told "7 minutes" (its
        // own item's time) and waited 27.
        var started = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(TwoItems(1), started, 1);
        Serve(hall, 1, 2, started);

        var first = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(3));
        var second = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(3));

        Assert.Equal((0, TimeSpan.FromMinutes(27)), (first.Position, first.EstimatedWait));
        Assert.Equal((1, TimeSpan.FromMinutes(37)), (second.Position, second.EstimatedWait)); // then one of its own
        var listed = hall.GetSnapshot(started.AddMinutes(3), SnapshotDetail.Services).Services.Single(s => s.Service == 1);
        Assert.Equal(TimeSpan.FromMinutes(27), listed.UntilWindowFree);
    }

    [Fact]
    public void IssueTicket_TheWindowIsBusyWithAShorterItem_FirstInLineIsNotToldItsOwnItemsTime()
    {
        // 2 minutes into a 10-minute item: a ticket for the 30-minute item waits about 8 minutes, not 28.
        var started = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(TwoItems(1), started, 1);
        Serve(hall, 1, 1, started);

        Assert.Equal(TimeSpan.FromMinutes(8), hall.Apply(HallCommand.IssueTicket(2), started.AddMinutes(2)).EstimatedWait);
    }

    [Fact]
    public void Restore_AfterTheItemsAverageMovedDuringAService_TellsTheSameEstimates()
    {
        // Window 1 started a 30-minute item at 0; window 2 finished one in 10 minutes, which moved the item's average
        // to 26. Window 1's service is still expected to end at 30, in the restored hall too.
        var started = HallFixtures.Morning;
        var definition = TwoItems(2);
        var hall = HallFixtures.OpenHall(definition, started, 1, 2);
        Serve(hall, 1, 2, started);
        Serve(hall, 2, 2, started);
        Assert.True(hall.Apply(HallCommand.Finish(2), started.AddMinutes(10)).IsSuccess);
        Serve(hall, 2, 1, started.AddMinutes(10));

        var restored = Hall.Restore(definition, hall.SaveState());

        // 18 minutes left at window 1, 8 at window 2: about half their mean.
        var at = started.AddMinutes(12);
        Assert.Equal(TimeSpan.FromMinutes(6.5), hall.Apply(HallCommand.IssueTicket(1), at).EstimatedWait);
        Assert.Equal(TimeSpan.FromMinutes(6.5), restored.Apply(HallCommand.IssueTicket(1), at).EstimatedWait);
        Assert.Equal(
            hall.GetSnapshot(at, SnapshotDetail.Services).Services[0].UntilWindowFree,
            restored.GetSnapshot(at, SnapshotDetail.Services).Services[0].UntilWindowFree);
    }

    [Fact]
    public void QueryTicket_LaterWhileTheServiceGoesOn_TheWaitShrinks()
    {
        var started = HallFixtures.Morning;
        var hall = Serving(OneWindow(), started, 1);
        var ticket = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(2));

        var later = hall.Apply(HallCommand.QueryTicket(ticket.Ticket), started.AddMinutes(5));

        Assert.Equal((0, TimeSpan.FromMinutes(5)), (later.Position, later.EstimatedWait));
    }

    [Fact]
    public void Restore_WhileWindowsServe_TellsTheSameEstimates()
    {
        var started = HallFixtures.Morning;
        var definition = TwoWindows();
        var hall = Serving(definition, started, 1, 2);
        var waiting = hall.Apply(HallCommand.IssueTicket(1), started.AddMinutes(1));

        var restored = Hall.Restore(definition, hall.SaveState());

        var at = started.AddMinutes(3);
        var query = HallCommand.QueryTicket(waiting.Ticket);
        Assert.Equal(TimeSpan.FromMinutes(3.5), hall.Apply(query, at).EstimatedWait);
        Assert.Equal(hall.Apply(query, at).EstimatedWait, restored.Apply(query, at).EstimatedWait);
        Assert.Equal(hall.Apply(HallCommand.IssueTicket(1), at).EstimatedWait, restored.Apply(HallCommand.IssueTicket(1), at).EstimatedWait);
        Assert.Equal(
            hall.GetSnapshot(at, SnapshotDetail.Services).Services[0].UntilWindowFree,
            restored.GetSnapshot(at, SnapshotDetail.Services).Services[0].UntilWindowFree);
    }

    [Fact]
    public void GetSnapshot_TheOnlyWindowBusy_TellsTheWaitForItToFinish()
    {
        // What a kiosk lists for a new ticket: the wait for the window, then the tickets already waiting.
        var started = HallFixtures.Morning;
        var hall = Serving(OneWindow(), started, 1);
        hall.Apply(HallCommand.IssueTicket(1), started);

        var service = hall.GetSnapshot(started.AddMinutes(4), SnapshotDetail.Services).Services[0];

        Assert.Equal(TimeSpan.FromMinutes(6), service.UntilWindowFree);
        var idle = HallFixtures.OpenHall(OneWindow(), started, 1).GetSnapshot(started.AddMinutes(4), SnapshotDetail.Services).Services[0];
        Assert.Equal(TimeSpan.Zero, idle.UntilWindowFree);
    }

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
