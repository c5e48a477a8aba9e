using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

public class DispatchRulesTests
{
    [Theory]
    [InlineData(9, true)] // issued less than its 10 minutes' head start after: passes the normal ticket
    [InlineData(11, false)]
    public void CallNext_ElderlyHeadStart_PassesOnlyWithinTenMinutes(int elderlyAfter, bool elderlyFirst)
    {
        var hall = Open(OneItem(), 1);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(elderlyAfter, age: 70);
        Assert.Equal(elderlyFirst ? elderly : normal, hall.Call(1, 20));
    }

    [Fact]
    public void CallNext_EqualStanding_EarlierIssueFirst()
    {
        var hall = Open(OneItem(), 1);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(10, age: 70); // exactly its head start later: same rank
        Assert.Equal(normal, hall.Call(1, 11));
        hall.Do(HallCommand.StartServing(1), 11);
        hall.Do(HallCommand.Finish(1), 12);
        Assert.Equal(elderly, hall.Call(1, 12));
    }

    [Fact]
    public void CallNext_SameInstant_IssueOrderBreaksTies()
    {
        var hall = Open(OneItem(), 1);
        var tickets = Enumerable.Range(0, 5).Select(_ => hall.Issue(0, age: 70)).ToArray();
        foreach (var t in tickets)
        {
            Assert.Equal(t, hall.Call(1, 1));
            hall.Do(HallCommand.Cancel(t), 1);
        }
    }

    [Fact]
    public void CallNext_Classes_RankByIssueTimeMinusHeadStart()
    {
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { MaxWait = null } }), 1);
        var normal = hall.Issue(0); // rank 0
        var key = hall.Issue(3, flags: TicketFlags.KeyEnterprise); // rank -2
        var elderly = hall.Issue(8, age: 70); // rank -2, issued later than key
        var appointment = hall.Do(HallCommand.IssueTicket(1, appointment: "x", appointmentSlot: At(12)), 12).Ticket; // rank -3
        var green = hall.Issue(59, flags: TicketFlags.GreenChannel); // rank -1
        Assert.Equal([appointment, key, elderly, green, normal], hall.WaitingOrder(59));
        foreach (var expected in new[] { appointment, key, elderly, green, normal })
        {
            Assert.Equal(expected, hall.Call(1, 60));
            hall.Do(HallCommand.Cancel(expected), 60);
        }
    }

    [Theory]
    [InlineData(59.9, false)]
    [InlineData(60, true)]
    public void CallNext_MaxWait_OverdueTicketOutranksEveryClass(double callAt, bool normalFirst)
    {
        var hall = Open(OneItem(), 1);
        var normal = hall.Issue(0);
        var green = hall.Issue(50, flags: TicketFlags.GreenChannel); // rank -10: ahead of the normal ticket
        Assert.Equal(normalFirst ? normal : green, hall.Call(1, callAt));
    }

    [Fact]
    public void CallNext_NoMaxWait_HeadStartAlwaysWins()
    {
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { MaxWait = null } }), 1);
        hall.Issue(0);
        var green = hall.Issue(50, flags: TicketFlags.GreenChannel);
        Assert.Equal(green, hall.Call(1, 200));
    }

    [Fact]
    public void CallNext_SeveralOverdue_OldestStandingFirst()
    {
        var hall = Open(OneItem(), 1);
        var normal = hall.Issue(3); // standing 3, rank 3
        var elderly = hall.Issue(5, age: 70); // standing 5, rank -5
        Assert.Equal(elderly, hall.WaitingOrder(10)[0]);
        Assert.Equal(normal, hall.Call(1, 70)); // both overdue: the older standing goes first
    }

    [Fact]
    public void CallNext_CustomMaxWait_Honoured()
    {
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { MaxWait = TimeSpan.FromMinutes(20) } }), 1);
        var normal = hall.Issue(0);
        hall.Issue(15, flags: TicketFlags.GreenChannel);
        Assert.Equal(normal, hall.Call(1, 20));
    }

    [Fact]
    public void CallNext_DedicatedWindow_TakesItsClassFirst()
    {
        var d = OneItem(d => d with { Windows = [d.Windows[0], d.Windows[1] with { DedicatedClass = PriorityPolicy.Elderly }] });
        var hall = Open(d, 1, 2);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(30, age: 70); // ranks well behind the normal ticket
        Assert.Equal(elderly, hall.Call(2, 31));
        Assert.Equal(normal, hall.Call(1, 31));
    }

    [Fact]
    public void CallNext_DedicatedWindow_ServesOthersWhenItsClassIsEmpty()
    {
        var d = OneItem(d => d with { Windows = [d.Windows[0], d.Windows[1] with { DedicatedClass = PriorityPolicy.Elderly }] });
        var hall = Open(d, 2);
        var normal = hall.Issue(0);
        Assert.Equal(normal, hall.Call(2, 1));
    }

    [Fact]
    public void CallNext_InterleaveAfterTwo_ThirdCallTakesBestNormal()
    {
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { InterleaveAfter = 2 } }), 1);
        var e1 = hall.Issue(0, age: 70);
        var e2 = hall.Issue(0, age: 70);
        var e3 = hall.Issue(0, age: 70);
        var n1 = hall.Issue(1);
        var e4 = hall.Issue(1, age: 70);
        long[] expected = [e1, e2, n1, e3, e4];
        foreach (var t in expected)
        {
            Assert.Equal(t, hall.Call(1, 2));
            hall.Do(HallCommand.Cancel(t), 2);
        }
    }

    [Fact]
    public void CallNext_InterleaveAfterTwo_WindowOpenOvernight_NewDayCountsFromNone()
    {
        // Window 1 stays open overnight. Its last call of the day was an elderly citizen: one priority call of the two
        // the rule allows in a row. The next morning that call still counted, so after the first elderly citizen of the
        // day the window owed a normal call, and passed over the second one waiting since opening.
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { InterleaveAfter = 2 } }), 1);
        var evening = hall.Issue(0, age: 70);
        Assert.Equal(evening, hall.Call(1, 1));
        hall.Do(HallCommand.StartServing(1), 2);
        hall.Do(HallCommand.Finish(1), 3);
        hall.Do(HallCommand.CloseDay(), 4);
        hall.Do(HallCommand.OpenDay(), 60 * 14);

        var e1 = hall.Issue(60 * 14, age: 70);
        var e2 = hall.Issue(60 * 14, age: 70);
        var n1 = hall.Issue(60 * 14);
        long[] expected = [e1, e2, n1]; // two priority calls, then the normal one: as on the first day
        foreach (var t in expected)
        {
            Assert.Equal(t, hall.Call(1, 60 * 14));
            hall.Do(HallCommand.Cancel(t), 60 * 14);
        }
    }

    [Fact]
    public void CallNext_InterleaveOff_PriorityRunsUnbroken()
    {
        var hall = Open(OneItem(), 1);
        var e1 = hall.Issue(0, age: 70);
        var e2 = hall.Issue(0, age: 70);
        var e3 = hall.Issue(0, age: 70);
        hall.Issue(1);
        foreach (var t in new[] { e1, e2, e3 })
        {
            Assert.Equal(t, hall.Call(1, 2));
            hall.Do(HallCommand.Cancel(t), 2);
        }
    }

    [Fact]
    public void CallNext_Interleave_NoNormalWaiting_PriorityContinues()
    {
        var hall = Open(OneItem(d => d with { Priority = d.Priority with { InterleaveAfter = 1 } }), 1);
        var e1 = hall.Issue(0, age: 70);
        var e2 = hall.Issue(0, age: 70);
        Assert.Equal(e1, hall.Call(1, 1));
        hall.Do(HallCommand.Cancel(e1), 1);
        Assert.Equal(e2, hall.Call(1, 1));
    }

    [Fact]
    public void CallNext_OverflowSkill_OnlyAfterDelay()
    {
        var hall = Open(Small(), 3);
        var a = hall.Issue(0, 1);
        hall.Reject(HallCommand.CallNext(3), 9.9, QueueError.NothingWaiting);
        Assert.Equal(a, hall.Call(3, 10));
    }

    [Fact]
    public void CallNext_OverflowDelay_HeadStartDoesNotShortenIt()
    {
        var hall = Open(Small(), 3);
        var green = hall.Issue(0, 1, flags: TicketFlags.GreenChannel);
        hall.Reject(HallCommand.CallNext(3), 9.9, QueueError.NothingWaiting);
        Assert.Equal(green, hall.Call(3, 10));
    }

    [Fact]
    public void CallNext_PrimaryBeforeOverflow_EvenWithWorseRank()
    {
        var hall = Open(Small(), 3);
        hall.Issue(0, 1); // eligible as overflow from minute 10, better rank
        var social = hall.Issue(19, 3);
        Assert.Equal(social, hall.Call(3, 20));
    }

    [Fact]
    public void CallNext_OverflowTiers_EachWithItsOwnDelay()
    {
        var d = Small(d => d with
        {
            Windows =
            [
                .. d.Windows.Take(2),
                new() { Id = 3, Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) },
                    new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
            ],
        });
        var hall = Open(d, 3);
        var registration = hall.Issue(0, 1);
        var seal = hall.Issue(3, 2);
        hall.Reject(HallCommand.CallNext(3), 7.9, QueueError.NothingWaiting);
        Assert.Equal(seal, hall.Call(3, 9)); // item 2 eligible after 5 min; item 1 not yet
        hall.Do(HallCommand.Cancel(seal), 9);
        var seal2 = hall.Issue(9, 2);
        hall.Do(HallCommand.Cancel(hall.Issue(9, 3)), 9);
        Assert.Equal(registration, hall.Call(3, 15)); // both tiers eligible: best rank across them
        Assert.NotEqual(0, seal2);
    }

    [Fact]
    public void CallNext_OverflowDelay_CountsStandingFromEarlierItem()
    {
        var hall = Open(Small(), 3);
        var t = hall.Issue(0, new ServiceItemList([3, 1]));
        hall.Serve(3, 0);
        hall.Do(HallCommand.Finish(3), 12); // now waits for item 1 with a standing 12 minutes old
        Assert.Equal(t, hall.Call(3, 12));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CallNext_ItemPrimaryAndItsCategoryOverflow_PrimaryWhateverTheOrder(bool categoryFirst)
    {
        // Window 3 takes seal (item 2) as its own work and the rest of category A only after 10 minutes of waiting.
        WindowSkill seal = new() { Service = 2 }, restOfA = new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) };
        var hall = Open(Small(d => d with { Windows = [.. d.Windows.Take(2), new() { Id = 3, Skills = categoryFirst ? [restOfA, seal, new() { Service = 3 }] : [seal, restOfA, new() { Service = 3 }] }] }), 3);
        var registration = hall.Issue(0, 1);
        var stamp = hall.Issue(1, 2);

        Assert.Equal(stamp, hall.Call(3, 2)); // primary at once, though registration ranks better
        hall.Do(HallCommand.StartServing(3), 2);
        hall.Do(HallCommand.Finish(3), 3);
        hall.Reject(HallCommand.CallNext(3), 9, QueueError.NothingWaiting); // registration: overflow, 9 min waited
        Assert.Equal(registration, hall.Call(3, 10));
    }
}
