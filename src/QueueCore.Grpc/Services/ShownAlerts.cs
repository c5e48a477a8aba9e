using Google.Protobuf.Collections;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>
/// The alerts a dashboard's figures stream told as open and has not told closed, by identity (<see cref="AlertKey"/>).
/// At each update it is compared with every alert the hall has open: those no longer open are told closed, once, and
/// those open but never told (an alert that opened again without an event, such as a no-show re-queued whose new wait
/// passes the limit, or one raised while the stream fell behind the hall's history) are told, once.
/// </summary>
internal sealed class ShownAlerts
{
    private readonly Dictionary<AlertKey, Shown> _shown = [];
    private readonly HashSet<AlertKey> _untold = []; // the first update's wait alerts past the ones it lists
    private readonly HashSet<AlertKey> _open = [];
    private readonly List<AlertKey> _gone = []; // scratch: the keys to drop or renew

    /// <summary>
    /// The first update's open alerts, from a snapshot of every open alert: the first <see cref="Hall.SnapshotWaitAlerts"/>
    /// wait alerts (the longest waits) and every other alert, as a snapshot with the usual detail lists them. The wait
    /// alerts past them are never told, as the contract says, until they close and open again. Those listed are shown
    /// once the caller adds them as it tells them.
    /// </summary>
    public IReadOnlyList<OpenAlert> First(IReadOnlyList<OpenAlert> open)
    {
        var listed = new List<OpenAlert>(open.Count);
        var waits = 0;
        foreach (var alert in open)
        {
            if (alert.Kind == HallEventKind.WaitLimitPassed && ++waits > Hall.SnapshotWaitAlerts)
            {
                _untold.Add(AlertKey.Of(alert));
                continue;
            }

            listed.Add(alert);
        }

        return listed;
    }

    /// <summary>
    /// Shows <paramref name="alerts"/>, raised by events, each replacing one of the same identity (a queue or a window
    /// alerted again: the alert shown before closed meanwhile, and the dashboard replaces it, as the contract says).
    /// </summary>
    public void Add(IEnumerable<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            var key = AlertKey.Of(alert);
            _shown[key] = new(alert, 0);
            _untold.Remove(key);
        }
    }

    /// <summary>
    /// Whether <paramref name="alert"/>, raised by the event of <paramref name="sequence"/>, was told already: found open
    /// by an update at or after that event, before the stream read it (it is then no news).
    /// </summary>
    public bool Covers(Alert alert, long sequence) => _shown.TryGetValue(AlertKey.Of(alert), out var shown) && shown.Since >= sequence;

    /// <summary>
    /// The hall's events may be numbered again (a reset, a restore among them): no event to come is taken as covered by
    /// an update before it.
    /// </summary>
    public void Renumbered()
    {
        _gone.Clear();
        _gone.AddRange(_shown.Keys); // not set while enumerating the dictionary
        foreach (var key in _gone)
        {
            _shown[key] = _shown[key] with { Since = 0 };
        }
    }

    /// <summary>
    /// Compares the alerts shown with <paramref name="open"/>, every alert open at the update's <paramref name="sequence"/>
    /// (those past the first update's wait alerts too): adds to <paramref name="raised"/> those open but never told, and
    /// to <paramref name="closed"/> those told that are no longer open, as they were told, and shows them no more.
    /// </summary>
    public void Update(
        IReadOnlyList<OpenAlert> open, long sequence, HallDefinition definition, RepeatedField<Alert> raised, RepeatedField<Alert> closed)
    {
        _open.Clear();
        foreach (var alert in open)
        {
            var key = AlertKey.Of(alert);
            _open.Add(key);
            if (!_shown.ContainsKey(key) && !_untold.Contains(key))
            {
                var told = Alerts.Of(alert, definition);
                raised.Add(told);
                _shown[key] = new(told, sequence);
            }
        }

        _gone.Clear();
        foreach (var (key, shown) in _shown)
        {
            if (!_open.Contains(key))
            {
                closed.Add(shown.Alert);
                _gone.Add(key);
            }
        }

        foreach (var key in _gone)
        {
            _shown.Remove(key);
        }

        _untold.IntersectWith(_open); // one that closed and opens again later is news
    }

    /// <summary>An alert told as open, and the sequence of the update that found it open without its event (0: none).</summary>
    private readonly record struct Shown(Alert Alert, long Since);
}
