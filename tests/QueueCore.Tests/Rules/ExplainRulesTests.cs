using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md dispatch rule 7: a window's queue view is the order its calls then take.</summary>
public class ExplainRulesTests
{
    public static TheoryData<string> Settings => ["plain", "interleave3", "interleave1to2", "dedicated", "maxwait", "all"];

    private static HallDefinition Hall(string setting)
    {
        var w1 = new WindowDefinition
        {
            Id = 1,
            DedicatedClass = setting is "dedicated" or "all" ? PriorityPolicy.Elderly : null,
            Skills = [new() { Service = 1 }, new() { Service = 2 }, new() { Service = 3, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(15) }],
        };
        var policy = new PriorityPolicy
        {
            MaxWait = setting is "maxwait" or "all" ? TimeSpan.FromMinutes(40) : null,
            InterleaveAfter = setting is "interleave3" or "all" ? 3 : null,
            Interleave = setting == "interleave1to2" ? new() { PriorityCalls = 1, NormalCalls = 2 } : null,
        };
        return Define(3, w1, Window(2, 3)) with { Priority = policy };
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void GetWindowQueue_IsTheOrderTheWindowThenCalls(string setting)
    {
        var hall = Open(Hall(setting), windows: 1);
        // A mixed morning: three items (item 3 overflow at window 1 after 15 min), four classes, ties at one instant.
        var arrivals = new (double At, int Item, byte Age, TicketFlags Flags)[]
        {
            (0, 1, 0, 0), (0, 2, 70, 0), (1, 3, 0, 0), (2, 1, 0, TicketFlags.KeyEnterprise), (2, 2, 0, 0), (3, 3, 70, 0),
            (5, 1, 0, TicketFlags.GreenChannel), (8, 2, 0, 0), (10, 1, 80, 0), (12, 3, 0, 0), (15, 2, 0, 0), (15, 1, 0, 0),
            (18, 2, 0, TicketFlags.KeyEnterprise), (20, 1, 0, 0), (25, 3, 0, 0), (30, 2, 70, 0), (33, 1, 0, 0), (35, 2, 0, 0),
        };
        foreach (var (at, item, age, flags) in arrivals)
        {
            hall.Ok(HallCommand.IssueTicket(item, age, flags), at);
        }

        const double now = 45;
        var view = hall.GetWindowQueue(1, At(now), 0, 100);
        var eligibleNow = view.Tickets.Where(t => t.EligibleAt is null || t.EligibleAt <= At(now)).Select(t => t.Ticket).ToList();

        Assert.Equal(arrivals.Length, eligibleNow.Count); // by 45 every item-3 ticket is past its 15 minutes
        var calls = hall.Drain(1, now, arrivals.Length);

        Assert.Equal(eligibleNow, calls);
    }
}
