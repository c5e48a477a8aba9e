using System.Globalization;

namespace QueueCore.Demo;

/// <summary>
/// Figures of the day, computed only from the hall's events (as a dashboard would), kept so that they add up:
/// every ticket issued is completed, dropped as a no-show, cancelled, or still open. A ticket counts once however
/// many items it carries (items are counted apart), and a recall is a recall, not another call.
/// </summary>
internal sealed class DayReport
{
    private enum Place { Waiting, AtWindow, Parked }

    private readonly Dictionary<long, Place> _open = [];
    private readonly HashSet<long> _requeuedAfterNoShow = [];
    private readonly HashSet<long> _severalItems = [];
    private readonly Dictionary<long, DateTimeOffset> _waitingSince = [];
    private readonly List<double> _waits = [];
    private readonly Dictionary<int, (int Served, int Ratings, int RatingSum)> _windows = [];
    private long _lastSequence;

    /// <summary>Tickets issued (one per visit, whatever the number of items).</summary>
    public int Issued { get; private set; }

    /// <summary>Tickets whose every item was served.</summary>
    public int Completed { get; private set; }

    /// <summary>Tickets dropped after their last allowed no-show.</summary>
    public int NoShowDrops { get; private set; }

    /// <summary>No-shows after which the ticket went back to its queue.</summary>
    public int NoShowRequeues { get; private set; }

    /// <summary>Tickets cancelled (by the hall closing, or by hand).</summary>
    public int Cancelled { get; private set; }

    /// <summary>Tickets neither completed, dropped nor cancelled: waiting, at a window, or parked.</summary>
    public int StillOpen => _open.Count;

    /// <summary>Open tickets waiting in a queue.</summary>
    public int Waiting => OpenAt(Place.Waiting);

    /// <summary>Open tickets called to or being served at a window.</summary>
    public int AtWindows => OpenAt(Place.AtWindow);

    /// <summary>Open tickets parked (waiting for a document).</summary>
    public int ParkedNow => OpenAt(Place.Parked);

    /// <summary>Service items finished (a ticket with three items counts three).</summary>
    public int ItemsServed { get; private set; }

    /// <summary>Tickets that went on to a further item after their first.</summary>
    public int SeveralItemTickets => _severalItems.Count;

    /// <summary>Calls to a window, including calls of a ticket re-queued after a no-show.</summary>
    public int Calls { get; private set; }

    /// <summary>Of <see cref="Calls"/>, those of a ticket re-queued after a no-show.</summary>
    public int CallsAfterNoShow { get; private set; }

    /// <summary>Recalls: the same call repeated while the window waits for the citizen (not counted in <see cref="Calls"/>).</summary>
    public int Recalls { get; private set; }

    public int Transfers { get; private set; }

    public int Parked { get; private set; }

    public int WaitLimitAlerts { get; private set; }

    public int QueueWarnings { get; private set; }

    public int Events { get; private set; }

    public int Gaps { get; private set; }

    /// <summary>What <see cref="Print"/> found inconsistent (see <see cref="Discrepancies"/>); empty when the figures add up.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Whether every ticket issued is accounted for exactly once.</summary>
    public bool AddsUp => Issued == Completed + NoShowDrops + Cancelled + StillOpen;

    public void Add(in HallEvent e)
    {
        Events++;
        if (_lastSequence != 0 && e.Sequence != _lastSequence + 1)
        {
            Gaps++;
        }

        _lastSequence = e.Sequence;
        switch (e.Kind)
        {
            case HallEventKind.TicketIssued:
                Issued++;
                Wait(e);
                break;
            case HallEventKind.TicketCalled:
                Calls++;
                _open[e.Ticket] = Place.AtWindow;
                if (_requeuedAfterNoShow.Remove(e.Ticket))
                {
                    CallsAfterNoShow++;
                }

                if (_waitingSince.Remove(e.Ticket, out var since))
                {
                    _waits.Add((e.Time - since).TotalMinutes);
                }

                break;
            case HallEventKind.TicketRecalled:
                Recalls++;
                break;
            case HallEventKind.ServiceFinished:
                ItemsServed++;
                var w = _windows.GetValueOrDefault(e.Window);
                _windows[e.Window] = w with { Served = w.Served + 1 };
                break;
            case HallEventKind.NextItem:
                _severalItems.Add(e.Ticket);
                Wait(e);
                break;
            case HallEventKind.Transferred:
                Transfers++;
                Wait(e);
                break;
            case HallEventKind.Resumed:
                Wait(e);
                break;
            case HallEventKind.Parked:
                Parked++;
                _open[e.Ticket] = Place.Parked;
                break;
            case HallEventKind.NoShow when e.Value == 1:
                NoShowRequeues++;
                _open[e.Ticket] = Place.Waiting; // waits again with its old standing: not a new wait
                _requeuedAfterNoShow.Add(e.Ticket);
                break;
            case HallEventKind.NoShow:
                NoShowDrops++;
                Close(e.Ticket);
                break;
            case HallEventKind.TicketCompleted:
                Completed++;
                Close(e.Ticket);
                break;
            case HallEventKind.Cancelled:
                Cancelled++;
                Close(e.Ticket);
                break;
            case HallEventKind.Rated:
                var r = _windows.GetValueOrDefault(e.Window);
                _windows[e.Window] = r with { Ratings = r.Ratings + 1, RatingSum = r.RatingSum + e.Value };
                break;
            case HallEventKind.WaitLimitPassed:
                WaitLimitAlerts++;
                break;
            case HallEventKind.QueueLengthWarning:
                QueueWarnings++;
                break;
        }
    }

    /// <summary>Where the figures disagree with each other or with the hall's own snapshot; empty when all agree.</summary>
    public List<string> Discrepancies(HallSnapshot end)
    {
        var found = new List<string>();
        if (!AddsUp)
        {
            found.Add($"issued {Issued} != completed {Completed} + dropped {NoShowDrops} + cancelled {Cancelled} + still open {StillOpen}");
        }

        if (Waiting != end.TotalWaiting)
        {
            found.Add($"waiting by the events {Waiting}, by the hall {end.TotalWaiting}");
        }

        if (AtWindows != end.AtWindows.Count)
        {
            found.Add($"at windows by the events {AtWindows}, by the hall {end.AtWindows.Count}");
        }

        if (ItemsServed != end.Windows.Sum(w => w.ServedToday))
        {
            found.Add($"items served by the events {ItemsServed}, by the windows {end.Windows.Sum(w => w.ServedToday)}");
        }

        if (Gaps > 0)
        {
            found.Add($"{Gaps} gaps in the event sequence");
        }

        return found;
    }

    public void Print(TextWriter output, HallSnapshot end)
    {
        _waits.Sort();
        var p90 = _waits.Count == 0 ? 0 : _waits[(int)(0.9 * (_waits.Count - 1))];
        var under15 = _waits.Count == 0 ? 0 : _waits.Count(x => x <= 15) * 100.0 / _waits.Count;
        var discrepancies = Discrepancies(end);
        Problems = discrepancies;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Tickets issued {Issued} = completed {Completed} + dropped as no-shows {NoShowDrops} + cancelled {Cancelled} + still open {StillOpen} (waiting {Waiting}, at windows {AtWindows}, parked {ParkedNow})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Items served {ItemsServed} ({SeveralItemTickets} tickets went on to a further item). Calls {Calls} ({CallsAfterNoShow} of a ticket re-queued after a no-show), recalls {Recalls}, no-shows {NoShowRequeues + NoShowDrops} ({NoShowRequeues} re-queued, {NoShowDrops} dropped), transfers {Transfers}, parked {Parked}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wait until called (each item): mean {(_waits.Count == 0 ? 0 : _waits.Average()):F1} min, p90 {p90:F1} min, max {(_waits.Count == 0 ? 0 : _waits[^1]):F1} min, {under15:F0}% within 15 min"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Alerts: {WaitLimitAlerts} wait limits passed, {QueueWarnings} queue-length warnings. Events {Events}, sequence gaps {Gaps}."));
        output.WriteLine(discrepancies.Count == 0
            ? "The figures add up (tickets, items served per window, and the hall's own snapshot)."
            : $"THE FIGURES DO NOT ADD UP: {string.Join("; ", discrepancies)}");
        output.WriteLine();
        output.WriteLine("Window               Items served  Mean handling  Ratings  Mean rating");
        foreach (var w in end.Windows)
        {
            var figures = _windows.GetValueOrDefault(w.Window);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{w.Window,2} {w.Name,-17} {figures.Served,12}  {w.MeanHandlingTime.TotalMinutes,9:F1} min  {figures.Ratings,7}  {(figures.Ratings == 0 ? 0 : (double)figures.RatingSum / figures.Ratings),11:F2}"));
        }
    }

    private int OpenAt(Place place) => _open.Values.Count(p => p == place);

    /// <summary>The ticket (re)joins a queue: open, waiting, and its wait until the next call starts now.</summary>
    private void Wait(in HallEvent e)
    {
        _open[e.Ticket] = Place.Waiting;
        _waitingSince[e.Ticket] = e.Time;
    }

    private void Close(long ticket)
    {
        _open.Remove(ticket);
        _requeuedAfterNoShow.Remove(ticket);
        _waitingSince.Remove(ticket);
    }
}
