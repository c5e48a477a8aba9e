using System.Collections.Concurrent;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// When each call of one hall was sent, so a screen that receives it can tell how long it took. A call is known by
/// its ticket once the terminal's reply names it; before that (a screen can see the call first) it is the one call
/// in flight at its window: a hall's terminal sends one call at a time, windows in turn.
/// </summary>
internal sealed class CallClock(MeasureWindow window)
{
    private readonly long[] _inFlight = new long[LoadHalls.Windows + 1];
    private readonly ConcurrentDictionary<long, long> _sentByTicket = new();
    private long _measuredCalls;

    public MeasureWindow Window => window;

    /// <summary>Calls sent inside the measure window that called a ticket: each screen of the hall should show each once.</summary>
    public long MeasuredCalls => Volatile.Read(ref _measuredCalls);

    public void Sending(int windowId, long timestamp) => Volatile.Write(ref _inFlight[windowId], timestamp);

    public void Called(long ticket, long sent)
    {
        _sentByTicket[ticket] = sent;
        if (window.Contains(sent))
        {
            Interlocked.Increment(ref _measuredCalls);
        }
    }

    /// <summary>When the call of <paramref name="ticket"/> to <paramref name="windowId"/> was sent.</summary>
    public long SentAt(long ticket, int windowId) =>
        _sentByTicket.TryGetValue(ticket, out var sent) ? sent
        : windowId is > 0 and <= LoadHalls.Windows ? Volatile.Read(ref _inFlight[windowId])
        : 0;
}
