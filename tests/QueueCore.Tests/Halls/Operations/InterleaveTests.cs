using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>The interleave ratio, both ways, over long runs with both kinds of ticket always waiting.</summary>
public class InterleaveTests
{
    private static Hall Hall(InterleaveRule? rule = null, int? after = null) =>
        Open(OneItem(d => d with { Priority = d.Priority with { Interleave = rule, InterleaveAfter = after, MaxWait = null } }), 1);

    /// <summary>Keeps 5 elderly and 5 normal tickets waiting and records the class of each of <paramref name="calls"/> calls.</summary>
    private static string Calls(Hall hall, int calls)
    {
        var minute = 0.0;
        for (var i = 0; i < 5; i++)
        {
            hall.Issue(minute, age: 70);
            hall.Issue(minute);
        }

        var pattern = new System.Text.StringBuilder();
        for (var i = 0; i < calls; i++)
        {
            minute += 0.01;
            var called = hall.Do(HallCommand.CallNext(1), minute);
            var elderly = hall.Single(HallEventKind.TicketCalled).PriorityClass == PriorityPolicy.Elderly;
            pattern.Append(elderly ? 'P' : 'N');
            hall.Do(HallCommand.Cancel(called.Ticket), minute);
            hall.Issue(minute, age: (byte)(elderly ? 70 : 30)); // replace it: both kinds always wait
        }

        return pattern.ToString();
    }

    [Fact]
    public void CallNext_NoRule_PriorityAlwaysFirst() => Assert.Equal(new string('P', 30), Calls(Hall(), 30));

    [Fact]
    public void CallNext_TwoNormalForEachPriority_KeepsTheRatioOverALongRun()
    {
        var pattern = Calls(Hall(new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 }), 3000);
        Assert.Equal(string.Concat(Enumerable.Repeat("PNN", 1000)), pattern);
    }

    [Fact]
    public void CallNext_OneNormalAfterThreePriority_KeepsTheRatioOverALongRun()
    {
        var pattern = Calls(Hall(new InterleaveRule { PriorityCalls = 3, NormalCalls = 1 }), 4000);
        Assert.Equal(string.Concat(Enumerable.Repeat("PPPN", 1000)), pattern);
    }

    [Fact]
    public void CallNext_InterleaveAfterShorthand_SameAsOneNormalAfterN()
    {
        Assert.Equal(Calls(Hall(new InterleaveRule { PriorityCalls = 2, NormalCalls = 1 }), 600), Calls(Hall(after: 2), 600));
    }

    /// <summary>
    /// The rule's count starts from none when a window opens and again when a day opens: a window left open overnight,
    /// or closed and opened again, does not carry its earlier priority calls into its next ones.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CallNext_CountRestartsWhenTheDayOrTheWindowOpens(bool newDay)
    {
        var hall = Hall(new InterleaveRule { PriorityCalls = 3, NormalCalls = 1 });
        Assert.Equal("PP", Calls(hall, 2)); // two priority calls counted; a third would make the next one normal
        if (newDay)
        {
            hall.Do(HallCommand.CloseDay(), 1); // the window stays open overnight
            hall.Do(HallCommand.OpenDay(), 600);
        }
        else
        {
            hall.Do(HallCommand.CloseWindow(1), 1);
            hall.Do(HallCommand.OpenWindow(1, clerk: 101), 2);
        }

        Assert.Equal("PPPN", Calls(hall, 4)); // not "PN": the count began again
    }

    [Fact]
    public void CallNext_NoNormalWaiting_OwedNormalCallsAreDropped()
    {
        var hall = Hall(new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 });
        var p1 = hall.Issue(0, age: 70);
        var p2 = hall.Issue(0, age: 70);
        Assert.Equal(p1, hall.Call(1, 1)); // a priority call: two normal calls are now owed
        hall.Do(HallCommand.Cancel(p1), 1);
        Assert.Equal(p2, hall.Call(1, 2)); // no normal ticket waits: the priority one is called, the debt dropped
        hall.Do(HallCommand.Cancel(p2), 2);
        var n = hall.Issue(3);
        var p3 = hall.Issue(3, age: 70);
        Assert.Equal(n, hall.Call(1, 4)); // the priority call above made two normal calls owed again
        hall.Do(HallCommand.Cancel(n), 4);
        Assert.Equal(p3, hall.Call(1, 5));
    }

    /// <summary>
    /// Window 1 serves item 1 first and item 2 as overflow after 5 minutes; item 1's queue is mostly elderly, item 2's
    /// mostly normal, so the window is often owed a normal call while the only normal tickets it could take wait on its
    /// overflow item. Overflow helps other queues only when the window's own are empty: the owed call neither takes such
    /// a ticket ahead of the window's primary ones nor stays owed because of it (it is dropped, as when no normal ticket
    /// waits). Each of 3,000 calls, and the first ticket of the window's queue view, is compared with a plain scan.
    /// </summary>
    [Theory]
    [InlineData(1, 2, 11)]
    [InlineData(3, 1, 12)]
    [InlineData(2, 2, 13)]
    public void CallNext_NormalTicketsOnlyOnOverflowItems_MatchesTheReferenceOverALongRun(int priorityCalls, int normalCalls, int seed)
    {
        var delay = TimeSpan.FromMinutes(5);
        var definition = OneItem(d => d with
        {
            Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }],
            Windows =
            [
                new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = delay }] },
                new() { Id = 2, Skills = [new() { Service = 2 }] }, // item 2's own window, closed all along
            ],
            Priority = d.Priority with { Interleave = new() { PriorityCalls = priorityCalls, NormalCalls = normalCalls }, MaxWait = null },
        });
        var hall = Open(definition, 1);
        var elderlyHeadStart = definition.Priority.Classes.Single(c => c.Id == PriorityPolicy.Elderly).HeadStart.Ticks;
        var waiting = new List<(long Id, int Item, bool Normal, long Rank, long IssuedAt)>();
        var random = new Random(seed);
        var now = T0;
        int run = 0, owed = 0, owedNormalTurnsSkipped = 0;
        for (var step = 0; step < 3000; step++)
        {
            now = now.AddSeconds(20 + random.Next(60));
            foreach (var (item, share) in new[] { (1, 0.55), (2, 0.4) })
            {
                if (random.NextDouble() < share)
                {
                    var normal = random.NextDouble() < (item == 1 ? 0.2 : 0.9);
                    var r = hall.Apply(HallCommand.IssueTicket(item, age: (byte)(normal ? 30 : 70)), now);
                    Assert.True(r.IsSuccess, r.ToString());
                    waiting.Add((r.Ticket, item, normal, now.UtcTicks - (normal ? 0 : elderlyHeadStart), now.UtcTicks));
                }
            }

            // The reference: primary items while any of their tickets waits, else overflow items past their delay; in
            // the level, the best normal ticket while normal calls are owed, else the best; ties by issue order.
            var primary = waiting.Where(t => t.Item == 1).ToList();
            var level = primary.Count > 0 ? primary : [.. waiting.Where(t => t.Item == 2 && now.UtcTicks - t.IssuedAt >= delay.Ticks)];
            var best = level.OrderBy(t => t.Rank).ThenBy(t => t.Id).Cast<(long Id, int Item, bool Normal, long Rank, long IssuedAt)?>().FirstOrDefault();
            var bestNormal = level.Where(t => t.Normal).OrderBy(t => t.Rank).ThenBy(t => t.Id).Cast<(long Id, int Item, bool Normal, long Rank, long IssuedAt)?>().FirstOrDefault();
            var expected = owed > 0 && bestNormal is not null ? bestNormal : best;

            hall.Apply(HallCommand.Tick(), now); // the view reads the hall's clock: bring it to the call's instant
            var view = hall.GetWindowQueue(1, hall.Now, 0, 1);
            var call = hall.Apply(HallCommand.CallNext(1), now);
            if (expected is not { } pick)
            {
                Assert.Equal(QueueError.NothingWaiting, call.Error);
                continue;
            }

            Assert.True(call.IsSuccess, $"step {step}: {call}");
            Assert.True(pick.Id == call.Ticket, $"step {step}: expected ticket {pick.Id} (item {pick.Item}, {(pick.Normal ? "normal" : "elderly")}), the hall called {call.Ticket}; owed {owed}, run {run}");
            Assert.Equal(pick.Id, view.Tickets[0].Ticket);
            owedNormalTurnsSkipped += owed > 0 && bestNormal is null && waiting.Any(t => t.Normal && t.Item == 2 && now.UtcTicks - t.IssuedAt >= delay.Ticks) ? 1 : 0;
            if (pick.Normal)
            {
                (run, owed) = (0, Math.Max(0, owed - 1));
            }
            else
            {
                owed = owed > 0 && bestNormal is null ? 0 : owed;
                if (owed == 0 && ++run >= priorityCalls)
                {
                    (run, owed) = (0, normalCalls);
                }
            }

            waiting.RemoveAll(t => t.Id == pick.Id);
            Assert.True(hall.Apply(HallCommand.Cancel(pick.Id), now).IsSuccess);
        }

        Assert.InRange(owedNormalTurnsSkipped, 50, 3000); // the case in question came up often
    }

    [Fact]
    public void HallDefinition_BothInterleaveSettings_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Hall(new InterleaveRule(), after: 2));
        Assert.Contains("not both", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetWindowQueue_InterleaveRule_ExplainsTheNormalTurn()
    {
        var hall = Hall(new InterleaveRule { PriorityCalls = 1, NormalCalls = 1 });
        var p1 = hall.Issue(0, age: 70);
        var p2 = hall.Issue(0, age: 70);
        var n1 = hall.Issue(1);
        var view = hall.GetWindowQueue(1, hall.Now);
        Assert.Equal([p1, n1, p2], view.Tickets.Select(t => t.Ticket));
        Assert.Equal([QueueReason.Primary, QueueReason.Interleave, QueueReason.Primary], view.Tickets.Select(t => t.Reason));
        Assert.Equal(p1, hall.Call(1, 2)); // the view is the order the window really calls in
        hall.Do(HallCommand.Cancel(p1), 2);
        Assert.Equal(n1, hall.Call(1, 3));
    }
}
