using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Feeds;

/// <summary>
/// A hall's last calls, as screens list them: the hall's last <see cref="Capacity"/>, and each window's own last
/// <see cref="Capacity"/>, so a screen of some windows gets as many of their calls as it asks for. With the hall's list
/// alone, a screen of window 5 in a hall of twelve windows found about four of its calls among the hall's last fifty
/// and listed those, however many it asked for. Not thread-safe: the feed uses it under its gate.
/// </summary>
internal sealed class RecentCalls
{
    /// <summary>The most calls a snapshot lists (<c>WatchDisplayRequest.recent_calls</c>).</summary>
    public const int Capacity = 50;

    // Each call with the order it was added in, which merges the windows' lists back into the hall's order.
    private readonly Queue<(long Order, Call Call)> _hall = new();
    private readonly Dictionary<int, Queue<(long Order, Call Call)>> _windows = [];
    private long _added;

    /// <summary>The newest call, or null when there is none.</summary>
    public Call? Newest { get; private set; }

    /// <summary>Adds a call as the newest.</summary>
    public void Add(Call call)
    {
        var entry = (_added++, call);
        Enqueue(_hall, entry);
        if (!_windows.TryGetValue(call.Window, out var window))
        {
            _windows[call.Window] = window = new();
        }

        Enqueue(window, entry);
        Newest = call;
    }

    /// <summary>Whether the list holds this call (the same ticket, window and time).</summary>
    public bool Holds(Call call) =>
        _windows.TryGetValue(call.Window, out var window) && window.Any(c => c.Call.Ticket == call.Ticket && c.Call.Time.Equals(call.Time));

    /// <summary>Empties the list.</summary>
    public void Clear()
    {
        _hall.Clear();
        _windows.Clear();
        Newest = null;
    }

    /// <summary>
    /// Replaces every call by what <paramref name="map"/> makes of it. Each window's list holds every call of
    /// the hall's list (a call among the hall's last is among its window's last), so each call is mapped once.
    /// </summary>
    public void Replace(Func<Call, Call> map)
    {
        var mapped = new Dictionary<long, Call>();
        foreach (var window in _windows.Values)
        {
            var calls = window.ToList();
            window.Clear();
            foreach (var (order, call) in calls)
            {
                var now = map(call);
                mapped[order] = now;
                window.Enqueue((order, now));
            }
        }

        var hall = _hall.ToList();
        _hall.Clear();
        foreach (var (order, _) in hall)
        {
            _hall.Enqueue((order, mapped[order]));
        }

        Newest = _hall.Count > 0 ? mapped[hall[^1].Order] : null;
    }

    /// <summary>At most <paramref name="count"/> calls, newest first: the hall's, or those to <paramref name="windows"/>.</summary>
    public IEnumerable<Call> NewestFirst(IReadOnlySet<int>? windows, int count)
    {
        var calls = windows is null
            ? _hall
            : windows.SelectMany(w => _windows.TryGetValue(w, out var window) ? window : []);
        return calls.OrderByDescending(c => c.Order).Take(count).Select(c => c.Call);
    }

    private static void Enqueue(Queue<(long Order, Call Call)> queue, (long Order, Call Call) entry)
    {
        queue.Enqueue(entry);
        if (queue.Count > Capacity)
        {
            queue.Dequeue();
        }
    }
}
