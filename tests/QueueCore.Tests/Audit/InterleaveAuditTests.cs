namespace QueueCore.Tests.Audit;

/// <summary>The interleave ratio both ways, over long runs, as a hall manager sets it.</summary>
public sealed class InterleaveAuditTests
{
    private static HallDefinition Hall(InterleaveRule? rule, int? after = null) => new()
    {
        Id = "interleave",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }],
        Priority = new() { Interleave = rule, InterleaveAfter = after, MaxWait = null },
    };

    /// <summary>Calls every ticket at window 1, one a minute; returns 'P' or 'N' per call.</summary>
    private static string Run(HallDefinition d, int priority, int normal)
    {
        var hall = AuditKit.Open(d, auto: false, 1);
        var classes = new Dictionary<long, char>();
        for (var i = 0; i < Math.Max(priority, normal); i++)
        {
            if (i < priority)
            {
                classes[hall.Issue(0, 1, age: 80)] = 'P';
            }

            if (i < normal)
            {
                classes[hall.Issue(0, 1)] = 'N';
            }
        }

        var order = new System.Text.StringBuilder();
        for (var m = 1; m <= priority + normal; m++)
        {
            var t = hall.Ok(HallCommand.CallNext(1), m).Ticket;
            hall.Ok(HallCommand.StartServing(1), m);
            hall.Ok(HallCommand.Finish(1), m);
            order.Append(classes[t]);
        }

        return order.ToString();
    }

    [Fact]
    public void TwoNormalPerPriority_LongRun()
    {
        var order = Run(Hall(new() { PriorityCalls = 1, NormalCalls = 2 }), 100, 200);
        Assert.Equal(string.Concat(Enumerable.Repeat("PNN", 100)), order);
    }

    [Fact]
    public void OneNormalAfterThreePriority_LongRun()
    {
        var order = Run(Hall(new() { PriorityCalls = 3, NormalCalls = 1 }), 300, 100);
        Assert.Equal(string.Concat(Enumerable.Repeat("PPPN", 100)), order);
    }

    [Fact]
    public void InterleaveAfterShorthand_SameAsRule()
    {
        Assert.Equal(Run(Hall(new() { PriorityCalls = 2, NormalCalls = 1 }), 60, 60), Run(Hall(null, after: 2), 60, 60));
    }

    [Fact]
    public void QueueView_MatchesCalls_UnderRatio()
    {
        var d = Hall(new() { PriorityCalls = 1, NormalCalls = 2 });
        var hall = AuditKit.Open(d, auto: false, 1);
        for (var i = 0; i < 10; i++)
        {
            hall.Issue(0, 1, age: 80);
            hall.Issue(0, 1);
            hall.Issue(0, 1);
        }

        for (var m = 1; m <= 30; m++)
        {
            var view = hall.GetWindowQueue(1, 0, 50);
            var t = hall.Ok(HallCommand.CallNext(1), m).Ticket;
            Assert.Equal(view.Tickets[0].Ticket, t);
            hall.Ok(HallCommand.StartServing(1), m);
            hall.Ok(HallCommand.Finish(1), m);
        }
    }

    [Fact]
    public void QueueView_FullOrder_MatchesCallOrder()
    {
        var d = Hall(new() { PriorityCalls = 2, NormalCalls = 3 });
        var hall = AuditKit.Open(d, auto: false, 1);
        for (var i = 0; i < 10; i++)
        {
            hall.Issue(0, 1, age: 80);
            hall.Issue(0, 1);
        }

        hall.Ok(HallCommand.CallNext(1), 1);
        hall.Ok(HallCommand.StartServing(1), 1);
        hall.Ok(HallCommand.Finish(1), 1);
        var view = hall.GetWindowQueue(1, 0, 50).Tickets.Select(q => q.Ticket).ToArray();
        var calls = new List<long>();
        for (var m = 2; m < 2 + view.Length; m++)
        {
            calls.Add(hall.Ok(HallCommand.CallNext(1), m).Ticket);
            hall.Ok(HallCommand.StartServing(1), m);
            hall.Ok(HallCommand.Finish(1), m);
        }

        Assert.Equal(view, calls);
    }
}
