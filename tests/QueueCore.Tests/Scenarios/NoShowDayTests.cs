namespace QueueCore.Tests.Scenarios;

/// <summary>
/// A busy hour at two windows with a citizen who never answers the call, a wait limit the manager is alerted by, and
/// every served citizen rating the window: the manager's review of who was recalled, re-queued and dropped, which
/// waits raised alerts, and the windows' rating figures.
/// </summary>
public class NoShowDayTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "no-shows",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "ID card", ExpectedHandlingTime = TimeSpan.FromMinutes(6), WaitLimit = TimeSpan.FromMinutes(15) }],
        Windows = [.. Enumerable.Range(1, 2).Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }], AutoAssign = true })],
        Priority = new PriorityPolicy { MaxWait = null },
        NoShow = new NoShowPolicy { MaxRecalls = 2, RequeuePlacesBack = 2, MaxNoShows = 2, PauseWindowAfter = 0 },
    };

    [Fact]
    public async Task Hour_AbsentCitizenRecalledRequeuedThenDropped_AlertsForEveryLongWaitAndRatingsPerWindow()
    {
        await using var day = new HallDay(Hall());
        await day.DoAsync(HallCommand.OpenDay());
        await day.DoAsync(HallCommand.OpenWindow(1, clerk: 11));
        await day.DoAsync(HallCommand.OpenWindow(2, clerk: 12));
        IEnumerable<HallCommand> Arrivals(int m) => m == 0 ? Enumerable.Repeat(HallCommand.IssueTicket(1), 4) : m < 40 && m % 2 == 0 ? [HallCommand.IssueTicket(1)] : [];
        bool IsA001(long t) => day.Of(HallEventKind.TicketIssued).Single(e => e.Ticket == t).Number.ToString() == "A001";
        await Clerks.PlayAsync(day, 150, Arrivals, _ => 6, IsA001, recalls: 2); // A001 never comes to the window
        var absent = day.Of(HallEventKind.TicketIssued).First().Ticket;

        day.AssertNoTicketLostOrServedTwice();
        var mine = day.Log.Where(e => e.Ticket == absent).Select(e => (e.Kind, e.Value)).Where(k => k.Kind != HallEventKind.TicketIssued).ToList();
        Assert.Equal(
            [(HallEventKind.TicketCalled, 0), (HallEventKind.TicketRecalled, 1), (HallEventKind.TicketRecalled, 2), (HallEventKind.NoShow, 1),
             (HallEventKind.TicketCalled, 0), (HallEventKind.TicketRecalled, 1), (HallEventKind.TicketRecalled, 2), (HallEventKind.NoShow, 0)],
            mine.Select(k => (k.Kind, k.Kind == HallEventKind.TicketCalled ? 0 : k.Value)));

        // Re-queued two places back: exactly the two citizens who stood next in line were called before the absent one again.
        var calls = day.Calls();
        var noShow = day.Log.First(e => e.Kind == HallEventKind.NoShow && e.Ticket == absent).Sequence;
        var between = calls.Where(c => c.Sequence > noShow).TakeWhile(c => c.Ticket != absent).ToList();
        Assert.Equal(2, between.Count);
        Assert.True(day.WaitingBefore(noShow).Count >= 2);

        // Every wait past 15 minutes raised one alert, and no shorter one did.
        var issued = day.Of(HallEventKind.TicketIssued).ToDictionary(e => e.Ticket, e => (e.Time - HallDay.Opening).TotalMinutes);
        var alerted = day.Of(HallEventKind.WaitLimitPassed).Select(e => e.Ticket).ToList();
        Assert.Equal(alerted.Count, alerted.Distinct().Count());
        foreach (var (ticket, _, minute, _) in calls.Where(c => c.Ticket != absent).DistinctBy(c => c.Ticket))
        {
            var waited = minute - issued[ticket];
            Assert.True(alerted.Contains(ticket) == waited > 15 || waited == 15, $"ticket issued at +{issued[ticket]} waited {waited} min; alerted: {alerted.Contains(ticket)}");
        }

        Assert.NotEmpty(alerted);

        // Each served citizen rates the window that served them; the absent one has nothing to rate.
        var servedAt = day.Of(HallEventKind.ServiceFinished).ToDictionary(e => e.Ticket, e => e.Window);
        foreach (var (ticket, i) in servedAt.Keys.Select((t, i) => (t, i)))
        {
            await day.DoAsync(HallCommand.Rate(ticket, 1 + (i % 5)));
        }

        var refused = await day.Hall.RateAsync(absent, 5).AsTask().WaitAsync(HallDay.Timeout);
        Assert.False(refused.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        var scores = servedAt.Keys.Select((t, i) => (Window: servedAt[t], Score: 1 + (i % 5))).ToList();
        var snapshot = await day.SnapshotAsync();
        foreach (var w in snapshot.Windows)
        {
            var mineScores = scores.Where(s => s.Window == w.Window).Select(s => (double)s.Score).ToList();
            Assert.Equal(mineScores.Count, w.Ratings);
            Assert.Equal(mineScores.Average(), w.MeanRating, 6);
        }

        Assert.Equal(scores.Count, snapshot.RatingsToday);
        Assert.Equal(scores.Average(s => s.Score), snapshot.MeanRating, 6);
    }
}
