using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md dispatch rules 2 (head start), 3 (starvation guard) and 4 (ties); docs/dispatch.md "Standing".</summary>
public class PriorityRulesTests
{
    private static HallDefinition OneWindow(Func<PriorityPolicy, PriorityPolicy>? policy = null)
    {
        var d = Define(1, Window(1, 1));
        return d with { Priority = policy is null ? d.Priority : policy(d.Priority) };
    }

    [Theory]
    [InlineData(9.999, true)] // issued less than its 10-minute head start after the normal ticket: passes it
    [InlineData(10, false)] // exactly its head start after: equal standing, the earlier issue goes first
    [InlineData(10.001, false)]
    public void CallNext_ElderlyIssuedAroundItsHeadStartAfterANormal_PassesOnlyWhenLessThanTheHeadStart(double elderlyAt, bool passes)
    {
        var hall = Open(OneWindow(), windows: 1);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(elderlyAt, age: 70);

        Assert.Equal(passes ? [elderly, normal] : [normal, elderly], hall.Drain(1, 20, 2));
    }

    [Theory]
    [InlineData(4.999, true)] // aging rate 2: the 10-minute head start is worth 5 minutes of issue time
    [InlineData(5, false)]
    public void CallNext_AgingRateTwo_HeadStartBoundIsHeadStartOverRate(double elderlyAt, bool passes)
    {
        var hall = Open(OneWindow(p => p with { AgingRate = 2 }), windows: 1);
        var normal = hall.Issue(0);
        var elderly = hall.Issue(elderlyAt, age: 70);

        Assert.Equal(passes ? [elderly, normal] : [normal, elderly], hall.Drain(1, 20, 2));
    }

    [Fact]
    public void CallNext_HeadStartBound_HoldsHoweverLongBothWait()
    {
        // The order is time-invariant: the same two tickets called after 2 or after 50 minutes come in one order.
        foreach (var callAt in new[] { 11.0, 50.0 })
        {
            var hall = Open(OneWindow(), windows: 1);
            var elderly = hall.Issue(0, age: 70); // ranks as if issued at -10
            var normal = hall.Issue(0.5);
            var green = hall.Issue(1, flags: TicketFlags.GreenChannel); // 60 min head start: ranks as if issued at -59

            Assert.Equal([green, elderly, normal], hall.Drain(1, callAt, 3));
        }
    }

    [Theory]
    [InlineData(29.999, false)]
    [InlineData(30, true)] // waited the maximum wait: outranks every class
    public void CallNext_NormalAtMaxWait_OutranksGreenChannel(double callAt, bool normalFirst)
    {
        var hall = Open(OneWindow(p => p with { MaxWait = TimeSpan.FromMinutes(30) }), windows: 1);
        var normal = hall.Issue(0);
        var green = hall.Issue(25, flags: TicketFlags.GreenChannel);

        Assert.Equal(normalFirst ? [normal, green] : [green, normal], hall.Drain(1, callAt, 2));
    }

    [Fact]
    public void CallNext_SeveralOverdue_OldestFirstThenTheLongerHeadStartOfTwoEquallyOld()
    {
        var hall = Open(OneWindow(p => p with { MaxWait = TimeSpan.FromMinutes(30) }), windows: 1);
        var normal0 = hall.Issue(0);
        var elderly0 = hall.Issue(0, age: 70);
        var normalMinus = hall.Issue(1);
        var green = hall.Issue(40, flags: TicketFlags.GreenChannel); // not overdue, but ranks as if issued at -20

        // At 45: normal0, elderly0 (issued 0) and normalMinus (issued 1) are overdue, green is not.
        Assert.Equal([elderly0, normal0, normalMinus, green], hall.Drain(1, 45, 4));
    }

    [Fact]
    public void CallNext_TicketsIssuedAtOneInstant_GoInIssueOrderWithinAClass()
    {
        var hall = Open(OneWindow(), windows: 1);
        var n1 = hall.Issue(3);
        var e1 = hall.Issue(3, age: 70);
        var n2 = hall.Issue(3);
        var e2 = hall.Issue(3, age: 80);
        var n3 = hall.Issue(3);

        Assert.Equal([e1, e2, n1, n2, n3], hall.Drain(1, 4, 5));
    }

    [Fact]
    public void CallNext_EqualEffectivePriority_EarlierIssueFirstNotNewestFirst()
    {
        // Elderly at 10 and normal at 0 stand equal (key 0); a key-enterprise ticket (5 min) at 5 stands equal too.
        var hall = Open(OneWindow(), windows: 1);
        var normal = hall.Issue(0);
        var key = hall.Issue(5, flags: TicketFlags.KeyEnterprise);
        var elderly = hall.Issue(10, age: 70);

        Assert.Equal([normal, key, elderly], hall.Drain(1, 11, 3));
    }

    [Fact]
    public void CallNext_InterleaveThreePriorityOneNormal_LongRun()
    {
        var hall = Open(OneWindow(p => p with { InterleaveAfter = 3 }), windows: 1);
        var elderly = Enumerable.Range(0, 9).Select(i => hall.Issue(1 + (i * 0.01), age: 70)).ToList();
        var normal = Enumerable.Range(0, 6).Select(i => hall.Issue(2 + (i * 0.01))).ToList();

        // E E E N E E E N E E E N, then the normal ones left.
        long[] expected = [elderly[0], elderly[1], elderly[2], normal[0], elderly[3], elderly[4], elderly[5], normal[1],
            elderly[6], elderly[7], elderly[8], normal[2], normal[3], normal[4], normal[5]];
        Assert.Equal(expected, hall.Drain(1, 3, 15));
    }

    [Fact]
    public void CallNext_InterleaveTwoNormalPerPriority_LongRun()
    {
        var hall = Open(OneWindow(p => p with { Interleave = new() { PriorityCalls = 1, NormalCalls = 2 } }), windows: 1);
        var elderly = Enumerable.Range(0, 8).Select(i => hall.Issue(1 + (i * 0.01), age: 70)).ToList();
        var normal = Enumerable.Range(0, 8).Select(i => hall.Issue(2 + (i * 0.01))).ToList();

        // E N N E N N E N N E N N (normals run out after 4 rounds), then the elderly left.
        long[] expected = [elderly[0], normal[0], normal[1], elderly[1], normal[2], normal[3], elderly[2], normal[4], normal[5],
            elderly[3], normal[6], normal[7], elderly[4], elderly[5], elderly[6], elderly[7]];
        Assert.Equal(expected, hall.Drain(1, 3, 16));
    }

    [Fact]
    public void CallNext_InterleaveWithMaxWait_AnOverdueTicketStillComesFirst()
    {
        // One normal after every priority call, but an elderly ticket past the max wait outranks the normal one owed.
        var hall = Open(OneWindow(p => p with { InterleaveAfter = 1, MaxWait = TimeSpan.FromMinutes(30) }), windows: 1);
        var e1 = hall.Issue(0, age: 70);
        var e2 = hall.Issue(0.5, age: 70);
        var n1 = hall.Issue(20);

        Assert.Equal(e1, hall.Next(1, 31));
        hall.Done(1, 31);
        Assert.Equal([e2, n1], hall.Drain(1, 31, 2)); // e2 is overdue (waited 30.5): before the normal call owed
    }

    [Fact]
    public void CallNext_InterleaveThreePriorityTwoNormal_MixedPriorityClassesCountAsPriority()
    {
        var hall = Open(OneWindow(p => p with { Interleave = new() { PriorityCalls = 3, NormalCalls = 2 } }), windows: 1);
        var green = hall.Issue(1, flags: TicketFlags.GreenChannel);
        var elderly = Enumerable.Range(0, 3).Select(i => hall.Issue(1.1 + (i * 0.01), age: 70)).ToList();
        var key = Enumerable.Range(0, 2).Select(i => hall.Issue(1.2 + (i * 0.01), flags: TicketFlags.KeyEnterprise)).ToList();
        var normal = Enumerable.Range(0, 5).Select(i => hall.Issue(2 + (i * 0.01))).ToList();

        // G E E | N N | E K K | N N | N
        long[] expected = [green, elderly[0], elderly[1], normal[0], normal[1], elderly[2], key[0], key[1], normal[2], normal[3], normal[4]];
        Assert.Equal(expected, hall.Drain(1, 3, 11));
    }
}
