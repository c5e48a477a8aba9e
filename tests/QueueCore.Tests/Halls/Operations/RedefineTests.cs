using MessagePack;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A running hall's definition changed at run time: the day's queue and numbering go on.</summary>
public class RedefineTests
{
    [Fact]
    public void Redefine_AddWindowAndItem_KeepsQueueAndNumbering()
    {
        var d = Small();
        var hall = Open(d, 1);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(1, 3);
        var next = d with
        {
            Services = [.. d.Services, new() { Id = 4, Category = "A", Name = "New item" }],
            Windows = [.. d.Windows, new() { Id = 4, Skills = [new() { Service = 4 }, new() { Service = 3 }] }],
        };

        var redefined = hall.Redefine(next, At(2));

        Assert.Equal([HallEventKind.HallRedefined], redefined.Kinds());
        Assert.Equal(hall.Sequence + 1, redefined.Sequence);
        Assert.Equal(2, redefined.TotalWaiting);
        Assert.Equal(WindowState.Idle, redefined.WindowView(1, 2).State);
        Assert.Equal("A002", redefined.Do(HallCommand.IssueTicket(4), 3).Number.ToString());
        redefined.Do(HallCommand.OpenWindow(4, clerk: 4), 3);
        Assert.Equal(b, redefined.Call(4, 4));
        Assert.Equal(a, redefined.Call(1, 4));
    }

    [Fact]
    public void Redefine_IdleAutoWindowGainsASkill_CallsAtOnce()
    {
        var d = Small();
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(3, clerk: 3, auto: true), 0);
        var a = hall.Issue(1, 2); // window 3 may not serve item 2
        var next = d with { Windows = [.. d.Windows.Select(w => w.Id == 3 ? w with { Skills = [.. w.Skills, new() { Service = 2 }] } : w)] };
        var redefined = hall.Redefine(next, At(2));
        Assert.Equal([HallEventKind.HallRedefined, HallEventKind.TicketCalled], redefined.Kinds());
        Assert.Equal(a, redefined.Single(HallEventKind.TicketCalled).Ticket);
    }

    [Fact]
    public void Redefine_ExpectedHandlingTimeChanged_EstimatesStartFromTheNewOne()
    {
        // A manager corrects an item's expected handling time (5 minutes by default) to 20 while tickets wait: the
        // estimates went on at 5 minutes a place, the saved moving average (seeded from the old time) overriding the new
        // one, until finishes moved it, a fifth at a time. An item whose time is kept keeps what was measured.
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, 1);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Finish(1), 10); // measured: 10 minutes, moving the seed of item 1 to 6 minutes
        hall.Issue(10, 1);
        var ticket = hall.Issue(10, 1);
        hall.Issue(10, 2);
        var waits = hall.Issue(10, 2);
        var next = d with { Services = [.. d.Services.Select(s => s.Id == 2 ? s with { ExpectedHandlingTime = TimeSpan.FromMinutes(20) } : s)] };

        var redefined = hall.Redefine(next, At(11));

        Assert.Equal(TimeSpan.FromMinutes(20), redefined.Query(waits, 11).EstimatedWait); // one place ahead, one window open
        Assert.Equal(TimeSpan.FromMinutes(6), redefined.Query(ticket, 11).EstimatedWait); // kept: measured
        Assert.Equal(TimeSpan.FromMinutes(5), hall.Query(waits, 11).EstimatedWait); // the hall redefined is unchanged
    }

    [Fact]
    public void Redefine_ExpectedHandlingTimeOfAnItemUnderWayChanged_TheWaitForItsWindowFollows()
    {
        // The only window is 1 minute into item 2, corrected from 5 minutes to 20: a ticket for item 1 waits for that
        // service to end, about 18 minutes later, and is told so (restored, too).
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, 2);
        hall.Serve(1, 0);
        var next = d with { Services = [.. d.Services.Select(s => s.Id == 2 ? s with { ExpectedHandlingTime = TimeSpan.FromMinutes(20) } : s)] };

        var redefined = hall.Redefine(next, At(1));
        var restored = Hall.Restore(next, redefined.SaveState());

        Assert.Equal(TimeSpan.FromMinutes(18), redefined.Do(HallCommand.IssueTicket(1), 2).EstimatedWait);
        Assert.Equal(TimeSpan.FromMinutes(18), restored.Do(HallCommand.IssueTicket(1), 2).EstimatedWait);
    }

    [Fact]
    public void Redefine_RemovingAnOpenWindow_RefusedNamingIt()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(d with { Windows = [.. d.Windows.Where(w => w.Id != 2)] }, At(1)));
        Assert.Equal("definition", e.ParamName);
        Assert.Contains("window 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(WindowState.Idle, hall.WindowView(2, 1).State); // the running hall is untouched
    }

    [Fact]
    public void Redefine_RemovingAnItemATicketWaitsFor_RefusedNamingTheTicketAndTheChange()
    {
        // A hall manager who removes an item gets told why the new definition does not fit the running day, not about
        // a "saved state" they never gave.
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, 2);
        var next = d with
        {
            Services = [.. d.Services.Where(s => s.Id != 2)],
            Windows = [.. d.Windows.Select(w => w with { Skills = [.. w.Skills.Where(k => k.Service != 2)] })],
        };

        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(next, At(1)));

        Assert.Equal("definition", e.ParamName);
        Assert.StartsWith("Hall 'small' cannot take the new definition while its day runs: ticket A001 is live and has service item 2, which is not in the definition.", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void Redefine_CategoryOfLiveTicketsRemovedOrItsPrefixChanged_RefusedNamingIt()
    {
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, 3); // B001 waits
        var renumbered = d with { Categories = [.. d.Categories.Select(c => c.Id == "B" ? c with { Prefix = "S" } : c)] };
        var removed = d with
        {
            Categories = [.. d.Categories.Where(c => c.Id != "B")],
            Services = [.. d.Services.Select(s => s.Id == 3 ? s with { Category = "A" } : s)],
        };

        var prefix = Assert.Throws<ArgumentException>(() => hall.Redefine(renumbered, At(1)));
        var category = Assert.Throws<ArgumentException>(() => hall.Redefine(removed, At(1)));

        Assert.Contains("category 'B' changes its prefix from 'B' to 'S' while its tickets (e.g. B001) are live", prefix.Message, StringComparison.Ordinal);
        Assert.Contains("ticket B001 is live but its category 'B' is not in the definition", category.Message, StringComparison.Ordinal);
        Assert.Equal(1, hall.TotalWaiting); // the running hall is untouched
    }

    [Fact]
    public void Redefine_CategoryRemovedThenAddedBackTheSameDay_NumberingGoesOn()
    {
        // B001 was served and is in the day's records (and on its citizen's paper): the category coming back must not
        // print B001 again, nor must a restart in between (saved state, as the journal keeps it) forget how far B got.
        var d = Small();
        var hall = Open(d, 3);
        ServeBThenCloseItsWindow(hall, tickets: 1);
        var withoutB = WithoutCategoryB(d);

        var removed = hall.Redefine(withoutB, At(3));
        var restarted = Hall.Restore(withoutB, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(removed.SaveState())));
        var back = restarted.Redefine(d, At(4));

        Assert.Equal("B002", back.Do(HallCommand.IssueTicket(3), 5).Number.ToString());
        Assert.Equal("B002", removed.Redefine(d, At(4)).Do(HallCommand.IssueTicket(3), 5).Number.ToString());
    }

    [Fact]
    public void Redefine_AnotherCategoryTakesARemovedPrefixTheSameDay_ItsNumberingGoesOn()
    {
        var d = Small();
        var hall = Open(d, 3);
        ServeBThenCloseItsWindow(hall, tickets: 2);

        var redefined = hall.Redefine(WithoutCategoryB(d), At(4)).Redefine(PensionsInsteadOfB(d, "B"), At(5));

        Assert.Equal("B003", redefined.Do(HallCommand.IssueTicket(5), 6).Number.ToString());
    }

    [Theory]
    [InlineData("B1", 2, 1, "B", 3)] // B1 printed B101; B's 101st ticket would print it again
    [InlineData("B", 3, 101, "B1", 2)] // B printed B001 to B101; B1's first ticket would print B101
    public void Redefine_PrefixIsARemovedPrefixStillNumberingTodayFollowedByDigits_RefusedNamingBothUntilANewDay(
        string removed, int removedWidth, int tickets, string added, int addedWidth)
    {
        // Within one definition "B" beside "B1" is refused; a removed prefix numbers on until the day ends, so the same
        // pair across redefinitions printed one number for two citizens the same day.
        var d = Small(d => d with { Categories = [.. d.Categories.Select(c => c.Id == "B" ? c with { Prefix = removed, NumberWidth = removedWidth } : c)] });
        var hall = Open(d, 3);
        ServeBThenCloseItsWindow(hall, tickets);
        var pensions = PensionsInsteadOfB(d, added, addedWidth);

        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(pensions, At(200)));

        Assert.Contains($"category 'pensions' has the prefix '{added}'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{removed}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("numbered tickets today", e.Message, StringComparison.Ordinal);
        hall.Do(HallCommand.CloseDay(), 201);
        hall.Do(HallCommand.OpenDay(), 202); // numbering starts again: no number of the removed prefix is in hands
        Assert.Equal($"{added}{"1".PadLeft(addedWidth, '0')}", hall.Redefine(pensions, At(203)).Do(HallCommand.IssueTicket(5), 204).Number.ToString());
    }

    [Fact]
    public void Redefine_CategoryRemovedAndAddedBackAfterANewDay_NumberingStartsAgain()
    {
        var d = Small();
        var hall = Open(d, 3);
        ServeBThenCloseItsWindow(hall, tickets: 1);
        var removed = hall.Redefine(WithoutCategoryB(d), At(3));
        removed.Do(HallCommand.CloseDay(), 4);
        removed.Do(HallCommand.OpenDay(), 5);

        var back = removed.Redefine(d, At(6));

        Assert.Equal("B001", back.Do(HallCommand.IssueTicket(3), 7).Number.ToString());
    }

    /// <summary>The small hall without category B, its item 3 and window 3's skill for it.</summary>
    /// <summary>Issues <paramref name="tickets"/> B tickets at minute 0, serves each at window 3 (B's only window), one a
    /// minute, then closes the window: B numbered them, and none is live, so B may be removed.</summary>
    private static void ServeBThenCloseItsWindow(Hall hall, int tickets)
    {
        for (var i = 0; i < tickets; i++)
        {
            hall.Issue(0, 3);
        }

        for (var minute = 1; minute <= tickets; minute++)
        {
            hall.Serve(3, minute);
            hall.Do(HallCommand.Finish(3), minute + 1);
        }

        hall.Do(HallCommand.CloseWindow(3), tickets + 1);
    }

    private static HallDefinition WithoutCategoryB(HallDefinition d) => d with
    {
        Categories = [.. d.Categories.Where(c => c.Id != "B")],
        Services = [.. d.Services.Where(s => s.Id != 3)],
        Windows = [.. d.Windows.Where(w => w.Id != 3)],
    };

    /// <summary>The small hall with category B and its item 3 replaced by category "pensions" (<paramref name="prefix"/>,
    /// <paramref name="width"/> digits) and its item 5, which window 3 serves instead.</summary>
    private static HallDefinition PensionsInsteadOfB(HallDefinition d, string prefix, int width = 3) => d with
    {
        Categories = [.. d.Categories.Where(c => c.Id != "B"), new() { Id = "pensions", Prefix = prefix, NumberWidth = width }],
        Services = [.. d.Services.Where(s => s.Id != 3), new() { Id = 5, Category = "pensions", Name = "Pensions" }],
        Windows = [.. d.Windows.Select(w => w.Id == 3 ? w with { Skills = [new() { Service = 5 }] } : w)],
    };

    [Fact]
    public void Redefine_RemovingAClosedWindowAndAnUnusedItem_Allowed()
    {
        var d = Small();
        var hall = Open(d, 1, 3);
        hall.Issue(0, 1);
        var next = d with
        {
            Services = [.. d.Services.Where(s => s.Id != 2)],
            Windows = [.. d.Windows.Where(w => w.Id != 2).Select(w => w with { Skills = [.. w.Skills.Where(k => k.Service != 2)] })],
        };
        var redefined = hall.Redefine(next, At(1));
        Assert.Equal(1, redefined.TotalWaiting);
        redefined.Reject(HallCommand.IssueTicket(2), 2, QueueError.UnknownService);
    }

    [Fact]
    public void Redefine_RemovingAWindowThatServedToday_TheHallsDayFiguresKeepWhatItDid()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Serve(2, 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Do(HallCommand.Finish(2), 3);
        hall.Do(HallCommand.Rate(a, 5), 4);
        hall.Do(HallCommand.Rate(b, 2), 4);
        hall.Do(HallCommand.CloseWindow(2), 5);

        var redefined = hall.Redefine(d with { Windows = [.. d.Windows.Where(w => w.Id != 2)] }, At(6));

        var figures = redefined.GetSnapshot(At(6));
        Assert.Equal((2, 2, 3.5), (figures.ServedToday, figures.RatingsToday, figures.MeanRating));
        var restored = Hall.Restore(redefined.Definition, redefined.SaveState()); // saved and restored (journal snapshots)
        figures = restored.GetSnapshot(At(6));
        Assert.Equal((2, 2, 3.5), (figures.ServedToday, figures.RatingsToday, figures.MeanRating));
    }

    [Fact]
    public void Redefine_WindowRemovedYesterday_NotInTodaysFigures()
    {
        var d = Small();
        var hall = Open(d, 2);
        var a = hall.Issue(0, 1);
        hall.Serve(2, 1);
        hall.Do(HallCommand.Finish(2), 2);
        hall.Do(HallCommand.Rate(a, 4), 2);
        hall.Do(HallCommand.CloseWindow(2), 3);
        var redefined = hall.Redefine(d with { Windows = [.. d.Windows.Where(w => w.Id != 2)] }, At(4));
        redefined.Do(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 5);
        redefined.Do(HallCommand.OpenDay(), 6);

        var figures = redefined.GetSnapshot(At(6));
        Assert.Equal((0, 0, 0.0), (figures.ServedToday, figures.RatingsToday, figures.MeanRating));
    }

    [Fact]
    public void Redefine_AnotherId_RefusedNamingTheDefinitionAndBothIds()
    {
        var e = Assert.Throws<ArgumentException>(() => Open(Small()).Redefine(Small() with { Id = "other" }, At(0)));

        Assert.Equal("definition", e.ParamName);
        Assert.Contains("'small'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'other'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefine_InvalidDefinition_RefusedWithTheCompilersMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => Open(Small()).Redefine(Small() with { Windows = [] }, At(0)));
        Assert.Contains("windows are needed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefine_ClassHeadStartLowered_WaitingTicketsOfItAreNotOverdue()
    {
        // A manager takes the green channel's hour of head start away at 08:06. A green ticket issued at 08:05 had waited
        // a minute, but its wait was counted from its rank under the old head start plus the new one (07:05): it was
        // overdue at once (MaxWait 60 minutes), called ahead of everyone as if it had waited an hour, and taken by
        // overflow windows at once. Its standing is kept: its wait still counts from 08:05, now without a head start.
        var d = OneItem(d => d with { Priority = d.Priority with { MaxWait = TimeSpan.FromMinutes(60) } });
        var hall = Open(d, 1);
        var normal = hall.Issue(0);
        var green = hall.Issue(5, priorityClass: PriorityPolicy.GreenChannel);
        Assert.Equal([green, normal], hall.GetWindowQueue(1, hall.Now).Tickets.Select(q => q.Ticket));
        var lowered = d with
        {
            Priority = d.Priority with
            {
                Classes = [.. d.Priority.Classes.Select(c => c.Id == PriorityPolicy.GreenChannel ? c with { HeadStart = TimeSpan.Zero } : c)],
            },
        };

        hall = hall.Redefine(lowered, At(6));

        var view = hall.GetWindowQueue(1, hall.Now).Tickets;
        Assert.DoesNotContain(view, q => q.Reason == QueueReason.Overdue);
        Assert.Equal([normal, green], view.Select(q => q.Ticket));
        Assert.Equal(normal, hall.Call(1, 7));
    }

    [Fact]
    public void Redefine_ClassHeadStartRaised_WaitingTicketsOfItStillGetOverdue()
    {
        // Raising the elderly head start from 10 to 50 minutes moved an elderly ticket's wait 40 minutes into the future:
        // it became overdue (and eligible at overflow windows) 40 minutes late.
        var d = OneItem(d => d with { Priority = d.Priority with { MaxWait = TimeSpan.FromMinutes(30) } });
        var hall = Open(d, 1);
        var elderly = hall.Issue(0, priorityClass: PriorityPolicy.Elderly);
        var raised = d with
        {
            Priority = d.Priority with
            {
                Classes = [.. d.Priority.Classes.Select(c => c.Id == PriorityPolicy.Elderly ? c with { HeadStart = TimeSpan.FromMinutes(50) } : c)],
            },
        };

        hall = hall.Redefine(raised, At(1));
        hall.Issue(2, priorityClass: PriorityPolicy.GreenChannel); // ranks ahead of it, until it is overdue

        hall.Do(HallCommand.Tick(), 31);
        var head = hall.GetWindowQueue(1, hall.Now).Tickets[0];
        Assert.Equal(elderly, head.Ticket);
        Assert.Equal(QueueReason.Overdue, head.Reason);
    }

    [Fact]
    public void Redefine_WindowThatParkedATicketRemoved_TicketResumesToItsItem()
    {
        // A parked ticket returns to the window that parked it while that window is open; a window closed and removed
        // since leaves it nothing to return to: it queues for its item, where the other windows call it.
        var d = Small();
        var hall = Open(d, 1, 2);
        var t = hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "passport"), 2);
        hall.Do(HallCommand.CloseWindow(1), 3);
        hall = hall.Redefine(d with { Windows = [.. d.Windows.Where(w => w.Id != 1)] }, At(4));
        hall.Do(HallCommand.ResumeParked(t), 5);
        Assert.Equal(t, hall.Call(2, 6));
    }
}
