namespace QueueCore.Tests.Audit;

/// <summary>Third audit: the interleave ratio kept by each of several windows over a long run, as documented.</summary>
public sealed class InterleaveWindowsAuditTests
{
    private static HallDefinition Hall(InterleaveRule rule) => new()
    {
        Id = "interleave-windows",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [.. Enumerable.Range(1, 3).Select(i => new WindowDefinition { Id = i, Skills = [new() { Service = 1 }] })],
        Priority = new() { Interleave = rule, MaxWait = null },
    };

    [Theory]
    [InlineData(1, 2, 150, 300)]
    [InlineData(3, 1, 300, 100)]
    public void ThreeWindowsInTurn_EachKeepsTheRatio_NoTicketLostOrTwice(int priorityCalls, int normalCalls, int priority, int normal)
    {
        var hall = AuditKit.Open(Hall(new() { PriorityCalls = priorityCalls, NormalCalls = normalCalls }), auto: false, 1, 2, 3);
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

        var perWindow = new Dictionary<int, System.Text.StringBuilder> { [1] = new(), [2] = new(), [3] = new() };
        var called = new HashSet<long>();
        var total = priority + normal;
        for (var m = 1; m <= total; m++)
        {
            var w = ((m - 1) % 3) + 1;
            var t = hall.Ok(HallCommand.CallNext(w), m).Ticket;
            Assert.True(called.Add(t), $"ticket {t} called twice");
            hall.Ok(HallCommand.StartServing(w), m);
            hall.Ok(HallCommand.Finish(w), m);
            perWindow[w].Append(classes[t]);
        }

        Assert.Equal(total, called.Count);
        var pattern = new string('P', priorityCalls) + new string('N', normalCalls);
        foreach (var (w, order) in perWindow)
        {
            // While both classes wait, each window's own calls follow the pattern (the tail, when one class ran out, aside).
            var s = order.ToString();
            var both = s[..(s.Length * 2 / 3 / pattern.Length * pattern.Length)];
            Assert.True(both == string.Concat(Enumerable.Repeat(pattern, both.Length / pattern.Length)), $"window {w}: {s}");
        }
    }
}
