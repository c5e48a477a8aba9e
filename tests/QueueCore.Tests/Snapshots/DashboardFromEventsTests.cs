namespace QueueCore.Tests.Snapshots;

/// <summary>
/// A hall manager's dashboard against the events: what a reader that counts the event stream itself finds (served
/// today, ratings, waiting per service and class, the longest wait) is what the hall's snapshot says, through random
/// days with day closes and openings, and across a restore and a redefinition.
/// </summary>
public class DashboardFromEventsTests
{
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Snapshot_RandomDays_FiguresAreWhatTheEventsCount(int seed)
    {
        var hall = new Hall(RandomHallTraffic.Definition());
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var counted = new CountedFigures();
        hall.Apply(HallCommand.OpenDay(), now);
        counted.Read(hall.LastEvents);
        var random = new Random(seed);
        var tickets = new List<long>();
        var redefined = 0;
        for (var i = 0; i < 4000; i++)
        {
            now = now.AddSeconds(random.Next(0, 40));
            var command = RandomHallTraffic.Next(random, tickets, now);
            var r = hall.Apply(command, now);
            counted.Read(hall.LastEvents);
            if (r.IsSuccess && command.Kind == CommandKind.IssueTicket && !tickets.Contains(r.Ticket))
            {
                counted.Issued(command.Services);
            }

            if (r.Ticket != 0 && !tickets.Contains(r.Ticket))
            {
                tickets.Add(r.Ticket);
            }

            if (i % 500 == 250)
            {
                hall = Hall.Restore(hall.Definition, hall.SaveState()); // a restart: the day's figures come back with it
            }
            else if (i % 500 == 499)
            {
                // Every other time window 4 is taken out (if its clerk has closed it), then put back: its day stays in the
                // hall's figures, not in the window's.
                var full = RandomHallTraffic.Definition();
                var next = hall.Definition.Windows.Count == full.Windows.Count ? full with { Windows = [.. full.Windows.SkipLast(1)] } : full;
                try
                {
                    hall = hall.Redefine(next with { Name = $"renamed {i}" }, now);
                    counted.Read(hall.LastEvents);
                    counted.Keep(next.Windows.Select(w => w.Id));
                    redefined++;
                }
                catch (ArgumentException)
                {
                    // window 4 is open or holds tickets: it stays
                }
            }

            if (i % 20 == 0)
            {
                counted.AssertSame(hall.GetSnapshot(now), $"seed {seed}, command {i} ({command.Kind})");
            }
        }

        Assert.True(redefined > 0, "no redefinition took");
    }

    /// <summary>The dashboard a reader of the events keeps for itself.</summary>
    private sealed class CountedFigures
    {
        private readonly Dictionary<int, (int Served, long HandlingSeconds, int Ratings, long RatingSum)> _windows = [];
        private readonly Dictionary<long, (int Service, string Class, DateTimeOffset Since)> _waiting = [];
        private readonly Dictionary<int, int> _issued = [];
        private (int Served, int Ratings, long RatingSum) _hall;

        public void Issued(ServiceItemList items)
        {
            foreach (var s in items.AsSpan())
            {
                _issued[s] = _issued.GetValueOrDefault(s) + 1;
            }
        }

        /// <summary>A redefinition took out the windows not listed: their day is no longer theirs to show.</summary>
        public void Keep(IEnumerable<int> windows)
        {
            foreach (var gone in _windows.Keys.Except(windows).ToList())
            {
                _windows.Remove(gone);
            }
        }

        public void Read(ReadOnlySpan<HallEvent> events)
        {
            foreach (var e in events)
            {
                switch (e.Kind)
                {
                    case HallEventKind.DayOpened:
                        _windows.Clear();
                        _issued.Clear();
                        _hall = default;
                        break;
                    case HallEventKind.TicketIssued or HallEventKind.NextItem or HallEventKind.Resumed:
                        _waiting[e.Ticket] = (e.Service, e.PriorityClass!, e.Time);
                        break;
                    case HallEventKind.NoShow when e.Value == 1:
                        _waiting[e.Ticket] = (e.Service, e.PriorityClass!, e.Time);
                        break;
                    case HallEventKind.Transferred:
                        // To another item or window from a window: a new wait. Back from a window that closed over its own
                        // queue: the same wait goes on.
                        _waiting[e.Ticket] = (e.Service, e.PriorityClass!, _waiting.TryGetValue(e.Ticket, out var was) ? was.Since : e.Time);
                        break;
                    case HallEventKind.TicketCalled or HallEventKind.Parked or HallEventKind.Cancelled or HallEventKind.NoShow or HallEventKind.TicketCompleted:
                        _waiting.Remove(e.Ticket);
                        break;
                    case HallEventKind.ServiceFinished:
                        var w = _windows.GetValueOrDefault(e.Window);
                        _windows[e.Window] = w with { Served = w.Served + 1, HandlingSeconds = w.HandlingSeconds + e.Value };
                        _hall.Served++;
                        break;
                    case HallEventKind.Rated:
                        if (e.Window != 0)
                        {
                            var r = _windows.GetValueOrDefault(e.Window);
                            _windows[e.Window] = r with { Ratings = r.Ratings + 1, RatingSum = r.RatingSum + e.Value };
                        }

                        _hall = (_hall.Served, _hall.Ratings + 1, _hall.RatingSum + e.Value);
                        break;
                }
            }
        }

        public void AssertSame(HallSnapshot snapshot, string when)
        {
            Assert.True(_hall.Served == snapshot.ServedToday, $"{when}: served today {snapshot.ServedToday}, the events count {_hall.Served}");
            Assert.True(_hall.Ratings == snapshot.RatingsToday, $"{when}: ratings today {snapshot.RatingsToday}, the events count {_hall.Ratings}");
            Assert.Equal(_hall.Ratings == 0 ? 0 : (double)_hall.RatingSum / _hall.Ratings, snapshot.MeanRating, 9);
            foreach (var w in snapshot.Windows)
            {
                var c = _windows.GetValueOrDefault(w.Window);
                Assert.True((c.Served, c.Ratings) == (w.ServedToday, w.Ratings), $"{when}: window {w.Window} shows {(w.ServedToday, w.Ratings)}, the events count {(c.Served, c.Ratings)}");
                Assert.Equal(c.Ratings == 0 ? 0 : (double)c.RatingSum / c.Ratings, w.MeanRating, 9);
                var mean = c.Served == 0 ? 0 : (double)c.HandlingSeconds / c.Served;
                Assert.True(Math.Abs(mean - w.MeanHandlingTime.TotalSeconds) <= 1, $"{when}: window {w.Window} mean handling {w.MeanHandlingTime.TotalSeconds} s, the events {mean} s");
            }

            Assert.Equal(_waiting.Count, snapshot.TotalWaiting);
            foreach (var s in snapshot.Services)
            {
                var mine = _waiting.Values.Where(x => x.Service == s.Service).ToList();
                Assert.True(mine.Count == s.Waiting, $"{when}: service {s.Service} shows {s.Waiting} waiting, the events {mine.Count}");
                var byClass = mine.GroupBy(x => x.Class).ToDictionary(g => g.Key, g => g.Count());
                Assert.Equal(byClass.OrderBy(p => p.Key), s.WaitingByClass.OrderBy(p => p.Key));
                var longest = mine.Count == 0 ? TimeSpan.Zero : snapshot.Time - mine.Min(x => x.Since);
                Assert.True(longest == s.LongestWait, $"{when}: service {s.Service} longest wait {s.LongestWait}, the events {longest}");
                Assert.True(_issued.GetValueOrDefault(s.Service) == s.IssuedToday, $"{when}: service {s.Service} issued today {s.IssuedToday}, the kiosks got {_issued.GetValueOrDefault(s.Service)}");
            }
        }
    }
}
