namespace QueueCore.Tests.Audit;

/// <summary>Positions as documented on <see cref="CommandResult.Position"/>: exact near either end of each class's
/// queue, an estimate deeper inside.</summary>
public sealed class PositionAuditTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "positions",
        Categories = [new() { Id = "A", Prefix = "A", NumberWidth = 4 }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }],
        Priority = new() { MaxWait = null },
    };

    [Theory]
    [InlineData(100, 100)]
    [InlineData(40, 3)]
    [InlineData(3, 200)]
    [InlineData(33, 33)]
    public void QueryPosition_ExactNearTheEndsOfEveryClassQueue(int normal, int elderly)
    {
        var hall = AuditKit.Open(Hall(), auto: false);
        var klass = new Dictionary<long, int>();
        var n = Math.Max(normal, elderly);
        for (var i = 0; i < n; i++)
        {
            if (i < normal)
            {
                klass[hall.Issue(i * 0.5, 1)] = 0;
            }

            if (i < elderly)
            {
                klass[hall.Issue(i * 0.5 + 0.25, 1, age: 80)] = 1;
            }
        }

        var order = hall.GetServiceQueue(1, 0, 1000).Tickets.Select(q => q.Ticket).ToList();
        Assert.Equal(normal + elderly, order.Count);
        int[] size = [normal, elderly];
        for (var k = 0; k < order.Count; k++)
        {
            var t = order[k];
            var aheadNormal = order.Take(k).Count(x => klass[x] == 0);
            var aheadElderly = k - aheadNormal;
            var near = Math.Min(aheadNormal, size[0] - aheadNormal) <= 15 && Math.Min(aheadElderly, size[1] - aheadElderly) <= 15;
            var position = hall.Ok(HallCommand.QueryTicket(t), n).Position;
            if (near)
            {
                Assert.True(k == position, $"ticket {k} of {order.Count} ({(klass[t] == 0 ? "normal" : "elderly")}): position {position}, {k} rank ahead");
            }
            else
            {
                Assert.InRange(position, 0, order.Count - 1);
            }
        }
    }
}
