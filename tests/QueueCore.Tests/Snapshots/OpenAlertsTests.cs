using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// A manager who opens the dashboard mid-day (or whose dashboard reconnects, or after a restart) sees the alerts open
/// now: the snapshot lists each alert the hall raised and whose condition still holds, and no other.
/// </summary>
public class OpenAlertsTests
{
    private static HallDefinition Limits(TimeSpan? wait = null, TimeSpan? service = null, TimeSpan? idle = null, int? warning = null) =>
        OneItem(d => d with
        {
            Services = [d.Services[0] with { WaitLimit = wait, ServiceTimeLimit = service, QueueWarningLength = warning }],
            WindowIdleLimit = idle,
        });

    private static OpenAlert[] Alerts(Hall hall, double minute, SnapshotDetail detail = SnapshotDetail.Full) =>
        [.. hall.GetSnapshot(At(minute), detail).OpenAlerts];

    [Fact]
    public void GetSnapshot_TicketPastItsWaitLimit_ShowsUntilItIsCalled()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1);
        var a = hall.Issue(0);
        var b = hall.Issue(5);
        Assert.Empty(Alerts(hall, 19));
        hall.Do(HallCommand.Tick(), 20);

        var alert = Assert.Single(Alerts(hall, 21));
        Assert.Equal((HallEventKind.WaitLimitPassed, a, "A001", 1, 0), (alert.Kind, alert.Ticket, alert.Number.ToString(), alert.Service, alert.Window));
        Assert.Equal((TimeSpan.FromMinutes(21), TimeSpan.FromMinutes(20)), (alert.Elapsed, alert.Limit));

        hall.Do(HallCommand.Tick(), 25);
        Assert.Equal([a, b], Alerts(hall, 26).Select(x => x.Ticket)); // the longest wait first
        Assert.Equal(2, hall.GetSnapshot(At(26)).OpenWaitAlerts);

        hall.Call(1, 27);
        Assert.Equal([b], Alerts(hall, 27).Select(x => x.Ticket));
    }

    [Fact]
    public void GetSnapshot_PastTheLimitBeforeTheHallsTick_NotShownBeforeItsEvent()
    {
        // The snapshot lists the alerts of the events it includes: one whose event follows it is told by the event.
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1);
        hall.Issue(0);
        var snapshot = hall.GetSnapshot(At(30));
        Assert.Equal(TimeSpan.FromMinutes(30), snapshot.Services[0].LongestWait);
        Assert.Empty(snapshot.OpenAlerts);
    }

    [Fact]
    public void GetSnapshot_NoShowRequeuedAfterItsAlert_ShowsAgainOnlyOncePastTheLimitAgain()
    {
        // The alert is raised once per ticket and item: the re-queued no-show raises none. Its call closed the alert; it
        // shows again, with its new wait, once that wait passes the limit.
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1);
        var a = hall.Issue(0);
        hall.Do(HallCommand.Tick(), 20);
        hall.Call(1, 21);
        hall.Do(HallCommand.NoShow(1), 22);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 22));
        Assert.Empty(Alerts(hall, 41.9));

        hall.Do(HallCommand.Tick(), 42);
        Assert.DoesNotContain(HallEventKind.WaitLimitPassed, hall.Kinds());
        var alert = Assert.Single(Alerts(hall, 43));
        Assert.Equal((a, TimeSpan.FromMinutes(21)), (alert.Ticket, alert.Elapsed));
    }

    [Fact]
    public void GetSnapshot_TicketWaitingInAWindowsOwnQueue_ShowsPastItsLimit()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1, 2);
        hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(2, 0);
        Assert.Equal(b, hall.Call(1, 1));
        hall.Do(HallCommand.TransferToWindow(1, 2), 1); // waits for window 2 from minute 1
        hall.Do(HallCommand.Tick(), 21);
        var alert = Assert.Single(Alerts(hall, 22));
        Assert.Equal((b, 1, TimeSpan.FromMinutes(21)), (alert.Ticket, alert.Service, alert.Elapsed));
    }

    [Fact]
    public void GetSnapshot_QueueAtItsWarningLength_ShowsUntilItFallsBelow()
    {
        var hall = Open(Limits(warning: 2), 1);
        hall.Issue(0);
        Assert.Empty(Alerts(hall, 0));
        hall.Issue(1);
        var alert = Assert.Single(Alerts(hall, 1));
        Assert.Equal((HallEventKind.QueueLengthWarning, 1, 2, 2, 0L), (alert.Kind, alert.Service, alert.Waiting, alert.WarningLength, alert.Ticket));
        hall.Issue(2);
        Assert.Equal(3, Assert.Single(Alerts(hall, 2)).Waiting);

        hall.Serve(1, 3);
        Assert.Single(Alerts(hall, 3)); // two still wait: at the length
        hall.Do(HallCommand.Finish(1), 4);
        hall.Call(1, 4);
        Assert.Empty(Alerts(hall, 4));
    }

    [Fact]
    public void GetSnapshot_ServedPastTheServiceTimeLimit_ShowsUntilTheServiceEnds()
    {
        var hall = Open(Limits(service: TimeSpan.FromMinutes(15)), 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Tick(), 16);
        var alert = Assert.Single(Alerts(hall, 17));
        Assert.Equal((HallEventKind.ServiceTimePassed, a, 1, 1), (alert.Kind, alert.Ticket, alert.Window, alert.Service));
        Assert.Equal((TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(15)), (alert.Elapsed, alert.Limit));

        hall.Do(HallCommand.Finish(1), 18);
        Assert.Empty(Alerts(hall, 18));
    }

    [Fact]
    public void GetSnapshot_WindowIdlePastTheLimit_ShowsUntilItCalls()
    {
        var hall = Open(Limits(idle: TimeSpan.FromMinutes(5)), 1);
        hall.Issue(6);
        hall.Do(HallCommand.Tick(), 7);
        var alert = Assert.Single(Alerts(hall, 8));
        Assert.Equal((HallEventKind.IdleTimePassed, -1, 1, 0L), (alert.Kind, alert.Service, alert.Window, alert.Ticket));
        Assert.Equal((TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(5)), (alert.Elapsed, alert.Limit));

        hall.Call(1, 9);
        Assert.Empty(Alerts(hall, 9));
    }

    [Fact]
    public void GetSnapshot_DayClosedOverAnIdleAlert_NotShown()
    {
        // A window left open after the evening's close cannot be idle while tickets wait: none can until the day opens.
        var hall = Open(Limits(idle: TimeSpan.FromMinutes(5)), 1);
        hall.Issue(6);
        hall.Do(HallCommand.Tick(), 7);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 8);
        Assert.Empty(Alerts(hall, 9));
    }

    [Fact]
    public void GetSnapshot_EveryKind_OrderedByKindThenLongestFirst()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20), service: TimeSpan.FromMinutes(15), idle: TimeSpan.FromMinutes(5), warning: 2), 1, 2);
        hall.Issue(0);
        hall.Serve(1, 0);
        hall.Issue(1);
        hall.Issue(2);
        hall.Do(HallCommand.Tick(), 30);
        Assert.Equal(
            [HallEventKind.WaitLimitPassed, HallEventKind.WaitLimitPassed, HallEventKind.QueueLengthWarning, HallEventKind.ServiceTimePassed, HallEventKind.IdleTimePassed],
            Alerts(hall, 30).Select(x => x.Kind));
    }

    [Fact]
    public void GetSnapshot_ManyPastTheLimit_ListsTheLongestWaitsAndCountsThemAll()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20)), 1);
        var tickets = Enumerable.Range(0, Hall.SnapshotWaitAlerts + 5).Select(i => hall.Issue(i * 0.1)).ToArray();
        hall.Do(HallCommand.Tick(), 60);

        var snapshot = hall.GetSnapshot(At(60));
        Assert.Equal(Hall.SnapshotWaitAlerts + 5, snapshot.OpenWaitAlerts);
        Assert.Equal(tickets.Take(Hall.SnapshotWaitAlerts), snapshot.OpenAlerts.Select(x => x.Ticket));
    }

    [Fact]
    public void GetSnapshot_AlertsDetail_EveryOpenAlertWithTheFigures()
    {
        // What a dashboard's stream compares with the alerts it told, to tell which closed: an alert past the first
        // SnapshotWaitAlerts is still open, so it is listed too.
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20), warning: 1), 1);
        var tickets = Enumerable.Range(0, Hall.SnapshotWaitAlerts + 5).Select(i => hall.Issue(i * 0.1)).ToArray();
        hall.Do(HallCommand.Tick(), 60);

        var alerts = hall.GetSnapshot(At(60), SnapshotDetail.Alerts);
        var parked = hall.GetSnapshot(At(60), SnapshotDetail.Parked);
        Assert.Equal(tickets, alerts.OpenAlerts.Where(x => x.Kind == HallEventKind.WaitLimitPassed).Select(x => x.Ticket));
        Assert.Equal(Hall.SnapshotWaitAlerts + 5, alerts.OpenWaitAlerts);
        Assert.Equal(parked.OpenAlerts.Skip(Hall.SnapshotWaitAlerts), alerts.OpenAlerts.Skip(Hall.SnapshotWaitAlerts + 5)); // then the others, as listed
        Assert.Equivalent(hall.GetSnapshot(At(60), SnapshotDetail.Figures) with { OpenAlerts = alerts.OpenAlerts, OpenWaitAlerts = alerts.OpenWaitAlerts }, alerts, strict: true);
    }

    [Fact]
    public void GetSnapshot_FiguresOnly_LeavesTheAlertsOut()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20), warning: 1), 1);
        hall.Issue(0);
        hall.Do(HallCommand.Tick(), 20);
        Assert.Equal(2, Alerts(hall, 21, SnapshotDetail.Parked).Length);
        Assert.Empty(Alerts(hall, 21, SnapshotDetail.Figures));
        Assert.Empty(Alerts(hall, 21, SnapshotDetail.Services));
        Assert.Empty(Alerts(hall, 21, SnapshotDetail.RecentCalls));
        Assert.Equal(0, hall.GetSnapshot(At(21), SnapshotDetail.Figures).OpenWaitAlerts);
    }

    [Fact]
    public void GetSnapshot_EveryKind_SaysWhenItsConditionBegan()
    {
        // As a live alert says when it was raised: the wait passed the limit, the service passed its limit, the window's
        // idle spell passed the idle limit, the queue reached its warning length.
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20), service: TimeSpan.FromMinutes(15), idle: TimeSpan.FromMinutes(5), warning: 2), 1, 2);
        hall.Issue(0);
        hall.Serve(1, 0);
        hall.Issue(1);
        hall.Issue(2); // two wait: the warning from minute 2
        hall.Do(HallCommand.Tick(), 30);

        Assert.Equal(
            [(HallEventKind.WaitLimitPassed, At(21)), (HallEventKind.WaitLimitPassed, At(22)), (HallEventKind.QueueLengthWarning, At(2)),
                (HallEventKind.ServiceTimePassed, At(15)), (HallEventKind.IdleTimePassed, At(5))],
            Alerts(hall, 31).Select(x => (x.Kind, x.Since)));
    }

    [Fact]
    public void Restore_SavedState_SameOpenAlerts()
    {
        var hall = Open(Limits(wait: TimeSpan.FromMinutes(20), service: TimeSpan.FromMinutes(15), idle: TimeSpan.FromMinutes(5), warning: 2), 1, 2);
        hall.Issue(0);
        hall.Serve(1, 0);
        hall.Issue(1);
        hall.Issue(2);
        hall.Do(HallCommand.Tick(), 30);
        var before = Alerts(hall, 31);
        Assert.Equal(5, before.Length);

        var restored = Hall.Restore(hall.Definition, hall.SaveState());
        Assert.Equal(before, Alerts(restored, 31));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void GetSnapshot_RandomDays_WaitAlertsAreTheAlertedTicketsStillPastTheirLimit(int seed)
    {
        // Against a brute force over every ticket of the saved state, and against the events: every ticket shown raised
        // its alert for its item at or before the snapshot, and every ticket that raised it and has not been called
        // since is shown (parks and resumes, no-shows re-queued, next items, transfers, auto windows, day closes).
        var definition = RandomHallTraffic.Definition();
        var limits = definition.Services.ToDictionary(s => s.Id, s => s.WaitLimit?.Ticks ?? 0);
        var hall = new Hall(definition);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        hall.Apply(HallCommand.OpenDay(), now);
        var random = new Random(seed);
        var tickets = new List<long>();
        var alerted = new Dictionary<long, int>(); // ticket -> the item it raised its wait alert for
        var open = new HashSet<long>(); // raised, and not called (nor cancelled, transferred or on to its next item) since
        var seen = 0;
        for (var i = 0; i < 4000; i++)
        {
            now = now.AddSeconds(random.Next(0, 40));
            var r = hall.Apply(RandomHallTraffic.Next(random, tickets, now), now);
            foreach (var e in hall.LastEvents.ToArray())
            {
                if (e.Kind == HallEventKind.WaitLimitPassed)
                {
                    alerted[e.Ticket] = e.Service;
                    open.Add(e.Ticket);
                }
                else if (e.Kind is HallEventKind.TicketCalled or HallEventKind.Cancelled or HallEventKind.Transferred or HallEventKind.NextItem)
                {
                    open.Remove(e.Ticket);
                }
            }

            if (r.Ticket != 0 && !tickets.Contains(r.Ticket))
            {
                tickets.Add(r.Ticket);
            }

            if (i % 25 == 0)
            {
                var snapshot = hall.GetSnapshot(now, SnapshotDetail.Parked);
                var expected = hall.SaveState().Tickets
                    .Where(t => t.State == TicketState.Waiting && t.WaitLimitAlerted && limits[t.Service] > 0 && now.UtcTicks - t.EnqueuedAt >= limits[t.Service])
                    .OrderByDescending(t => now.UtcTicks - t.EnqueuedAt).ThenBy(t => t.Id).Take(Hall.SnapshotWaitAlerts)
                    .Select(t => (t.Id, t.Service, new TimeSpan(now.UtcTicks - t.EnqueuedAt))).ToArray();
                var shown = snapshot.OpenAlerts.Where(x => x.Kind == HallEventKind.WaitLimitPassed).ToArray();
                Assert.Equal(expected, shown.Select(x => (x.Ticket, x.Service, x.Elapsed)));
                Assert.All(shown, x => Assert.Equal(x.Service, alerted.GetValueOrDefault(x.Ticket, -1)));
                if (snapshot.OpenWaitAlerts <= Hall.SnapshotWaitAlerts)
                {
                    Assert.Subset(shown.Select(x => x.Ticket).ToHashSet(), open); // every one still open is shown
                }

                seen += shown.Length;
            }
        }

        Assert.True(seen > 0, "no wait alert was open at any snapshot");
    }
}
