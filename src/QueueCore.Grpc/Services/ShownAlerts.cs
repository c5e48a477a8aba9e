using Google.Protobuf.Collections;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>
/// The alerts a dashboard's figures stream told as open and has not told closed, by identity (<see cref="AlertKey"/>):
/// at each update, those no longer among the hall's open alerts are told closed, once.
/// </summary>
internal sealed class ShownAlerts
{
    private readonly Dictionary<AlertKey, Alert> _shown = [];
    private readonly HashSet<AlertKey> _open = [];
    private readonly List<AlertKey> _closed = [];

    /// <summary>Whether any is shown: only then does an update need the hall's open alerts.</summary>
    public bool Any => _shown.Count > 0;

    /// <summary>
    /// Shows <paramref name="alerts"/>, each replacing one of the same identity (a queue or a window alerted again: the
    /// alert shown before closed meanwhile, and the dashboard replaces it, as the contract says).
    /// </summary>
    public void Add(IEnumerable<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            _shown[AlertKey.Of(alert)] = alert;
        }
    }

    /// <summary>
    /// Adds to <paramref name="closed"/> the alerts shown that are not among <paramref name="open"/> (every alert open at
    /// the update's sequence, not only the first wait alerts: one past them is still open), as they were shown, and
    /// shows them no more.
    /// </summary>
    public void Close(IReadOnlyList<OpenAlert> open, RepeatedField<Alert> closed)
    {
        _open.Clear();
        foreach (var alert in open)
        {
            _open.Add(AlertKey.Of(alert));
        }

        _closed.Clear();
        foreach (var (key, alert) in _shown)
        {
            if (!_open.Contains(key))
            {
                closed.Add(alert);
                _closed.Add(key);
            }
        }

        foreach (var key in _closed)
        {
            _shown.Remove(key);
        }
    }
}
