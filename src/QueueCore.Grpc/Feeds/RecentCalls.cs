using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Feeds;

/// <summary>
/// A hall's last calls, as screens list them: the hall's last <see cref="Capacity"/> tickets called, and each window's
/// own last <see cref="Capacity"/>, so a screen of some windows gets as many of their calls as it asks for. With the
/// hall's list alone, a screen of window 5 in a hall of twelve windows found about four of its calls among the hall's
/// last fifty and listed those, however many it asked for. Each ticket is listed once, at its latest call: a recall
/// re-announces the ticket and moves it to the top, as the live stream leaves a screen (a snapshot listed a recalled
/// ticket once per call, pushing other citizens' calls off a screen's short list). Not thread-safe: the feed uses it
/// under its gate.
/// </summary>
internal sealed class RecentCalls
{
    /// <summary>The most calls a snapshot lists (<c>WatchDisplayRequest.recent_calls</c>).</summary>
    public const int Capacity = 50;

    // Each call with the order it was added in, which merges the windows' lists back into the hall's order; oldest first.
    private readonly List<(long Order, Call Call)> _hall = [];
    private readonly Dictionary<int, List<(long Order, Call Call)>> _windows = [];
    private long _added;

    /// <summary>The newest call, or null when there is none.</summary>
    public Call? Newest { get; private set; }

    /// <summary>Adds a call as the newest, in place of an earlier call of its ticket.</summary>
    public void Add(Call call)
    {
        var entry = (_added++, call);
        Put(_hall, entry);
        if (!_windows.TryGetValue(call.Window, out var window))
        {
            _windows[call.Window] = window = [];
        }

        Put(window, entry);
        Newest = call;
    }

    /// <summary>Whether the list holds this call (the same ticket, window and time).</summary>
    public bool Holds(Call call) =>
        _windows.TryGetValue(call.Window, out var window) && window.Exists(c => c.Call.Ticket == call.Ticket && c.Call.Time.Equals(call.Time));

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
            for (var i = 0; i < window.Count; i++)
            {
                var (order, call) = window[i];
                var now = map(call);
                mapped[order] = now;
                window[i] = (order, now);
            }
        }

        for (var i = 0; i < _hall.Count; i++)
        {
            _hall[i] = (_hall[i].Order, mapped[_hall[i].Order]);
        }

        Newest = _hall.Count > 0 ? _hall[^1].Call : null;
    }

    /// <summary>
    /// At most <paramref name="count"/> calls, newest first, each ticket once: the hall's, or those to
    /// <paramref name="windows"/> (a ticket called at two of them is listed at its latest).
    /// </summary>
    public IEnumerable<Call> NewestFirst(IReadOnlySet<int>? windows, int count)
    {
        var calls = windows is null
            ? _hall
            : windows.SelectMany(w => _windows.TryGetValue(w, out var window) ? window : []);
        return calls.OrderByDescending(c => c.Order).DistinctBy(c => c.Call.Ticket).Take(count).Select(c => c.Call);
    }

    private static void Put(List<(long Order, Call Call)> list, (long Order, Call Call) entry)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Call.Ticket == entry.Call.Ticket)
            {
                list.RemoveAt(i);
                break; // a list holds a ticket once
            }
        }

        list.Add(entry);
        if (list.Count > Capacity)
        {
            list.RemoveAt(0);
        }
    }
}
