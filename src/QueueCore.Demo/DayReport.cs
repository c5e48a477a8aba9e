using System.Globalization;

namespace QueueCore.Demo;

/// <summary>Figures of the day, computed only from the hall's events (as a dashboard would).</summary>
internal sealed class DayReport
{
    private readonly Dictionary<long, DateTimeOffset> _waitingSince = [];
    private readonly List<double> _waits = [];
    private readonly Dictionary<int, (int Served, int Ratings, int RatingSum)> _windows = [];
    private long _lastSequence;

    public int Issued { get; private set; }

    public int Completed { get; private set; }

    public int NoShows { get; private set; }

    public int Transfers { get; private set; }

    public int Parked { get; private set; }

    public int WaitLimitAlerts { get; private set; }

    public int QueueWarnings { get; private set; }

    public int Events { get; private set; }

    public int Gaps { get; private set; }

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
                _waitingSince[e.Ticket] = e.Time;
                break;
            case HallEventKind.NextItem or HallEventKind.Transferred or HallEventKind.Resumed:
                _waitingSince[e.Ticket] = e.Time;
                Transfers += e.Kind == HallEventKind.Transferred ? 1 : 0;
                break;
            case HallEventKind.TicketCalled when _waitingSince.Remove(e.Ticket, out var since):
                _waits.Add((e.Time - since).TotalMinutes);
                break;
            case HallEventKind.ServiceFinished:
                var w = _windows.GetValueOrDefault(e.Window);
                _windows[e.Window] = w with { Served = w.Served + 1 };
                break;
            case HallEventKind.Rated:
                var r = _windows.GetValueOrDefault(e.Window);
                _windows[e.Window] = r with { Ratings = r.Ratings + 1, RatingSum = r.RatingSum + e.Value };
                break;
            case HallEventKind.TicketCompleted:
                Completed++;
                break;
            case HallEventKind.NoShow:
                NoShows++;
                break;
            case HallEventKind.Parked:
                Parked++;
                break;
            case HallEventKind.WaitLimitPassed:
                WaitLimitAlerts++;
                break;
            case HallEventKind.QueueLengthWarning:
                QueueWarnings++;
                break;
        }
    }

    public void Print(TextWriter output, HallSnapshot end)
    {
        _waits.Sort();
        var p90 = _waits.Count == 0 ? 0 : _waits[(int)(0.9 * (_waits.Count - 1))];
        var under15 = _waits.Count == 0 ? 0 : _waits.Count(x => x <= 15) * 100.0 / _waits.Count;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Tickets issued {Issued}, completed {Completed}, no-shows {NoShows}, transfers {Transfers}, parked {Parked}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wait until called: mean {(_waits.Count == 0 ? 0 : _waits.Average()):F1} min, p90 {p90:F1} min, max {(_waits.Count == 0 ? 0 : _waits[^1]):F1} min, {under15:F0}% within 15 min"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Alerts: {WaitLimitAlerts} wait limits passed, {QueueWarnings} queue-length warnings. Events {Events}, sequence gaps {Gaps}."));
        output.WriteLine();
        output.WriteLine("Window               Served  Mean handling  Ratings  Mean rating");
        foreach (var w in end.Windows)
        {
            var figures = _windows.GetValueOrDefault(w.Window);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{w.Window,2} {w.Name,-17} {figures.Served,6}  {w.MeanHandlingTime.TotalMinutes,9:F1} min  {figures.Ratings,7}  {(figures.Ratings == 0 ? 0 : (double)figures.RatingSum / figures.Ratings),11:F2}"));
        }
    }
}
