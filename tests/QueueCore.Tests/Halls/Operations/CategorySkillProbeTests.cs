using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Windows that serve whole categories, checked from outside against what <see cref="WindowSkill"/> documents
/// (an item listed as primary beside its category as overflow is primary; two overflow skills take the shorter delay)
/// and across redefinitions that move items between categories or change a window's skills (issue 10, Add 1).
/// </summary>
public class CategorySkillProbeTests
{
    /// <summary>Items 1, 2 in A; 3, 4 in B. Window 1 gets <paramref name="skills"/>; window 2 (never opened) serves everything.</summary>
    private static HallDefinition Hall(params WindowSkill[] skills) => new()
    {
        Id = "categories",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }, new() { Id = 4, Category = "B" }],
        Windows = [new() { Id = 1, Skills = skills }, new() { Id = 2, Comprehensive = true }],
        Priority = new PriorityPolicy { MaxWait = null },
    };

    private static readonly TimeSpan Ten = TimeSpan.FromMinutes(10), Two = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CallNext_ItemPrimaryBesideItsCategoryAsOverflow_ItemIsPrimaryWhateverTheOrder(bool categoryFirst)
    {
        WindowSkill item = new() { Service = 1 }, category = new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = Ten };
        var hall = Open(Hall(categoryFirst ? [category, item] : [item, category]), 1);
        var two = hall.Issue(0, 2);
        var one = hall.Issue(1, 1);
        Assert.Equal(one, hall.Call(1, 1)); // item 1 primary at once; item 2 only after 10 minutes
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.Finish(1), 2);
        hall.Reject(HallCommand.CallNext(1), 9, QueueError.NothingWaiting);
        Assert.Equal(two, hall.Call(1, 10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CallNext_CategoryPrimaryBesideOneOfItsItemsAsOverflow_EveryItemPrimary(bool itemFirst)
    {
        WindowSkill item = new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = Ten }, category = new() { Category = "A" };
        var hall = Open(Hall(itemFirst ? [item, category] : [category, item]), 1);
        var one = hall.Issue(0, 1);
        Assert.Equal(one, hall.Call(1, 1));
        Assert.Equal(QueueReason.Primary, hall.Apply(HallCommand.IssueTicket(1), At(1)).IsSuccess ? hall.GetWindowQueue(1, hall.Now).Tickets[0].Reason : default);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CallNext_ItemAndItsCategoryBothOverflow_TheShorterDelay(bool categoryFirst)
    {
        WindowSkill item = new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = Two },
            category = new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = Ten };
        var hall = Open(Hall(categoryFirst ? [category, item, new() { Service = 3 }] : [item, category, new() { Service = 3 }]), 1);
        var two = hall.Issue(0, 2);
        var one = hall.Issue(0, 1);
        hall.Reject(HallCommand.CallNext(1), 1.9, QueueError.NothingWaiting);
        Assert.Equal(one, hall.Call(1, 2));
        hall.Do(HallCommand.StartServing(1), 2);
        hall.Do(HallCommand.Finish(1), 3);
        hall.Reject(HallCommand.CallNext(1), 9.9, QueueError.NothingWaiting);
        Assert.Equal(two, hall.Call(1, 10));
    }

    // Category overflow with the shorter delay on the category this time.
    [Fact]
    public void CallNext_CategoryOverflowShorterThanItsItemsOverflow_TheShorterDelay()
    {
        var hall = Open(Hall(new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = Ten },
            new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = Two }, new() { Service = 3 }), 1);
        var one = hall.Issue(0, 1);
        Assert.Equal(one, hall.Call(1, 2));
    }

    // Primary before overflow across categories: a window serving B whole and A as overflow (no delay) takes B's
    // ticket first even when A's waited longer.
    [Fact]
    public void CallNext_CategoryPrimaryAndAnotherCategoryOverflow_PrimaryFirst()
    {
        var hall = Open(Hall(new() { Category = "B" }, new() { Category = "A", Tier = SkillTier.Overflow }), 1);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(5, 4);
        Assert.Equal(b, hall.Call(1, 6));
        hall.Do(HallCommand.StartServing(1), 6);
        hall.Do(HallCommand.Finish(1), 7);
        Assert.Equal(a, hall.Call(1, 7));
    }

    // Add 1: an item moved to another category while its tickets wait is served by the windows of its new category.
    [Fact]
    public void Redefine_ItemMovedToAnotherCategoryWhileItsTicketsWait_ServedByTheNewCategorysWindows()
    {
        var d = Hall(new WindowSkill { Category = "A" }) with
        {
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }] }, new() { Id = 2, Skills = [new() { Category = "B" }] }],
        };
        var hall = Open(d, 1, 2);
        var t = hall.Issue(0, 3); // B
        var moved = d with { Services = [.. d.Services.Select(s => s.Id == 3 ? s with { Category = "A" } : s)] };
        var r = hall.Redefine(moved, At(1));
        r.Reject(HallCommand.CallNext(2), 2, QueueError.NothingWaiting);
        Assert.Equal(t, r.Call(1, 2));
    }

    // Add 1: a window whose skill changes from one category to another, and from primary to overflow.
    [Fact]
    public void Redefine_WindowSkillChangesCategoryAndTier_CallsByTheNewSkills()
    {
        var d = Hall(new WindowSkill { Category = "A" });
        var hall = Open(d, 1);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(0, 3);
        var next = d with { Windows = [new() { Id = 1, Skills = [new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = Ten }] }, d.Windows[1]] };
        var r = hall.Redefine(next, At(1));
        r.Reject(HallCommand.CallNext(1), 2, QueueError.NothingWaiting); // A no longer served; B's ticket waited only 2 minutes
        Assert.Equal(b, r.Call(1, 10));
        Assert.Equal(TicketState.Waiting, r.StateOf(a, 10));
    }

    // Add 1: an item added by a redefinition is served at once by a window serving its category whole, and by a
    // comprehensive window; in auto mode it is pushed.
    [Fact]
    public void Redefine_NewItemInACategoryAnAutoWindowServesWhole_Pushed()
    {
        var d = Hall(new WindowSkill { Category = "B" });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, clerk: 1, auto: true), 0);
        var next = d with { Services = [.. d.Services, new() { Id = 5, Category = "B" }] };
        var r = hall.Redefine(next, At(1));
        var t = r.Do(HallCommand.IssueTicket(5), 2);
        Assert.Equal((TicketState.Called, 1), (t.State, t.Window));
    }

    // Transfer to an item of another category: the ticket joins that category's queue and keeps its standing.
    [Fact]
    public void TransferToService_ItemOfAnotherCategory_CategoryWindowTakesItKeepingItsStanding()
    {
        var d = Hall(new WindowSkill { Category = "A" }) with
        {
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }] }, new() { Id = 2, Skills = [new() { Category = "B" }] }],
        };
        var hall = Open(d, 1, 2);
        var t = hall.Issue(0, 1);
        var later = hall.Issue(2, 4);
        hall.Serve(1, 3);
        hall.Do(HallCommand.TransferToService(1, 3), 4);
        Assert.Equal(t, hall.Call(2, 5)); // standing from +0, ahead of the ticket issued at +2
        Assert.Equal(TicketState.Waiting, hall.StateOf(later, 5));
    }

    // A window dedicated to elderly citizens serving a category whole: its class first even when it ranks behind.
    [Fact]
    public void CallNext_DedicatedCategoryWindow_ItsClassFirst()
    {
        var d = Hall(new WindowSkill { Category = "A" }) with
        {
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }], DedicatedClass = PriorityPolicy.Elderly }, new() { Id = 2, Comprehensive = true }],
        };
        var hall = Open(d, 1);
        hall.Issue(0, 1);
        var elderly = hall.Issue(30, 2, age: 80);
        Assert.Equal(elderly, hall.Call(1, 31));
    }

    // Fix 14 with the per-category queues: tickets issued at one instant across serial 2^31 (and 2^32) are called in
    // issue order by a window serving the category whole, by one listing the items, and by a comprehensive one.
    [Theory]
    [InlineData(1L << 31, 1)]
    [InlineData(1L << 31, 3)]
    [InlineData(1L << 32, 1)]
    [InlineData(1L << 32, 2)]
    public void CallNext_SerialsAcrossALargePowerOfTwo_CategoryQueuesKeepIssueOrder(long boundary, int window)
    {
        var d = Hall(new WindowSkill { Category = "A" }) with
        {
            Windows =
            [
                new() { Id = 1, Skills = [new() { Category = "A" }, new() { Category = "B" }] },
                new() { Id = 2, Comprehensive = true },
                new() { Id = 3, Skills = [new() { Service = 1 }, new() { Service = 2 }, new() { Service = 3 }, new() { Service = 4 }] },
            ],
        };
        var original = Open(d);
        var hall = QueueCore.Hall.Restore(d, original.SaveState() with { Serial = boundary - 3 });
        hall.Do(HallCommand.OpenWindow(window, clerk: window), 0);
        var tickets = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(hall.Do(HallCommand.IssueTicket(1 + (i % 4)), 1).Ticket);
        }

        Assert.Equal(tickets, hall.GetWindowQueue(window, hall.Now).Tickets.Select(t => t.Ticket));
        foreach (var expected in tickets)
        {
            Assert.Equal(expected, hall.Call(window, 2));
            hall.Do(HallCommand.Cancel(expected), 2);
        }
    }

    // Add 1: a redefinition that shortens an idle auto window's category overflow delay below what a ticket has waited
    // has the window take it at once; one that lengthens it moves the window's next look (NextDue) later.
    [Fact]
    public void Redefine_CategoryOverflowDelayChangedAtAnIdleAutoWindow_CallsByTheNewDelay()
    {
        var d = Hall(new WindowSkill { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = Ten }, new WindowSkill { Category = "A" });
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, clerk: 1, auto: true), 0);
        var t = hall.Do(HallCommand.IssueTicket(3), 0).Ticket;
        Assert.Equal(At(10), hall.NextDue);

        var longer = d with { Windows = [new() { Id = 1, Skills = [new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(20) }, new() { Category = "A" }] }, d.Windows[1]] };
        var r = hall.Redefine(longer, At(1));
        Assert.Equal(At(20), r.NextDue);

        var shorter = d with { Windows = [new() { Id = 1, Skills = [new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = Two }, new() { Category = "A" }] }, d.Windows[1]] };
        r = r.Redefine(shorter, At(3));
        if (r.StateOf(t, 3) != TicketState.Called)
        {
            Assert.Equal(At(3), r.NextDue); // or at the latest at its next look, now
            r.Do(HallCommand.Tick(), 3);
        }

        Assert.Equal((TicketState.Called, 1), (r.Query(t, 3).State, r.Query(t, 3).Window));
    }

    // One visit, several items: after its first item the ticket queues for the next, in another category, keeping its
    // standing, so the window serving that category whole takes it ahead of a ticket issued after it.
    [Fact]
    public void Finish_NextItemInAnotherCategory_KeepsItsStandingAtTheCategoryWindow()
    {
        var d = Hall(new WindowSkill { Category = "A" }) with
        {
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }] }, new() { Id = 2, Skills = [new() { Category = "B" }] }],
        };
        var hall = Open(d, 1, 2);
        var visit = hall.Issue(0, new ServiceItemList([1, 3]));
        var later = hall.Issue(5, 4);
        hall.Serve(1, 6);
        hall.Do(HallCommand.Finish(1), 8);
        Assert.Equal([visit, later], hall.GetWindowQueue(2, hall.Now).Tickets.Select(t => t.Ticket));
        Assert.Equal(visit, hall.Call(2, 9));
    }
}
