using CsCheck;

namespace QueueCore.Tests.Properties;

/// <summary>
/// Long random command sequences applied to the hall and to <see cref="ReferenceScheduler"/>: the same calls
/// must come out, and the invariants users notice must hold at every step.
/// </summary>
public class HallModelProperties
{
    private static readonly string[] ClassIds = ["green", "elderly", "appointment", "key-enterprise", "normal"];

    private static HallDefinition Definition(int? interleave) => new()
    {
        Id = "model",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [.. Enumerable.Range(1, 6).Select(i => new ServiceItem { Id = i, Category = i <= 3 ? "A" : "B" })],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Service = 1 }, new() { Service = 2 }, new() { Service = 3 }] },
            new() { Id = 3, Skills = [new() { Service = 4 }, new() { Service = 5 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
            new() { Id = 4, Skills = [new() { Service = 6 }, new() { Service = 2 }], DedicatedClass = "elderly" },
            new() { Id = 5, Skills = [new() { Service = 6 }, new() { Service = 3, Tier = SkillTier.Overflow }] },
        ],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(25), InterleaveAfter = interleave },
        NoShow = new NoShowPolicy { MaxRecalls = 1, RequeuePlacesBack = 2, MaxNoShows = 2, PauseWindowAfter = 0 },
        Park = new ParkPolicy { AutoResumeAfter = null },
    };

    [Fact]
    public void RandomTraffic_MatchesReferenceModel() =>
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, int.MaxValue].Array[100, 600])
            .Sample(x => Run(x.Item1 == 0 ? null : 2, x.Item2), iter: 200, threads: 1);

    [Fact]
    public void LongTraffic_ExercisesEveryDispatchRule()
    {
        var random = new Random(20261123);
        var stats = Run(2, [.. Enumerable.Range(0, 20_000).Select(_ => random.Next())]);
        Assert.True(stats.Calls > 1000, $"only {stats.Calls} calls");
        Assert.True(stats.Overdue > 0, "no call took an overdue ticket");
        Assert.True(stats.Overflow > 0, "no call used an overflow skill");
        Assert.True(stats.PriorityOverEarlierNormal > 0, "no priority ticket passed an earlier normal one");
    }

    private sealed class Stats
    {
        public int Calls, Overdue, Overflow, PriorityOverEarlierNormal;
    }

    private static Stats Run(int? interleave, int[] ops)
    {
        var stats = new Stats();
        var definition = Definition(interleave);
        var hall = new Hall(definition);
        var model = new ReferenceScheduler(definition);
        var now = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        Assert.True(hall.Apply(HallCommand.OpenDay(), now).IsSuccess);
        foreach (var w in definition.Windows)
        {
            Assert.True(hall.Apply(HallCommand.OpenWindow(w.Id, clerk: w.Id), now).IsSuccess);
        }

        var served = new HashSet<(long, int)>();
        var issued = new List<long>();
        var numbers = new HashSet<string>();
        foreach (var op in ops)
        {
            now = now.AddSeconds(op % 97 * 2);
            var ticks = now.UtcTicks;
            var window = 1 + (op / 7 % 5);
            var mw = model.WindowOf(window);
            switch (op / 1000 % 12)
            {
                case < 4:
                {
                    int[] items = op % 3 == 0 ? [1 + (op % 6), 1 + ((op / 11) % 6)] : [1 + (op % 6)];
                    items = [.. items.Distinct()];
                    var cls = op / 50 % 8 < 5 ? op / 50 % 8 : 4;
                    var r = hall.Apply(HallCommand.IssueTicket(new ServiceItemList(items), priorityClass: ClassIds[cls]), now);
                    Assert.True(r.IsSuccess, r.ToString());
                    Assert.True(numbers.Add(r.Number.ToString()), $"number {r.Number} issued twice");
                    model.Issue(r.Ticket, items, cls, ticks);
                    issued.Add(r.Ticket);
                    break;
                }

                case < 7:
                {
                    var expected = mw.Current is null ? model.Choose(mw, ticks) : null;
                    var r = hall.Apply(HallCommand.CallNext(window), now);
                    Assert.Equal(expected is not null, r.IsSuccess);
                    if (expected is null)
                    {
                        break;
                    }

                    Assert.True(expected.Id == r.Ticket, $"window {window} called {r.Number} ({r.Ticket}); the model expected {expected.Id}");
                    CheckCallInvariants(model, mw, expected, ticks, definition.Priority.MaxWait!.Value.Ticks);
                    stats.Calls++;
                    stats.Overdue += ticks - model.Standing(expected) >= definition.Priority.MaxWait!.Value.Ticks ? 1 : 0;
                    stats.Overflow += model.Level(mw, expected, ticks) == 2 ? 1 : 0;
                    stats.PriorityOverEarlierNormal += expected.Class != model.Normal
                        && model.Waiting.Any(u => u.Class == model.Normal && u.Serial < expected.Serial && model.Level(mw, u, ticks) == 1) ? 1 : 0;
                    model.Call(mw, expected);
                    break;
                }

                case 7:
                {
                    var ok = mw.Current is not null && !mw.Serving;
                    Assert.Equal(ok, hall.Apply(HallCommand.StartServing(window), now).IsSuccess);
                    if (ok)
                    {
                        mw.Serving = true;
                        mw.Current!.State = TicketState.Serving;
                        Assert.True(served.Add((mw.Current!.Id, mw.Current.ItemIndex)), "an item was served twice");
                    }

                    break;
                }

                case 8:
                {
                    var ok = mw.Current is not null && mw.Serving;
                    Assert.Equal(ok, hall.Apply(HallCommand.Finish(window), now).IsSuccess);
                    if (ok)
                    {
                        model.Finish(mw);
                    }

                    break;
                }

                case 9:
                {
                    var ok = mw.Current is not null && !mw.Serving;
                    Assert.Equal(ok, hall.Apply(HallCommand.NoShow(window), now).IsSuccess);
                    if (ok)
                    {
                        model.NoShow(mw);
                    }

                    break;
                }

                case 10 when issued.Count > 0:
                {
                    var t = model.All[issued[op % issued.Count]];
                    var ok = t.State is TicketState.Waiting or TicketState.Called;
                    Assert.Equal(ok, hall.Apply(HallCommand.Cancel(t.Id), now).IsSuccess);
                    if (ok)
                    {
                        if (t.State == TicketState.Called)
                        {
                            model.WindowOf(t.Window).Current = null;
                        }

                        model.Waiting.Remove(t);
                        t.State = TicketState.Cancelled;
                    }

                    break;
                }

                default:
                {
                    var ok = mw.Current is not null && !mw.Serving && mw.Current.Recalls < definition.NoShow.MaxRecalls;
                    Assert.Equal(ok, hall.Apply(HallCommand.Recall(window), now).IsSuccess);
                    if (ok)
                    {
                        mw.Current!.Recalls++;
                    }

                    break;
                }
            }

            // None lost: every ticket the model says waits, waits in the hall too, in the same state.
            Assert.Equal(model.Waiting.Count, hall.TotalWaiting);
        }

        foreach (var t in model.All.Values)
        {
            var state = hall.Apply(HallCommand.QueryTicket(t.Id), now).State;
            var retiredLongAgo = state == TicketState.None && t.State is TicketState.Completed or TicketState.Cancelled or TicketState.NoShow;
            Assert.True(retiredLongAgo || state == t.State, $"ticket {t.Id} is {state} in the hall, {t.State} in the model");
        }

        return stats;
    }

    /// <summary>FIFO within (item, class), and the max-wait guarantee, checked without the model's choice.</summary>
    private static void CheckCallInvariants(ReferenceScheduler model, ReferenceScheduler.Window w, ReferenceScheduler.Ticket called, long now, long maxWait)
    {
        Assert.DoesNotContain(model.Waiting, u => u != called && u.Service == called.Service && u.Class == called.Class
                                                  && ReferenceScheduler.Less(u, called));
        var calledOverdue = now - model.Standing(called) >= maxWait;
        Assert.True(calledOverdue || !model.Waiting.Any(u => model.Level(w, u, now) > 0 && now - model.Standing(u) >= maxWait),
            $"window {w.Definition.Id} called {called.Id} while an overdue ticket it may serve waited");
    }
}
