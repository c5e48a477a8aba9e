using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Issue 10, Add 4 checked from outside without a model: at every call, the head of the window's dispatch-order view
/// is the ticket the call takes, in halls whose windows serve whole categories as primary and as overflow, dedicated
/// windows, comprehensive windows with listed overflow categories, tickets with several items, transfers, no-shows and
/// park, with and without an interleave rule.
/// </summary>
public class QueueViewCallAgreementTests
{
    private static HallDefinition CategoryHall(int seed) => new()
    {
        Id = $"categories-{seed}",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }, new() { Id = "C", Prefix = "C" }],
        Services = [.. Enumerable.Range(1, 8).Select(i => new ServiceItem { Id = i, Category = i <= 3 ? "A" : i <= 6 ? "B" : "C" })],
        Windows =
        [
            new() { Id = 1, Skills = [new() { Category = "A" }, new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(3) }] },
            new() { Id = 2, Skills = [new() { Category = "B" }, new() { Service = 7 }, new() { Category = "A", Tier = SkillTier.Overflow }] },
            new() { Id = 3, Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
            new() { Id = 4, Skills = [new() { Service = 1 }, new() { Category = "C", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
            new() { Id = 5, Skills = [new() { Category = "C" }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(2) }], DedicatedClass = PriorityPolicy.GreenChannel },
            new() { Id = 6, Comprehensive = true, Skills = [new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }] },
            new() { Id = 7, Skills = [new() { Category = "A" }, new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(4) }] },
        ],
        Priority = new PriorityPolicy
        {
            MaxWait = TimeSpan.FromMinutes(30),
            Interleave = (seed % 3) switch
            {
                0 => null,
                1 => new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 },
                _ => new InterleaveRule { PriorityCalls = 2, NormalCalls = 1 },
            },
        },
        NoShow = new NoShowPolicy { MaxRecalls = 0, RequeuePlacesBack = 1 + (seed % 3), MaxNoShows = 2, PauseWindowAfter = 0, CallBackAfter = TimeSpan.Zero },
        Park = new ParkPolicy { AutoResumeAfter = null, ReturnToSameWindow = seed % 2 == 0 },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void GetWindowQueue_CategoryTiers_HeadIsTheTicketTheCallTakes(int seed)
    {
        var d = CategoryHall(seed);
        var hall = Open(d, 1, 2, 3, 4, 5, 6, 7);
        var r = new Random(seed);
        double minute = 0;
        var calls = 0;
        for (var step = 0; step < 3000; step++)
        {
            minute += r.Next(4) == 0 ? r.NextDouble() * 3 : 0.05;
            var op = r.Next(10);
            if (op < 4)
            {
                var n = 1 + r.Next(3);
                var items = Enumerable.Range(0, n).Select(_ => 1 + r.Next(8)).Distinct().ToArray();
                var age = (byte)(r.Next(5) == 0 ? 75 : 30);
                var flags = r.Next(12) == 0 ? TicketFlags.GreenChannel : TicketFlags.None;
                hall.Do(HallCommand.IssueTicket(new ServiceItemList(items), age, flags), minute);
                continue;
            }

            var window = 1 + r.Next(7);
            var view = hall.WindowView(window, minute);
            if (view.State == WindowState.Idle)
            {
                hall.Do(HallCommand.Tick(), minute); // the view stands at the hall's clock: bring it to the call's instant
                var q = hall.GetWindowQueue(window, hall.Now, 0, Hall.MaxQueueViewPage);
                if (step % 7 == 0)
                {
                    // Pages of any size concatenate to the whole order, each with its positions and the same total.
                    var size = 1 + r.Next(6);
                    var paged = new List<QueuedTicket>();
                    for (var offset = 0; offset < q.Total; offset += size)
                    {
                        var page = hall.GetWindowQueue(window, hall.Now, offset, size);
                        Assert.Equal(q.Total, page.Total);
                        Assert.Equal(Enumerable.Range(offset, page.Tickets.Count), page.Tickets.Select(t => t.Position));
                        paged.AddRange(page.Tickets);
                    }

                    Assert.True(paged.SequenceEqual(q.Tickets), $"seed {seed} step {step}: window {window}'s pages of {size} differ from its whole queue [{Show(q)}]");
                    Assert.Equal(q.Total, q.Tickets.Count);
                }

                if (step % 11 == 0)
                {
                    // Not only the head: a copy of the hall whose window calls again and again (each ticket cancelled
                    // after its call, so nothing comes back) takes the whole view in order.
                    var copy = Hall.Restore(d, hall.SaveState());
                    foreach (var expected in q.Tickets.Take(40).TakeWhile(t => t.Reason != QueueReason.OverflowLater))
                    {
                        var taken = copy.Apply(HallCommand.CallNext(window), At(minute));
                        Assert.True(taken.IsSuccess && taken.Ticket == expected.Ticket,
                            $"seed {seed} step {step}: window {window}'s view is [{Show(q, 40)}]; call {expected.Position} took {taken.Ticket} ({taken.Error})");
                        copy.Do(HallCommand.Cancel(taken.Ticket), minute);
                    }
                }

                var call = hall.Apply(HallCommand.CallNext(window), At(minute));
                if (q.Tickets.Count == 0 || q.Tickets[0].Reason == QueueReason.OverflowLater)
                {
                    Assert.True(call.Error == QueueError.NothingWaiting,
                        $"seed {seed} step {step}: window {window}'s view is [{Show(q)}] and the call took {call.Ticket} ({call.Error})");
                    continue;
                }

                Assert.True(call.IsSuccess && call.Ticket == q.Tickets[0].Ticket,
                    $"seed {seed} step {step}: window {window}'s view is [{Show(q)}] and the call took {call.Ticket} ({call.Error} {call.Message})");
                calls++;
                continue;
            }

            var next = r.Next(10);
            if (view.State == WindowState.Calling)
            {
                hall.Do(next < 2 ? HallCommand.NoShow(window) : HallCommand.StartServing(window), minute);
            }
            else if (view.State == WindowState.Serving)
            {
                var c = next switch
                {
                    0 => HallCommand.TransferToService(window, 1 + r.Next(8)),
                    1 => HallCommand.Park(window, "doc"),
                    2 => HallCommand.TransferToWindow(window, 1 + r.Next(7)),
                    _ => HallCommand.Finish(window),
                };
                var res = hall.Apply(c, At(minute));
                if (!res.IsSuccess)
                {
                    hall.Do(HallCommand.Finish(window), minute);
                }
            }

            if (r.Next(20) == 0)
            {
                var parked = hall.GetSnapshot(At(minute)).Parked;
                if (parked.Count > 0)
                {
                    hall.Do(HallCommand.ResumeParked(parked[r.Next(parked.Count)].Ticket), minute);
                }
            }
        }

        Assert.True(calls > 300, $"only {calls} calls");
    }

    /// <summary>
    /// Fix 1 and 2 over a run: with the timers fired when <see cref="Hall.NextDue"/> says (as the engine does), no idle
    /// auto window ever has a ticket it could call now at the head of its view: every way a ticket comes to wait, and
    /// every overflow delay that passes, offers it to the auto windows (here serving whole categories, as primary and
    /// as overflow) that may serve it.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public void AutoWindows_CategoryTiers_NoCallableTicketWaitsBesideAnIdleAutoWindow(int seed)
    {
        var d = CategoryHall(seed) with
        {
            NoShow = new NoShowPolicy { MaxRecalls = 0, RequeuePlacesBack = 1, MaxNoShows = 3, PauseWindowAfter = 0, CallBackAfter = TimeSpan.FromMinutes(1) },
        };
        d = d with { Windows = [.. d.Windows.Select(w => w with { AutoAssign = w.Id % 2 == 1 })] };
        var hall = Open(d);
        foreach (var w in d.Windows)
        {
            hall.Do(HallCommand.OpenWindow(w.Id, clerk: w.Id), 0); // mode from AutoAssign (Fix 2)
        }

        var r = new Random(seed);
        var heldUntil = new Dictionary<long, double>();
        double minute = 0;
        for (var step = 0; step < 3000; step++)
        {
            var target = minute + (r.Next(4) == 0 ? r.NextDouble() * 3 : 0.05);
            var ticks = 0;
            while (hall.NextDue is { } due && due <= At(target))
            {
                var dueMinute = (due - T0).TotalMinutes;
                Assert.True(hall.Apply(HallCommand.Tick(), due).IsSuccess);
                Assert.True(++ticks < 1000, $"seed {seed} step {step}: a tick at {due} leaves the hall due at {hall.NextDue} again and again");
                Check(hall, d, heldUntil, dueMinute, seed, step);
            }

            minute = target;
            var window = 1 + r.Next(7);
            var state = hall.WindowView(window, minute).State;
            var op = r.Next(10);
            HallCommand c;
            if (r.Next(150) == 0)
            {
                // The day closes (either way) and opens again once nothing of it is live.
                c = r.Next(3) switch
                {
                    0 => HallCommand.CloseDay(DayClosePolicy.ServeRemaining),
                    1 => HallCommand.CloseDay(DayClosePolicy.CancelWaiting),
                    _ => HallCommand.OpenDay(),
                };
            }
            else if (op < 4)
            {
                var items = Enumerable.Range(0, 1 + r.Next(3)).Select(_ => 1 + r.Next(8)).Distinct().ToArray();
                c = HallCommand.IssueTicket(new ServiceItemList(items), (byte)(r.Next(5) == 0 ? 75 : 30), r.Next(12) == 0 ? TicketFlags.GreenChannel : TicketFlags.None);
            }
            else if (state == WindowState.Idle)
            {
                c = r.Next(3) == 0 ? HallCommand.CloseWindow(window) : HallCommand.CallNext(window);
            }
            else if (state == WindowState.Closed)
            {
                c = HallCommand.OpenWindow(window, clerk: window);
            }
            else if (state == WindowState.Calling)
            {
                c = op < 6 ? HallCommand.NoShow(window) : HallCommand.StartServing(window);
            }
            else
            {
                c = r.Next(8) switch
                {
                    0 => HallCommand.TransferToService(window, 1 + r.Next(8)),
                    1 => HallCommand.Park(window, "doc"),
                    2 => HallCommand.TransferToWindow(window, 1 + r.Next(7)),
                    3 => HallCommand.FinishAndCallNext(window),
                    _ => HallCommand.Finish(window),
                };
            }

            var ticketAtWindow = hall.WindowView(window, minute).Ticket;
            var res = hall.Apply(c, At(minute));
            if (res.IsSuccess && c.Kind == CommandKind.NoShow)
            {
                heldUntil[ticketAtWindow] = minute + 1;
            }

            if (r.Next(25) == 0)
            {
                var parked = hall.GetSnapshot(At(minute)).Parked;
                if (parked.Count > 0)
                {
                    hall.Do(HallCommand.ResumeParked(parked[r.Next(parked.Count)].Ticket), minute);
                }
            }

            Check(hall, d, heldUntil, minute, seed, step);
        }
    }

    private static void Check(Hall hall, HallDefinition d, Dictionary<long, double> heldUntil, double minute, int seed, int step)
    {
        var snapshot = hall.GetSnapshot(At(minute));
        foreach (var w in snapshot.Windows.Where(w => w.Auto && w.State == WindowState.Idle))
        {
            var q = hall.GetWindowQueue(w.Window, hall.Now, 0, 1);
            if (q.Tickets.Count == 0 || q.Tickets[0].Reason == QueueReason.OverflowLater)
            {
                continue;
            }

            var head = q.Tickets[0];
            if (heldUntil.TryGetValue(head.Ticket, out var until) && until > minute)
            {
                continue; // a no-show held back from its window's call-back (Fix 8)
            }

            Assert.Fail($"seed {seed} step {step} at +{minute:F2}: auto window {w.Window} is idle beside {head.Ticket} ({head.Service}, {head.PriorityClass}, {head.Reason}, waited {head.Waited}); next due {hall.NextDue}");
        }
    }

    /// <summary>
    /// Fix 7 over random days: with the timers fired when <see cref="Hall.NextDue"/> says, every open window idle longer
    /// than the hall's idle limit while a ticket it may call waits raises its idle alert in that idle spell: at the limit,
    /// or, when the ticket comes after the limit, within a minute (as <see cref="HallDefinition.WindowIdleLimit"/> says);
    /// and a tick never raises one for a window with nothing it may serve.
    /// </summary>
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    public void Tick_IdleLimit_EveryIdleWindowBesideACallableTicketAlertedInItsSpell(int seed)
    {
        var limit = TimeSpan.FromMinutes(4);
        var d = CategoryHall(seed) with { WindowIdleLimit = limit };
        d = d with { Windows = [.. d.Windows.Select(w => w with { AutoAssign = w.Id == 2 })] };
        var hall = Open(d);
        foreach (var w in d.Windows)
        {
            hall.Do(HallCommand.OpenWindow(w.Id, clerk: w.Id), 0);
        }

        var spell = new Dictionary<int, DateTimeOffset>(); // idle window -> when its idle spell began
        var alerted = new HashSet<int>();                   // windows alerted in their current spell
        var beside = new Dictionary<int, DateTimeOffset>(); // idle past the limit beside a callable ticket since
        var r = new Random(seed);
        var now = At(0);
        var checkedSpells = 0;
        Observe(false);
        for (var step = 0; step < 2500; step++)
        {
            var target = now.AddSeconds(r.Next(4) == 0 ? r.Next(400) : r.Next(20));
            while (hall.NextDue is { } due && due <= target)
            {
                now = due;
                Assert.True(hall.Apply(HallCommand.Tick(), now).IsSuccess);
                Observe(true);
            }

            now = target;
            var window = 1 + r.Next(7);
            var state = hall.GetSnapshot(now).Windows.Single(w => w.Window == window).State;
            var c = r.Next(10) < 3
                ? HallCommand.IssueTicket(1 + r.Next(8), age: (byte)(r.Next(5) == 0 ? 75 : 30))
                : state switch
                {
                    // Idle windows are often left idle a while (the clerk is away): only now and then they call.
                    WindowState.Idle => r.Next(4) == 0 ? HallCommand.CallNext(window) : r.Next(10) == 0 ? HallCommand.PauseWindow(window) : HallCommand.Tick(),
                    WindowState.Calling => r.Next(4) == 0 ? HallCommand.NoShow(window) : HallCommand.StartServing(window),
                    WindowState.Serving => r.Next(6) == 0 ? HallCommand.Park(window, "doc") : HallCommand.Finish(window),
                    WindowState.Paused => HallCommand.ResumeWindow(window),
                    _ => HallCommand.OpenWindow(window, clerk: window),
                };
            hall.Apply(c, now);
            Observe(false);
        }

        Assert.True(checkedSpells > 50, $"only {checkedSpells} idle spells past the limit beside a callable ticket");

        void Observe(bool tick)
        {
            foreach (var e in hall.LastEvents)
            {
                if (e.Kind == HallEventKind.IdleTimePassed)
                {
                    alerted.Add(e.Window);
                    if (tick)
                    {
                        Assert.True(hall.GetWindowQueue(e.Window, hall.Now, 0, 1).Total > 0, $"seed {seed} at {now:HH:mm:ss}: idle alert for window {e.Window} with nothing it may serve");
                    }
                }
            }

            foreach (var w in hall.GetSnapshot(now).Windows)
            {
                if (w.State != WindowState.Idle)
                {
                    spell.Remove(w.Window);
                    alerted.Remove(w.Window);
                    beside.Remove(w.Window);
                    continue;
                }

                if (!spell.TryGetValue(w.Window, out var since))
                {
                    spell[w.Window] = since = now;
                    alerted.Remove(w.Window);
                }

                var q = hall.GetWindowQueue(w.Window, hall.Now, 0, 1);
                if (now - since <= limit || q.Tickets.Count == 0 || q.Tickets[0].Reason == QueueReason.OverflowLater)
                {
                    beside.Remove(w.Window);
                    continue;
                }

                if (!beside.TryGetValue(w.Window, out var from))
                {
                    beside[w.Window] = from = now;
                }

                // At the limit if the ticket already waited then; within a minute of the ticket if it came later.
                var late = from - since > limit ? TimeSpan.FromMinutes(1) : TimeSpan.Zero;
                if (now - from <= late)
                {
                    continue;
                }

                checkedSpells++;
                Assert.True(alerted.Contains(w.Window),
                    $"seed {seed} at {now:HH:mm:ss}: window {w.Window} idle since {since:HH:mm:ss}, beside a callable ticket since {from:HH:mm:ss} ({q.Tickets[0].Ticket}, {q.Tickets[0].Reason}), without an idle alert; next due {hall.NextDue:HH:mm:ss}");
            }
        }
    }

    /// <summary>
    /// Add 4 for an item: the item's queue view lists its waiting tickets in the order a window serving that item alone
    /// (primary, not dedicated, no interleave rule) would call them, overdue ones included, over random days in a hall
    /// whose other windows serve whole categories.
    /// </summary>
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void GetServiceQueue_RandomDay_TheOrderAWindowServingOnlyThatItemCalls(int seed)
    {
        var d = CategoryHall(seed);
        d = d with
        {
            Windows = [.. d.Windows, .. Enumerable.Range(1, 8).Select(i => new WindowDefinition { Id = 100 + i, Skills = [new() { Service = i }] })],
            Priority = d.Priority with { Interleave = null },
        };
        var hall = Open(d, 1, 2, 3, 4, 5, 6, 7);
        var r = new Random(seed);
        double minute = 0;
        for (var step = 0; step < 2000; step++)
        {
            minute += r.NextDouble();
            var window = 1 + r.Next(7);
            var state = hall.WindowView(window, minute).State;
            var c = r.Next(10) < 4
                ? HallCommand.IssueTicket(new ServiceItemList([.. Enumerable.Range(0, 1 + r.Next(2)).Select(_ => 1 + r.Next(8)).Distinct()]), (byte)(r.Next(4) == 0 ? 75 : 30))
                : state switch
                {
                    WindowState.Idle => HallCommand.CallNext(window),
                    WindowState.Calling => r.Next(5) == 0 ? HallCommand.NoShow(window) : HallCommand.StartServing(window),
                    _ => r.Next(8) == 0 ? HallCommand.TransferToService(window, 1 + r.Next(8)) : HallCommand.Finish(window),
                };
            hall.Apply(c, At(minute));
            if (step % 10 == 0)
            {
                var item = 1 + r.Next(8);
                var byItem = hall.GetServiceQueue(item, hall.Now, 0, Hall.MaxQueueViewPage);
                var byWindow = hall.GetWindowQueue(100 + item, hall.Now, 0, Hall.MaxQueueViewPage);
                Assert.True(byItem.Tickets.Select(t => t.Ticket).SequenceEqual(byWindow.Tickets.Select(t => t.Ticket)),
                    $"seed {seed} step {step}: item {item}'s queue [{Show(byItem, 20)}], its window's [{Show(byWindow, 20)}]");
                Assert.Equal(byItem.Total, byWindow.Total);

                // The dashboard's figures agree: per-item counts add up, and match the item's queue (no ticket here
                // waits in a window's own queue); open windows serving the item as primary, whole categories included.
                var snapshot = hall.GetSnapshot(At(minute));
                Assert.Equal(snapshot.TotalWaiting, snapshot.Services.Sum(x => x.Waiting));
                var figures = snapshot.Services.Single(x => x.Service == item);
                Assert.Equal(byItem.Total, figures.Waiting);
                Assert.Equal(figures.Waiting, figures.WaitingByClass.Values.Sum());
                var category = d.Services.Single(x => x.Id == item).Category;
                bool Primary(WindowDefinition w) =>
                    w.Skills.Any(k => k.Tier == SkillTier.Primary && (k.Category is null ? k.Service == item : k.Category == category))
                    || (w.Comprehensive && !w.Skills.Any(k => k.Tier == SkillTier.Overflow && (k.Category is null ? k.Service == item : k.Category == category)));
                var open = snapshot.Windows.Where(w => w.State != WindowState.Closed).Select(w => w.Window).ToHashSet();
                Assert.True(d.Windows.Count(w => open.Contains(w.Id) && Primary(w)) == figures.OpenWindows,
                    $"seed {seed} step {step}: item {item} has {figures.OpenWindows} open primary windows in the snapshot");
            }
        }
    }

    private static string Show(QueueView q, int count = 8) => string.Join(", ", q.Tickets.Take(count).Select(t => $"{t.Ticket}:{t.Service}/{t.PriorityClass}/{t.Reason}"));
}
