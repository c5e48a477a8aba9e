using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Scenarios;

/// <summary>
/// A hall day played through the engine's public API on a fake clock, with the log a hall manager reads afterwards:
/// every event the hall emitted, in order. Times are minutes after <see cref="Opening"/>.
/// </summary>
internal sealed class HallDay : IAsyncDisposable
{
    /// <summary>Bounds every await, so a bug fails the test instead of hanging it (generous: the machine is loaded).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static readonly DateTimeOffset Opening = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Opening);
    private readonly QueueEngine _engine;
    private readonly EventSubscription _events;

    public HallDay(HallDefinition definition)
    {
        _engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1, IngressCapacity = 1024, SubscriberBufferSize = 1 << 16 }, _time);
        Hall = _engine.AddHall(definition);
        _engine.Start();
        _events = Hall.Subscribe();
    }

    public HallHandle Hall { get; }

    /// <summary>Every event so far, in the hall's order (gapless sequence numbers).</summary>
    public List<HallEvent> Log { get; } = [];

    public double Minute => (_time.GetUtcNow() - Opening).TotalMinutes;

    public static DateTimeOffset At(double minute) => Opening.AddMinutes(minute);

    /// <summary>
    /// Moves the clock to <paramref name="minute"/> a minute at a time, ticking the hall at each (the engine's own tick
    /// reaches the shard on its own path, after a snapshot taken at once maybe), so timers fire at their minute.
    /// </summary>
    public async Task RunToAsync(double minute)
    {
        while (Minute < minute)
        {
            _time.Advance(TimeSpan.FromMinutes(Math.Min(1, minute - Minute)));
            await ReadToAsync((await Hall.SubmitAsync(HallCommand.Tick()).AsTask().WaitAsync(Timeout)).Sequence);
        }
    }

    /// <summary>Submits a command that must succeed; the log then holds its events.</summary>
    public async Task<CommandResult> DoAsync(HallCommand command)
    {
        var r = await Hall.SubmitAsync(command).AsTask().WaitAsync(Timeout);
        Assert.True(r.IsSuccess, $"{command.Kind} at +{Minute} min failed: {r}");
        await ReadToAsync(r.Sequence);
        return r;
    }

    /// <summary>Submits a command that must be refused with <paramref name="error"/>, with a message for people.</summary>
    public async Task<CommandResult> RefusedAsync(HallCommand command, QueueError error)
    {
        var r = await Hall.SubmitAsync(command).AsTask().WaitAsync(Timeout);
        Assert.Equal(error, r.Error);
        Assert.False(string.IsNullOrWhiteSpace(r.Message));
        return r;
    }

    public async Task<HallSnapshot> SnapshotAsync() => await Hall.GetSnapshotAsync().AsTask().WaitAsync(Timeout);

    /// <summary>Reads the log up to the hall's latest event (ticks the clock fired included).</summary>
    public async Task SyncAsync() => await ReadToAsync((await SnapshotAsync()).Sequence);

    private async Task ReadToAsync(long sequence)
    {
        while (Log.Count == 0 ? sequence > 0 : Log[^1].Sequence < sequence)
        {
            var read = await _events.ReadAsync().AsTask().WaitAsync(Timeout);
            Assert.True(read.IsEvent, $"the manager's log lost events: {read.Status}");
            Assert.True(Log.Count == 0 || read.Event.Sequence == Log[^1].Sequence + 1, "a gap in the log");
            Log.Add(read.Event);
        }
    }

    /// <summary>The calls in order: (ticket, window, minute, event sequence).</summary>
    public List<(long Ticket, int Window, double Minute, long Sequence)> Calls() =>
        [.. Log.Where(e => e.Kind == HallEventKind.TicketCalled).Select(e => (e.Ticket, e.Window, (e.Time - Opening).TotalMinutes, e.Sequence))];

    /// <summary>The tickets waiting just before the event numbered <paramref name="sequence"/>: issued before it, called after it.</summary>
    public List<long> WaitingBefore(long sequence)
    {
        var calledAfter = Log.Where(e => e.Kind == HallEventKind.TicketCalled && e.Sequence > sequence).Select(e => e.Ticket).ToHashSet();
        var calledBefore = Log.Where(e => e.Kind == HallEventKind.TicketCalled && e.Sequence < sequence).Select(e => e.Ticket).ToHashSet();
        return [.. Log.Where(e => e.Kind == HallEventKind.TicketIssued && e.Sequence < sequence && calledAfter.Contains(e.Ticket) && !calledBefore.Contains(e.Ticket)).Select(e => e.Ticket)];
    }

    public IEnumerable<HallEvent> Of(HallEventKind kind) => Log.Where(e => e.Kind == kind);

    /// <summary>
    /// What a manager checks at the end of any day: each ticket issued once, called to one window at a time, each of its
    /// items finished at most once, and ended in exactly one way (completed, dropped as a no-show, or cancelled) unless
    /// <paramref name="liveAllowed"/>.
    /// </summary>
    public void AssertNoTicketLostOrServedTwice(bool liveAllowed = false)
    {
        var issued = Of(HallEventKind.TicketIssued).Select(e => e.Ticket).ToList();
        Assert.Equal(issued.Count, issued.Distinct().Count());
        Assert.Equal(issued.Count, Of(HallEventKind.TicketIssued).Select(e => e.Number.ToString()).Distinct().Count());
        var ends = Log.Where(e => e.Kind is HallEventKind.TicketCompleted or HallEventKind.Cancelled || (e.Kind == HallEventKind.NoShow && e.Value == 0))
            .GroupBy(e => e.Ticket).ToDictionary(g => g.Key, g => g.Count());
        foreach (var t in issued)
        {
            var finished = Of(HallEventKind.ServiceFinished).Where(e => e.Ticket == t).Select(e => e.Service).ToList();
            Assert.Equal(finished.Count, finished.Distinct().Count());
            ends.TryGetValue(t, out var endCount);
            Assert.True(endCount == 1 || (liveAllowed && endCount == 0), $"ticket {t} ended {endCount} times");
        }

        // One ticket at a window at a time: between a window's call and the next, the ticket left it.
        var atWindow = new Dictionary<long, int>();
        foreach (var e in Log)
        {
            switch (e.Kind)
            {
                case HallEventKind.TicketCalled:
                    Assert.False(atWindow.ContainsKey(e.Ticket), $"ticket {e.Ticket} called to window {e.Window} while at window {atWindow.GetValueOrDefault(e.Ticket)}");
                    Assert.DoesNotContain(e.Window, atWindow.Values);
                    atWindow[e.Ticket] = e.Window;
                    break;
                case HallEventKind.ServiceFinished or HallEventKind.NoShow or HallEventKind.Transferred or HallEventKind.Parked or HallEventKind.Cancelled:
                    atWindow.Remove(e.Ticket);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        await _engine.DisposeAsync();
    }
}
