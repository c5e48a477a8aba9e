namespace QueueCore.Tests.Engine;

/// <summary>
/// What a hall's events say happened, read event by event and checked against DOMAIN.md's integrity rule 8 as a
/// hall would notice it: a number handed to a second citizen while the first still holds it (or twice in one day), a
/// ticket called to a window that holds another one or called while at a window already, a service finished twice, a
/// clerk opening a second window or a window opened twice, a gap or a repeat in the sequence numbers. Fed one hall
/// after another when a hall is removed and added again with its id (its citizens keep their numbers).
/// </summary>
internal sealed class HallIntegrityModel
{
    public enum Place
    {
        Waiting,
        AtWindow,
        Finishing,
        Parked,
        Done,
        Removed,
    }

    private readonly Dictionary<long, (Place Place, int Window, string Number)> _tickets = [];
    private readonly Dictionary<int, long> _atWindow = [];
    private readonly Dictionary<int, int> _clerkOf = []; // open window -> clerk (0: none)
    private readonly HashSet<string> _dayNumbers = [];
    private readonly HashSet<string> _heldByRemoved = [];
    private long _expected = 1;
    private int _hall;

    public IReadOnlyDictionary<long, (Place Place, int Window, string Number)> Tickets => _tickets;

    public IReadOnlyDictionary<int, int> OpenWindows => _clerkOf;

    public long LastSequence => _expected - 1;

    public int Events { get; private set; }

    /// <summary>Numbers a citizen in the hall still holds, or that were given today: a new ticket must get none of them.</summary>
    public bool IsTaken(string number) => _dayNumbers.Contains(number) || _heldByRemoved.Contains(number) || LiveNumbers().Contains(number);

    /// <summary>The hall was removed: its live tickets leave with it, their numbers still in their holders' hands.</summary>
    public void HallRemoved()
    {
        foreach (var (id, t) in _tickets.ToArray())
        {
            if (t.Place is not (Place.Done or Place.Removed))
            {
                _heldByRemoved.Add(t.Number);
                _tickets[id] = (Place.Removed, 0, t.Number);
            }
        }

        _atWindow.Clear();
        _clerkOf.Clear();
        _hall++;
        _expected = 1; // a hall added again numbers its events afresh (its readers start Lagged, docs/engine.md)
    }

    public void Read(HallEvent e)
    {
        Events++;
        Assert.True(e.Sequence == _expected, $"hall #{_hall}: event {e.Kind} has sequence {e.Sequence}, expected {_expected} (a gap or a repeat)");
        _expected++;
        switch (e.Kind)
        {
            case HallEventKind.DayOpened:
                if (_heldByRemoved.Count == 0 && !LiveNumbers().Any())
                {
                    _dayNumbers.Clear(); // nobody in the hall holds a number: the day may number afresh
                }

                return;
            case HallEventKind.DayClosed:
                _heldByRemoved.Clear(); // the removed hall's citizens were sent home with the day, as the kept hall's were
                return;
            case HallEventKind.WindowOpened:
                Assert.False(_clerkOf.ContainsKey(e.Window), $"hall #{_hall}: window {e.Window} opened by clerk {e.Value} at {e.Sequence} while clerk {_clerkOf.GetValueOrDefault(e.Window)} had it open");
                Assert.True(e.Value == 0 || !_clerkOf.ContainsValue(e.Value), $"hall #{_hall}: clerk {e.Value} opened window {e.Window} at {e.Sequence} while at window {_clerkOf.FirstOrDefault(p => p.Value == e.Value).Key}");
                _clerkOf[e.Window] = e.Value;
                return;
            case HallEventKind.WindowClosed:
                Assert.True(_clerkOf.Remove(e.Window), $"hall #{_hall}: window {e.Window} closed at {e.Sequence}, never opened");
                Assert.False(_atWindow.ContainsKey(e.Window), $"hall #{_hall}: window {e.Window} closed at {e.Sequence} with ticket {_atWindow.GetValueOrDefault(e.Window)} at it");
                return;
            case HallEventKind.TicketIssued:
                var number = e.Number.ToString();
                Assert.False(LiveNumbers().Contains(number) || _heldByRemoved.Contains(number), $"hall #{_hall}: {number} issued at {e.Sequence} while a citizen in the hall still holds {number}");
                Assert.True(_dayNumbers.Add(number), $"hall #{_hall}: {number} issued twice in a day (again at {e.Sequence})");
                Assert.True(_tickets.TryAdd(e.Ticket, (Place.Waiting, 0, number)), $"hall #{_hall}: ticket id {e.Ticket} issued twice ({number} at {e.Sequence})");
                return;
        }

        if (e.Ticket == 0 || e.Kind is HallEventKind.Rated or HallEventKind.WaitLimitPassed or HallEventKind.ServiceTimePassed)
        {
            return;
        }

        Assert.True(_tickets.TryGetValue(e.Ticket, out var was), $"hall #{_hall}: {e.Kind} of {e.Number} at {e.Sequence}, never issued");
        Assert.True(was.Place is not (Place.Done or Place.Removed), $"hall #{_hall}: {e.Kind} of {e.Number} at {e.Sequence} after it was {was.Place}");
        Assert.True(was.Place != Place.Finishing || e.Kind is HallEventKind.NextItem or HallEventKind.TicketCompleted or HallEventKind.Cancelled,
            $"hall #{_hall}: {e.Kind} of {e.Number} at {e.Sequence} right after its service finished");
        if (was.Place is Place.AtWindow or Place.Finishing && e.Kind is not (HallEventKind.TicketRecalled or HallEventKind.ServingStarted or HallEventKind.ServiceFinished))
        {
            _atWindow.Remove(was.Window);
        }

        var next = e.Kind switch
        {
            HallEventKind.TicketCalled => Called(e, was.Place),
            HallEventKind.TicketRecalled or HallEventKind.ServingStarted => Stays(e, was, Place.AtWindow).Place,
            HallEventKind.ServiceFinished => Finished(e, was),
            HallEventKind.NextItem or HallEventKind.Transferred or HallEventKind.Resumed => Place.Waiting,
            HallEventKind.NoShow => e.Value == 1 ? Place.Waiting : Place.Done,
            HallEventKind.Parked => Place.Parked,
            HallEventKind.TicketCompleted => was.Place == Place.Finishing ? Place.Done : throw Fail($"completed at {e.Sequence} without its service finished"),
            HallEventKind.Cancelled => Place.Done,
            _ => throw Fail($"unexpected {e.Kind} at {e.Sequence}"),
        };
        var window = next is Place.AtWindow or Place.Finishing ? e.Window : 0;
        _tickets[e.Ticket] = (next, window, was.Number);
        if (window != 0)
        {
            _atWindow[window] = e.Ticket;
        }

        Exception Fail(string what) => new InvalidOperationException($"hall #{_hall}: {e.Number} {what}");
    }

    private Place Called(HallEvent e, Place was)
    {
        Assert.True(was == Place.Waiting, $"hall #{_hall}: {e.Number} called to window {e.Window} at {e.Sequence} while {was}");
        Assert.True(_clerkOf.ContainsKey(e.Window), $"hall #{_hall}: {e.Number} called to window {e.Window} at {e.Sequence}, a closed window");
        Assert.False(_atWindow.TryGetValue(e.Window, out var other), $"hall #{_hall}: {e.Number} called to window {e.Window} at {e.Sequence} while ticket {other} was there");
        return Place.AtWindow;
    }

    private Place Finished(HallEvent e, (Place Place, int Window, string Number) was)
    {
        Stays(e, was, Place.AtWindow); // a second finish of one service would find it finishing, not at the window
        return Place.Finishing;
    }

    private (Place Place, int Window) Stays(HallEvent e, (Place Place, int Window, string Number) was, Place expected)
    {
        Assert.True(was.Place == expected && was.Window == e.Window, $"hall #{_hall}: {e.Kind} of {e.Number} at window {e.Window} at {e.Sequence} while {was.Place} at {was.Window}");
        return (was.Place, was.Window);
    }

    private IEnumerable<string> LiveNumbers() =>
        _tickets.Values.Where(t => t.Place is Place.Waiting or Place.AtWindow or Place.Finishing or Place.Parked).Select(t => t.Number);
}
