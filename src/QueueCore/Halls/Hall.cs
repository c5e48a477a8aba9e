using System.Runtime.CompilerServices;
namespace QueueCore;

/// <summary>
/// The state machine of one hall: applies one <see cref="HallCommand"/> at a given instant, mutates the hall,
/// and emits <see cref="HallEvent"/>s. Deterministic (same commands and times, same events and results) and
/// single-threaded: it knows no clocks, threads or files, so the same code runs in the engine, in replay and in
/// the simulator. Not thread-safe: one writer at a time (the engine gives each hall to one shard).
/// </summary>
public sealed partial class Hall
{
    // Fields are declared hot first: the runtime keeps declaration order within each field size, so what every
    // command touches shares a few cache lines (a shard with a thousand halls finds each hall cold).

    // --- hot references ---
    private readonly TicketTable _tickets;
    private readonly TicketQueues<ItemQueueLinks> _queues;
    private readonly TicketQueues<ClassQueueLinks> _classQueues;
    private readonly TicketQueues<CategoryQueueLinks> _categoryQueues; // (category, class), for tiers serving whole categories
    private HallEvent[] _events = new HallEvent[16];
    private readonly ServiceRecord[] _services;
    private readonly WindowRecord[] _windows;
    private readonly ClerkDays _clerkDays = new(); // per-clerk day figures: calls, finishes and ratings add by index
    private readonly int[] _serviceIds;
    private readonly int[] _windowIds;
    private readonly int[] _classTexts;
    private readonly long[] _headStart;
    private readonly RankNode[] _forest; // every skill profile's tournaments
    private readonly ulong[] _stale; // per (class, tier): the tournament's leaves whose queue head changed since it was read
    private readonly ulong[] _staleLeaves; // the same per leaf for tiers of more than 64 items (then _stale marks their words)
    private readonly TimerHeap _timers;
    private readonly CategoryRecord[] _categories;
    private readonly ClassRules _rules;
    private IdleWindows? _idle; // idle auto-mode windows by group, for pushes; built when a window first joins it
    private BusyWindows? _busy; // windows holding a ticket, for estimates; built when a window first takes one
    private long _estimateAt; // the instant estimates are told at: the clock, or a query's later instant (which does not move it)
    private string? _message; // a refusal's message (Hall.Results.cs)

    // --- hot values ---
    private long _now;
    private long _clock; // the instant the command came with: behind _now after the wall clock stepped back (see Park)
    private long _sequence;
    private long _estimate;
    private long _serial;
    private long _calls; // calls today: a window's call is its turn _calls + 1 (WindowSelection.RoundRobin)
    private readonly long _maxWaitTicks;
    private int _eventCount;
    private int _resultWindow = -1; // dense window index the result names when it is not the ticket's own, or -1
    private int _position; // -1 until a handler (an issue, a query) or the result locates the ticket
    private readonly int _classCount;
    private readonly int _normalClass;
    private readonly int _tierCount;
    private readonly int _staleWords; // words of _staleLeaves per class
    private int _totalWaiting;
    private int _live; // tickets issued and not yet finished, dropped or cancelled (numbers that must not be reused)
    private readonly int _interleavePriority; // 0: no interleave rule
    private HallDayState _day;
    private long _dayOpenedAt; // when the current (or last) day opened, in ticks; 0 when not known (an older saved state)
    private QueueError _error; // a refusal's error (Hall.Results.cs)
    private bool _normalSeen; // set by FindBest: a normal ticket was eligible for the window (interleave bookkeeping)
    private bool _checkInNotOnTime; // the command was an appointment check-in not on time (Hall.Results.cs)

    // --- the rest ---
    private DayFigures _removedToday; // windows removed by a redefinition today: still in the day's figures
    private readonly IdIndex _serviceIndex;
    private readonly IdIndex _windowIndex;
    private readonly WatchLists _watch;
    private readonly RequestLog _requests;
    private readonly Dictionary<string, int> _classIndex;
    private readonly string[] _classIds;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<int, int> _clerks = [];
    private readonly int _appointmentClass;
    private readonly int _interleaveNormal;
    private readonly long _idleLimitTicks;
    private readonly long _idleRecheckTicks;
    private readonly long _autoResumeTicks;
    private readonly long _resumeBonusTicks;
    private readonly long _callBackTicks;
    private readonly long _earlyTicks, _graceTicks;
    private int _offerMark;
    private long _zoneBlock = long.MinValue; // the 15-minute block of UTC time whose offset is cached below
    private long _zoneOffsetTicks;

    /// <summary>Builds a hall from its definition, validating it.</summary>
    /// <exception cref="ArgumentException">The definition is invalid; the message names the hall and the entry (ParamName
    /// "definition").</exception>
    public Hall(HallDefinition definition)
        : this(definition, laterRulesBroken: null)
    {
    }

    /// <param name="definition">The definition.</param>
    /// <param name="laterRulesBroken">Null to require every rule; otherwise the rules added since the definition was
    /// accepted that it breaks go here and into <see cref="LaterRulesBroken"/> (see <see cref="Restore"/>).</param>
    private Hall(HallDefinition definition, List<string>? laterRulesBroken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        var compiled = HallCompiler.Compile(definition, laterRulesBroken);
        if (laterRulesBroken is { Count: > 0 })
        {
            BrokenLaterRules.Add(this, [.. laterRulesBroken]);
        }
        _services = compiled.Services;
        _serviceIds = [.. _services.Select(s => s.Id)];
        _categories = compiled.Categories;
        _windows = compiled.Windows;
        _windowIds = [.. _windows.Select(w => w.Id)];
        _serviceIndex = compiled.ServiceIndex;
        _windowIndex = compiled.WindowIndex;
        _classIndex = compiled.ClassIndex;
        _classIds = compiled.ClassIds;
        _classTexts = compiled.ClassTexts;
        _headStart = compiled.HeadStart;
        _classCount = _classIds.Length;
        _normalClass = compiled.NormalClass;
        _appointmentClass = compiled.AppointmentClass;
        _rules = compiled.Rules;
        _zone = compiled.Zone;
        _forest = compiled.Forest;
        _tierCount = compiled.TierCount;
        _stale = new ulong[_classCount * _tierCount];
        _staleWords = compiled.StaleWords;
        _staleLeaves = new ulong[_classCount * _staleWords];
        var p = definition.Priority;
        _maxWaitTicks = p.MaxWait?.Ticks ?? 0;
        var interleave = p.Interleave ?? (p.InterleaveAfter is { } n ? new InterleaveRule { PriorityCalls = n, NormalCalls = 1 } : null);
        (_interleavePriority, _interleaveNormal) = interleave is null ? (0, 0) : (interleave.PriorityCalls, interleave.NormalCalls);
        _earlyTicks = p.AppointmentEarlyWindow.Ticks;
        _graceTicks = p.AppointmentGracePeriod.Ticks;
        _idleLimitTicks = definition.WindowIdleLimit?.Ticks ?? 0;
        _idleRecheckTicks = Math.Max(1, Math.Min(_idleLimitTicks, TimeSpan.TicksPerMinute));
        _autoResumeTicks = definition.Park.AutoResumeAfter?.Ticks ?? 0;
        _resumeBonusTicks = compiled.ResumeBonusTicks;
        _callBackTicks = definition.NoShow.CallBackAfter.Ticks;
        _tickets = new TicketTable(definition.InitialTicketCapacity, definition.RetainedCompletedTickets);
        _queues = new TicketQueues<ItemQueueLinks>(_tickets, (_services.Length * _classCount) + _windows.Length);
        _classQueues = new TicketQueues<ClassQueueLinks>(_tickets, _classCount);
        _categoryQueues = new TicketQueues<CategoryQueueLinks>(_tickets, _categories.Length * _classCount);
        _watch = new WatchLists(_tickets, _services.Length + 1);
        _timers = new TimerHeap(TimerRanks());
        _requests = new RequestLog(definition.RememberedRequests);
    }

    /// <summary>The hall's definition.</summary>
    public HallDefinition Definition { get; }

    /// <summary>
    /// For a hall restored from a saved state (the journal's, or a caller's): the rules added since its definition was
    /// accepted that it breaks, each as the message a new definition would be refused with; empty for most halls. The
    /// engine logs them so an administrator can fix the definition (a redefinition is held to every rule).
    /// </summary>
    internal string[] LaterRulesBroken => BrokenLaterRules.TryGetValue(this, out var rules) ? rules : [];

    // Beside the hall, not a field of it: rare, read once when the engine adds the hall, and a field would move the
    // fields every command reads (alternated with the code before it, the workload loop ran 10-25% slower at 16 and 256
    // items with such a field, and level without it).
    private static readonly ConditionalWeakTable<Hall, string[]> BrokenLaterRules = new();

    /// <summary>The hall's id.</summary>
    public string Id => Definition.Id;

    /// <summary>The sequence number of the last event emitted (0 before any).</summary>
    public long Sequence
    {
        get => _sequence;
        private set => _sequence = value;
    }

    /// <summary>The events the last <see cref="Apply"/> emitted, in order, valid until the next call.</summary>
    public ReadOnlySpan<HallEvent> LastEvents => _events.AsSpan(0, _eventCount);

    /// <summary>When the current (or last) day opened, in UTC ticks; 0 when not known. Tells one day from another.</summary>
    internal long DayOpenedTicks => _dayOpenedAt;

    /// <summary>Whether the hall day is open for issuing tickets.</summary>
    public bool IsDayOpen => _day == HallDayState.Open;

    /// <summary>Tickets waiting in all (in item queues and window queues).</summary>
    public int TotalWaiting => _totalWaiting;

    /// <summary>
    /// The hall's clock: the latest instant a command was applied at (it never goes back). A query
    /// (<see cref="CommandKind.QueryTicket"/>) does not move it: it changes nothing, so a journal does not record it.
    /// </summary>
    public DateTimeOffset Now => new(_now, TimeSpan.Zero);

    /// <summary>
    /// The earliest instant at which a <see cref="CommandKind.Tick"/> may change something (a wait limit, an
    /// auto-resume, an overflow delay, a service or idle limit), or null when nothing is pending. Reading it is O(1).
    /// </summary>
    public DateTimeOffset? NextDue =>
        _timers.NextDue == long.MaxValue ? null : new DateTimeOffset(Math.Min(_timers.NextDue, MaxTicks), TimeSpan.Zero);

    /// <summary><see cref="NextDue"/> as UTC ticks (long.MaxValue: none), for the engine's shard after every command.</summary>
    internal long NextDueTicks => _timers.NextDue;

    /// <summary>
    /// Applies one command at <paramref name="now"/>. Never throws for bad input: errors are results that leave the
    /// hall unchanged. The hall's clock never goes back: an instant earlier than the last one applied (a stepped wall
    /// clock) counts as the last one.
    /// </summary>
    public CommandResult Apply(in HallCommand command, DateTimeOffset now)
    {
        _eventCount = 0;
        _resultWindow = -1;
        _position = -1;
        _estimate = 0;
        _checkInNotOnTime = false;
        if (!command.TextsFit)
        {
            // Before the clock moves: the refusal changes nothing at all, so the engine does not journal the text.
            return Result(RefuseOverlongText(command));
        }

        var ticks = now.UtcTicks;
        _clock = ticks;
        if (ticks > _now && command.Kind != CommandKind.QueryTicket)
        {
            _now = ticks; // not by a query: it changes nothing, so the journal does not record it, and replay could not move it
        }

        _estimateAt = Math.Max(ticks, _now); // a ticket queried later is told what is left then

        if (command.HasRequestId && command.Kind is not (CommandKind.Tick or CommandKind.QueryTicket))
        {
            return ApplyOnce(command);
        }

        return Result(Run(command));
    }

    private int Run(in HallCommand command) => command.Kind switch
    {
        CommandKind.IssueTicket => IssueTicket(command),
        CommandKind.CallNext => CallNext(command),
        CommandKind.FinishAndCallNext => FinishAndCallNext(command),
        CommandKind.StartServing => StartServing(command),
        CommandKind.Finish => Finish(command),
        CommandKind.CallTicket => CallTicket(command),
        CommandKind.Recall => Recall(command),
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
        _ => RefuseUnknownKind(command.Kind),
    };

    private const long MaxTicks = 3_155_378_975_999_999_999; // DateTimeOffset.MaxValue.UtcTicks

    /// <summary><paramref name="at"/> + <paramref name="delay"/>, saturating at the last representable instant.</summary>
    private static long Later(long at, long delay) => delay >= MaxTicks - at ? MaxTicks : at + delay;
}
