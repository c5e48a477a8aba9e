namespace QueueCore.Tests.Audit;

/// <summary>Third audit: an item's daily cap counts the day's tickets across day boundaries and run-time changes.</summary>
public sealed class DailyCapAuditTests
{
    private static HallDefinition Hall(bool withTwo = true, int cap = 2) => new()
    {
        Id = "caps",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = withTwo
            ? [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "B", Name = "Two", DailyCap = cap }]
            : [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [new() { Id = 1, Comprehensive = true }],
    };

    private static void Serve(Hall hall, double minute)
    {
        hall.Ok(HallCommand.CallNext(1), minute);
        hall.Ok(HallCommand.StartServing(1), minute);
        hall.Ok(HallCommand.Finish(1), minute);
    }

    [Fact]
    public void CapReached_ItemRemovedAndAddedBackSameDay_StillReached()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 2);
        hall.Issue(2, 2);
        Serve(hall, 3);
        Serve(hall, 4);
        Assert.Equal(QueueError.LimitReached, hall.Try(HallCommand.IssueTicket(2), 5).Error);

        hall = hall.Redefine(Hall(withTwo: false), AuditKit.At(6)); // the manager takes the item out for the afternoon
        hall = hall.Redefine(Hall(), AuditKit.At(7)); // and puts it back

        var again = hall.Try(HallCommand.IssueTicket(2), 8);
        Assert.Equal(QueueError.LimitReached, again.Error); // the cap is per day: two were issued today already
    }

    [Fact]
    public void CapReached_ItemRemoved_StateSavedAndRestored_AddedBack_StillReached()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 2);
        hall.Issue(2, 2);
        Serve(hall, 3);
        Serve(hall, 4);
        hall = hall.Redefine(Hall(withTwo: false), AuditKit.At(6));
        var restored = QueueCore.Hall.Restore(Hall(withTwo: false), hall.SaveState()); // a journal's snapshot while it was out
        restored = restored.Redefine(Hall(), AuditKit.At(7));
        Assert.Equal(QueueError.LimitReached, restored.Try(HallCommand.IssueTicket(2), 8).Error);
    }

    [Fact]
    public void ItemRemovedYesterdayAtItsCap_AddedBackAfterTheNextDayOpens_IssuesAgain()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 2);
        hall.Issue(2, 2);
        Serve(hall, 3);
        Serve(hall, 4);
        hall = hall.Redefine(Hall(withTwo: false), AuditKit.At(6));
        hall.Ok(HallCommand.CloseDay(), 600);
        hall.Ok(HallCommand.OpenDay(), 24 * 60);
        hall = hall.Redefine(Hall(), AuditKit.At(24 * 60 + 1));
        hall.Issue(24 * 60 + 2, 2);
        hall.Issue(24 * 60 + 2, 2);
        Assert.Equal(QueueError.LimitReached, hall.Try(HallCommand.IssueTicket(2), 24 * 60 + 3).Error);
    }

    [Fact]
    public void CapRaisedByRedefinition_CountsTheDaysTicketsAgainstTheNewCap()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 2);
        hall.Issue(2, 2);
        Assert.Equal(QueueError.LimitReached, hall.Try(HallCommand.IssueTicket(2), 3).Error);
        hall = hall.Redefine(Hall(cap: 3), AuditKit.At(4));
        hall.Issue(5, 2);
        Assert.Equal(QueueError.LimitReached, hall.Try(HallCommand.IssueTicket(2), 6).Error);
    }

    [Fact]
    public void CapReachedYesterday_NewDayIssuesUpToTheCapAgain()
    {
        var hall = AuditKit.Open(Hall(cap: 1), auto: false, 1);
        hall.Issue(1, 2);
        Assert.Equal(QueueError.LimitReached, hall.Try(HallCommand.IssueTicket(2), 2).Error);
        Serve(hall, 3);
        hall.Ok(HallCommand.CloseDay(), 600);
        hall.Ok(HallCommand.OpenDay(), 24 * 60);
        hall.Issue(24 * 60 + 1, 2);
        Assert.Equal(QueueError.LimitReached, hall.Try(HallCommand.IssueTicket(2), 24 * 60 + 2).Error);
    }

    [Fact]
    public void CapReached_SavedAndRestored_StillReached()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        hall.Issue(1, 2);
        hall.Issue(2, 2);
        var restored = QueueCore.Hall.Restore(Hall(), hall.SaveState());
        Assert.Equal(QueueError.LimitReached, restored.Try(HallCommand.IssueTicket(2), 3).Error);
    }
}
