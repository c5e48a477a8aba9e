namespace QueueCore.Tests.Snapshots;

/// <summary>A figures-only snapshot has the full snapshot's figures, without its ticket lists; a services-only one the services' figures alone; a recent-calls one the figures and the recently finished tickets.</summary>
public class SnapshotDetailTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Services_RandomDays_LongestWaitIsTheLongestAnyWaitingTicketHasBeenInItsQueue(int seed)
    {
        // Against a brute force over every waiting ticket of the saved state (parks and resumes, no-shows re-queued,
        // next items, transfers, auto windows, day closes): the snapshot reads an item queue only as far as it must.
        var hall = new Hall(RandomHallTraffic.Definition());
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        hall.Apply(HallCommand.OpenDay(), now);
        var random = new Random(seed);
        var tickets = new List<long>();
        for (var i = 0; i < 4000; i++)
        {
            now = now.AddSeconds(random.Next(0, 40));
            var r = hall.Apply(RandomHallTraffic.Next(random, tickets, now), now);
            if (r.Ticket != 0 && !tickets.Contains(r.Ticket))
            {
                tickets.Add(r.Ticket);
            }

            if (i % 25 == 0)
            {
                var expected = hall.SaveState().Tickets.Where(t => t.State == TicketState.Waiting)
                    .GroupBy(t => t.Service).ToDictionary(g => g.Key, g => new TimeSpan(g.Max(t => now.UtcTicks - t.EnqueuedAt)));
                var snapshot = hall.GetSnapshot(now, SnapshotDetail.Services);
                Assert.All(snapshot.Services, s => Assert.Equal(expected.GetValueOrDefault(s.Service), s.LongestWait));
            }
        }
    }

    [Fact]
    public void Figures_SameFiguresAsFullWithoutWaitingOrParkedTickets()
    {
        var (hall, now) = ParkedOneCalledNext(services: 2, tickets: 6);

        var full = hall.GetSnapshot(now, SnapshotDetail.Full);
        var figures = hall.GetSnapshot(now, SnapshotDetail.Figures);
        var services = hall.GetSnapshot(now, SnapshotDetail.Services);

        Assert.Equal(4, full.Waiting.Count);
        Assert.Single(full.Parked);
        Assert.Empty(figures.Waiting);
        Assert.Empty(figures.Parked);
        Assert.Equivalent(full.Services, figures.Services, strict: true);
        Assert.Equivalent(full.Windows, figures.Windows, strict: true);
        Assert.Equivalent(full.AtWindows, figures.AtWindows, strict: true);
        Assert.Equal((full.Sequence, full.TotalWaiting, full.DayOpen), (figures.Sequence, figures.TotalWaiting, figures.DayOpen));

        Assert.Equivalent(full.Services, services.Services, strict: true);
        Assert.Equal((full.Sequence, full.TotalWaiting, full.DayOpen), (services.Sequence, services.TotalWaiting, services.DayOpen));
        Assert.Equal(2, full.Windows.Count);
        Assert.Empty(services.Windows);
        Assert.Empty(services.AtWindows);
        Assert.Empty(services.Waiting);
        Assert.Empty(services.Parked);

        // Nothing finished yet: the recent calls' snapshot is the figures' (no waiting or parked tickets either).
        Assert.Equivalent(figures, hall.GetSnapshot(now, SnapshotDetail.RecentCalls), strict: true);
    }

    [Fact]
    public void Parked_TheFullSnapshotWithoutItsWaitingTickets()
    {
        // What the dashboard's GetSnapshot and the terminal's GetWindowInfo send: a full snapshot made them list the
        // first waiting tickets on the hall's shard (up to 100), for a reply that carries none.
        var (hall, now) = ParkedOneCalledNext(services: 1, tickets: 4);

        var full = hall.GetSnapshot(now, SnapshotDetail.Full);
        var parked = hall.GetSnapshot(now, SnapshotDetail.Parked);

        Assert.Equal(2, full.Waiting.Count);
        Assert.Empty(parked.Waiting);
        Assert.Equivalent(full with { Waiting = [] }, parked, strict: true);
        Assert.Equal("papers", Assert.Single(parked.Parked).Note);
    }

    [Fact]
    public void UndefinedDetail_IsRefusedWithTheValue()
    {
        var hall = new Hall(new HallDefinition
        {
            Id = "h",
            Categories = [new() { Id = "a", Prefix = "A" }],
            Services = [new() { Id = 1, Category = "a" }],
            Windows = [new() { Id = 1, Comprehensive = true }],
        });

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => hall.GetSnapshot(DateTimeOffset.UnixEpoch, (SnapshotDetail)7));
        Assert.Contains("7", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A hall of <paramref name="services"/> items (one comprehensive window each) with <paramref name="tickets"/> issued
    /// a minute apart over them; ten minutes on, window 1 calls, serves and parks one ("papers"), then calls the next.
    /// </summary>
    private static (Hall Hall, DateTimeOffset Now) ParkedOneCalledNext(int services, int tickets)
    {
        var hall = new Hall(new HallDefinition
        {
            Id = "h",
            Categories = [new() { Id = "a", Prefix = "A" }],
            Services = [.. Enumerable.Range(1, services).Select(i => new ServiceItem { Id = i, Category = "a", Name = $"Item {i}" })],
            Windows = [.. Enumerable.Range(1, services).Select(i => new WindowDefinition { Id = i, Comprehensive = true })],
        });
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        hall.Apply(HallCommand.OpenDay(), now);
        for (var i = 0; i < tickets; i++)
        {
            Assert.True(hall.Apply(HallCommand.IssueTicket(1 + (i % services)), now.AddMinutes(i)).IsSuccess);
        }

        now = now.AddMinutes(10);
        hall.Apply(HallCommand.OpenWindow(1), now);
        hall.Apply(HallCommand.CallNext(1), now);
        hall.Apply(HallCommand.StartServing(1), now);
        Assert.True(hall.Apply(HallCommand.Park(1, "papers"), now).IsSuccess);
        hall.Apply(HallCommand.CallNext(1), now);
        return (hall, now);
    }
}
