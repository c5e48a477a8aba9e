namespace QueueCore;

/// <summary>
/// The state machine of one hall: applies one <see cref="HallCommand"/> at a given instant, mutates the hall,
/// and emits <see cref="HallEvent"/>s. Deterministic (same commands and times, same events and results) and
/// single-threaded: it knows no clocks, threads or files, so the same code runs in the engine, in replay and in
/// the simulator. Not thread-safe: one writer at a time (the engine gives each hall to one shard).
/// </summary>
public sealed partial class Hall
{
    private readonly ServiceRecord[] _services;
    private readonly CategoryRecord[] _categories;
    private readonly WindowRecord[] _windows;
    private readonly Dictionary<int, int> _serviceIndex;
    private readonly Dictionary<int, int> _windowIndex;
    private readonly Dictionary<string, int> _classIndex;
    private readonly string[] _classIds;
    private readonly long[] _headStart;
    private readonly int _classCount;
    private readonly int _normalClass;
    private readonly int _appointmentClass;
    private readonly int[] _ruleClass;
    private readonly long _maxWaitTicks;
    private readonly int _interleaveAfter;
    private readonly TimeZoneInfo _zone;
    private readonly long _idleLimitTicks;
    private readonly long _autoResumeTicks;
    private readonly long _resumeBonusTicks;

    private readonly TicketTable _tickets;
    private readonly TicketQueues<ItemQueueLinks> _queues;
    private readonly TicketQueues<ClassQueueLinks> _classQueues;
    private readonly EventBuffer _events = new();
    private readonly WatchLists _watch;
    private readonly Dictionary<int, int> _clerks = [];
    private readonly int[] _idleAuto;
    private int _idleAutoCount;

    private HallDayState _day;
    private long _serial;
    private int _totalWaiting;
    private long _now;
    private long _nextDue = long.MaxValue;
    private DateTimeOffset _nowOffset;

    /// <summary>Builds a hall from its definition, validating it.</summary>
    /// <exception cref="ArgumentException">The definition is invalid; the message says what is wrong.</exception>
    public Hall(HallDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        var compiled = HallCompiler.Compile(definition);
        _services = compiled.Services;
        _categories = compiled.Categories;
        _windows = compiled.Windows;
        _serviceIndex = compiled.ServiceIndex;
        _windowIndex = compiled.WindowIndex;
        _classIndex = compiled.ClassIndex;
        _classIds = compiled.ClassIds;
        _headStart = compiled.HeadStart;
        _classCount = _classIds.Length;
        _normalClass = compiled.NormalClass;
        _appointmentClass = compiled.AppointmentClass;
        _ruleClass = compiled.RuleClass;
        _maxWaitTicks = definition.Priority.MaxWait?.Ticks ?? 0;
        _interleaveAfter = definition.Priority.InterleaveAfter ?? 0;
        _zone = compiled.Zone;
        _tickets = new TicketTable(definition.InitialTicketCapacity, definition.RetainedCompletedTickets);
        _queues = new TicketQueues<ItemQueueLinks>(_tickets, (_services.Length * _classCount) + _windows.Length);
        _classQueues = new TicketQueues<ClassQueueLinks>(_tickets, _classCount);
        _idleAuto = new int[_windows.Length];
        _watch = new WatchLists(_tickets, _services.Length + 1);
        _idleLimitTicks = definition.WindowIdleLimit?.Ticks ?? 0;
        _autoResumeTicks = definition.Park.AutoResumeAfter?.Ticks ?? 0;
        _resumeBonusTicks = definition.Park.ResumeHeadStart.Ticks;
    }

    /// <summary>The hall's definition.</summary>
    public HallDefinition Definition { get; }

    /// <summary>The hall's id.</summary>
    public string Id => Definition.Id;

    /// <summary>The sequence number of the last event emitted (0 before any).</summary>
    public long Sequence { get; private set; }

    /// <summary>The events the last <see cref="Apply"/> emitted, in order, valid until the next call.</summary>
    public ReadOnlySpan<HallEvent> LastEvents => _events.Events;

    /// <summary>Whether the hall day is open for issuing tickets.</summary>
    public bool IsDayOpen => _day == HallDayState.Open;

    /// <summary>Tickets waiting in all (in item queues and window queues).</summary>
    public int TotalWaiting => _totalWaiting;

    /// <summary>
    /// The earliest instant at which a <see cref="CommandKind.Tick"/> may change something (a wait limit, an
    /// auto-resume, an overflow delay, a service or idle limit), or null when nothing is pending.
    /// </summary>
    public DateTimeOffset? NextDue =>
        _nextDue == long.MaxValue ? null : new DateTimeOffset(_nextDue, TimeSpan.Zero);

    /// <summary>Applies one command at <paramref name="now"/>. Never throws for bad input: errors are results
    /// that leave the hall unchanged.</summary>
    public CommandResult Apply(in HallCommand command, DateTimeOffset now)
    {
        _events.Clear();
        _nowOffset = now.ToUniversalTime();
        _now = _nowOffset.UtcTicks;
        var result = command.Kind switch
        {
            CommandKind.IssueTicket => IssueTicket(command),
            CommandKind.CallNext => CallNext(command),
            CommandKind.CallTicket => CallTicket(command),
            CommandKind.Recall => Recall(command),
            CommandKind.StartServing => StartServing(command),
            CommandKind.Finish => Finish(command),
            CommandKind.NoShow => NoShow(command),
            CommandKind.TransferToService => TransferToService(command),
            CommandKind.TransferToWindow => TransferToWindow(command),
            CommandKind.Park => Park(command),
            CommandKind.ResumeParked => ResumeParked(command),
            CommandKind.Cancel => Cancel(command),
            CommandKind.Rate => Rate(command),
            CommandKind.OpenWindow => OpenWindow(command),
            CommandKind.PauseWindow => PauseWindow(command),
            CommandKind.ResumeWindow => ResumeWindow(command),
            CommandKind.CloseWindow => CloseWindow(command),
            CommandKind.OpenDay => OpenDay(),
            CommandKind.CloseDay => CloseDay(command),
            CommandKind.Tick => Tick(),
            CommandKind.QueryTicket => QueryTicket(command),
            _ => CommandResult.Fail(QueueError.InvalidArgument, $"Unknown command kind {command.Kind}."),
        };
        return result with { Sequence = Sequence };
    }
}
