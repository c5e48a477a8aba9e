using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;
using Change = QueueCore.Grpc.V1.WindowUpdate.Types.Change;

namespace QueueCore.Grpc.Services;

/// <summary>One window as its terminal's stream sees it, kept current from the hall's events.</summary>
internal sealed class WindowView(HallHandle hall, int window)
{
    private QueueCore.WindowState _state;
    private bool _auto;
    private Ticket? _ticket;
    private int _queueLength = -1;
    private DateTimeOffset _time;

    /// <summary>While paused: the calls in a row left unanswered when the hall paused it, 0 when its clerk did.</summary>
    private int _pausedAfterUnanswered;

    /// <summary>While paused: the hall manager paused it.</summary>
    private bool _pausedByManager;

    /// <summary>Loads the window from a snapshot; returns the snapshot's sequence.</summary>
    public async Task<long> LoadAsync(CancellationToken token)
    {
        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Figures, token).ConfigureAwait(false);
        var w = snapshot.Windows.FirstOrDefault(x => x.Window == window);
        _time = snapshot.Time;
        _state = w?.State ?? QueueCore.WindowState.Closed;
        _auto = w?.Auto ?? false;
        _pausedAfterUnanswered = w?.PausedAfterUnansweredCalls ?? 0;
        _pausedByManager = w?.PausedBy == WindowPauser.Manager;
        var at = w is null ? null : snapshot.AtWindows.FirstOrDefault(t => t.Ticket == w.Ticket);
        var catalog = HallCatalog.Of(hall.Definition);
        _ticket = at is null ? null : new Ticket
        {
            Hall = hall.Id,
            Id = at.Ticket,
            Number = at.Number.ToString(),
            State = at.State.ToProto(),
            Service = at.Service,
            ServiceName = catalog.ServiceName(at.Service),
            Window = window,
            Sequence = snapshot.Sequence,
            PriorityClass = at.PriorityClass,
            PriorityClassName = catalog.ClassName(at.PriorityClass),
        };
        await RefreshQueueAsync(token).ConfigureAwait(false);
        return snapshot.Sequence;
    }

    /// <summary>
    /// When the first overflow ticket of the queue not callable yet becomes callable (the queue length grows then, with
    /// no event), as of the last read of the queue; null when none waits for its delay, or the window is closed.
    /// </summary>
    public DateTimeOffset? CallableFrom { get; private set; }

    /// <summary>Reads the window's queue length again; true if it changed.</summary>
    public async Task<bool> RefreshQueueAsync(CancellationToken token)
    {
        CallableFrom = null;
        var length = _state == QueueCore.WindowState.Closed ? 0 : await CallableAsync(token).ConfigureAwait(false);
        if (length == _queueLength)
        {
            return false;
        }

        _queueLength = length;
        return true;
    }

    /// <summary>
    /// The tickets the window could call now: its queue without the overflow tickets whose delay has not passed yet. The
    /// queue's total counts those too, so a clerk at a window with an overflow skill read "1 waiting" while CallNext said
    /// nothing was. The queue lists them last, so the count is where they start (found by halving; a window without
    /// overflow skills has none, and pays one page as before).
    /// </summary>
    private async Task<int> CallableAsync(CancellationToken token)
    {
        var first = await hall.WindowQueueAsync(window, 0, 1, token).ConfigureAwait(false);
        if (first.Total == 0 || !HasOverflowSkill())
        {
            return first.Total;
        }

        if (first.Tickets is [{ Reason: QueueReason.OverflowLater } head, ..])
        {
            CallableFrom = head.EligibleAt;
            return 0;
        }

        int callable = 1, later = first.Total; // the first is callable; from `later` on, none is
        while (callable < later)
        {
            var at = callable + ((later - callable) / 2);
            var page = await hall.WindowQueueAsync(window, at, 1, token).ConfigureAwait(false);
            if (page.Tickets is [{ Reason: not QueueReason.OverflowLater }, ..])
            {
                callable = at + 1;
            }
            else
            {
                later = at; // an overflow ticket not callable yet, or the queue got shorter meanwhile
                // The last one found is the first not callable: they are listed in the order they become callable.
                CallableFrom = page.Tickets is [var next, ..] ? next.EligibleAt : null;
            }
        }

        return callable;
    }

    private bool HasOverflowSkill() =>
        hall.Definition.Windows.FirstOrDefault(w => w.Id == window) is { } definition && definition.Skills.Any(s => s.Tier == SkillTier.Overflow);

    /// <summary>Whether an event of this kind can change what a window would call.</summary>
    public static bool ChangesQueues(HallEventKind kind) => kind is HallEventKind.TicketIssued or HallEventKind.TicketCalled
        or HallEventKind.NextItem or HallEventKind.NoShow or HallEventKind.Transferred or HallEventKind.Resumed
        or HallEventKind.Cancelled or HallEventKind.DayClosed or HallEventKind.HallRedefined or HallEventKind.WindowOpened
        or HallEventKind.WindowClosed or HallEventKind.WaitLimitPassed;

    /// <summary>Applies a hall event (every one the stream reads, in order); the change to report, or null when it does not
    /// concern the window.</summary>
    public async Task<Change?> ApplyAsync(HallEvent e, CancellationToken token)
    {
        // Every event read becomes the stream's last sequence, so its time is the updates' time too: a queue update
        // caused by another window's event carried that event's sequence with the time of this window's last event.
        _time = e.Time;
        if (e.Window != window)
        {
            return null;
        }

        switch (e.Kind)
        {
            case HallEventKind.WindowOpened:
                await LoadAsync(token).ConfigureAwait(false); // auto mode is in the window's state, not the event
                // The load reads the hall now, which may be past this event: an auto window opened with tickets waiting
                // is pushed one in the same command, as the next event. The update shows the window as the opening left
                // it (idle, no ticket, at the event's time); the push comes next as CHANGE_PUSHED.
                _state = QueueCore.WindowState.Idle;
                _ticket = null;
                _time = e.Time;
                return Change.Window;
            case HallEventKind.WindowPaused:
                _state = QueueCore.WindowState.Paused;
                _pausedByManager = e.Value == HallEvent.PausedByManager;
                _pausedAfterUnanswered = Math.Max(0, e.Value); // the calls left unanswered when the hall paused it; 0 for a command
                return Change.Window;
            case HallEventKind.WindowResumed:
                _state = QueueCore.WindowState.Idle;
                return Change.Window;
            case HallEventKind.WindowClosed:
                _state = QueueCore.WindowState.Closed;
                _ticket = null;
                _queueLength = 0; // what a closed window would call (RefreshQueueAsync's rule), in this update already
                CallableFrom = null;
                return Change.Window;
            case HallEventKind.TicketCalled:
                _state = QueueCore.WindowState.Calling;
                _ticket = TicketOf(e, V1.TicketState.Called);
                return _auto ? Change.Pushed : Change.Called;
            case HallEventKind.TicketRecalled:
                _ticket = TicketOf(e, V1.TicketState.Called);
                return Change.Recalled;
            case HallEventKind.ServingStarted:
                _state = QueueCore.WindowState.Serving;
                _ticket = TicketOf(e, V1.TicketState.Serving);
                return Change.Serving;
            case HallEventKind.ServiceFinished or HallEventKind.NoShow or HallEventKind.Transferred or HallEventKind.Parked
                or HallEventKind.Cancelled when _ticket?.Id == e.Ticket:
                _state = QueueCore.WindowState.Idle;
                _ticket = null;
                return Change.Finished;
            default:
                return null;
        }
    }

    /// <summary>The update to send, as of <paramref name="sequence"/>.</summary>
    public WindowUpdate Update(long sequence, Change change) => new()
    {
        Sequence = sequence,
        Time = _time.ToProto(),
        State = _state.ToProto(),
        Ticket = _ticket,
        QueueLength = Math.Max(0, _queueLength),
        Change = change,
        PausedBy = _state != QueueCore.WindowState.Paused ? WindowUpdate.Types.PausedBy.Unspecified
            : _pausedByManager ? WindowUpdate.Types.PausedBy.Manager
            : _pausedAfterUnanswered > 0 ? WindowUpdate.Types.PausedBy.Hall : WindowUpdate.Types.PausedBy.Clerk,
        UnansweredCalls = _state == QueueCore.WindowState.Paused ? _pausedAfterUnanswered : 0,
    };

    private Ticket TicketOf(in HallEvent e, V1.TicketState state)
    {
        var catalog = HallCatalog.Of(hall.Definition);
        return new()
        {
            Hall = hall.Id,
            Id = e.Ticket,
            Number = e.Number.ToString(),
            State = state,
            Service = e.Service,
            ServiceName = catalog.ServiceName(e.Service),
            Window = window,
            Sequence = e.Sequence,
            PriorityClass = e.PriorityClass ?? "",
            PriorityClassName = catalog.ClassName(e.PriorityClass),
        };
    }
}
