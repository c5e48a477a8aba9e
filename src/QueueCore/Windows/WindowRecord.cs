namespace QueueCore;

/// <summary>One window's configuration (compiled) and live state.</summary>
internal sealed class WindowRecord
{
    public WindowRecord(int index, WindowDefinition definition, SkillProfile profile, int dedicatedClass)
    {
        Index = index;
        Id = definition.Id;
        Definition = definition;
        Profile = profile;
        Tiers = profile.Tiers;
        TierOf = profile.TierOf;
        DelayOf = profile.DelayOf;
        DedicatedClass = dedicatedClass;
    }

    public int Index { get; }

    /// <summary>The public id (cached here: results and events need it on every command).</summary>
    public int Id { get; }

    public WindowDefinition Definition { get; }

    public SkillProfile Profile { get; }

    /// <summary>The profile's tiers, primary first (held here too: dispatch reads them on every call).</summary>
    public ProfileTier[] Tiers { get; }

    /// <summary>Per dense service: 0 not a skill, 1 primary, 2 overflow (the profile's).</summary>
    public byte[] TierOf { get; }

    /// <summary>Per dense service: the overflow delay in ticks (the profile's).</summary>
    public long[] DelayOf { get; }

    /// <summary>The class it is dedicated to, or -1.</summary>
    public int DedicatedClass { get; }

    public WindowState State;
    public bool Auto;
    public int Clerk;

    /// <summary>
    /// The dense index in the hall's <see cref="ClerkDays"/> of the clerk whose figures the window's calls and finishes
    /// count for: the clerk on it while open, the last one on it today once closed (for whom a rating counts when the
    /// clerk who finished the service is not known: see <see cref="ClerkDays.Unknown"/>), or -1 (no clerk: opened with
    /// none, or none since the day opened). Found once when the window opens.
    /// </summary>
    public int ClerkDay = -1;
    public string? PauseReason;

    /// <summary>While paused: the calls in a row left unanswered when the hall paused it itself, or 0 when a command did.</summary>
    public int PausedAfterUnanswered;

    /// <summary>While paused: the hall manager paused it (<see cref="HallCommand.PauseWindowAsManager"/>), so only the
    /// manager resumes it.</summary>
    public bool PausedByManager;

    /// <summary>The ticket called or being served (slot), or -1.</summary>
    public int Ticket = -1;

    /// <summary>Since when the window has been idle (ticks).</summary>
    public long IdleSince;

    /// <summary>The hall's count of calls today at the window's last call, or 0 for none today: its turn, the
    /// <see cref="WindowSelection.RoundRobin"/> key (the lowest is offered a ticket first).</summary>
    public long LastTurn;

    /// <summary>Whether it is in the hall's index of idle auto-mode windows.</summary>
    public bool IdleAuto;

    /// <summary>Calls in a row left unanswered (no-show).</summary>
    public int UnansweredCalls;

    /// <summary>Non-normal tickets called in a row (interleave rule).</summary>
    public int PriorityRun;

    /// <summary>Normal calls the interleave rule still owes (the next calls prefer a normal ticket).</summary>
    public int NormalOwed;

    /// <summary>A ticket (id) this auto window marked a no-show and does not call back before <see cref="HoldUntil"/>, or 0.</summary>
    public long HeldTicket;

    public long HoldUntil;

    /// <summary>Service-time and idle-time alerts already raised for the current ticket / idle spell.</summary>
    public bool ServiceTimeAlerted, IdleTimeAlerted;

    /// <summary>
    /// The ticket (id) whose service the window finished last today (what its evaluator pad rates by default), 0 when it
    /// has finished none since the day opened, or -1 when not known (restored from a state saved before it was kept).
    /// </summary>
    public long LastFinished;

    /// <summary>
    /// The <see cref="ClerkDays"/> index of the clerk who finished <see cref="LastFinished"/> (a rating of it counts for
    /// them), <see cref="ClerkDays.None"/>, or <see cref="ClerkDays.Unknown"/> (restored from a state saved before it
    /// was kept: the window's pad then rates that ticket only while its last finished service is this window's).
    /// </summary>
    public int LastFinishedBy = ClerkDays.None;

    /// <summary>Whether the service of <see cref="LastFinished"/> here was rated (at this window's pad or by the hall),
    /// kept here too because the ticket's own mark is its last service's, which may be another window's by now.</summary>
    public bool LastFinishedRated;

    /// <summary>The window's figures for the day (added to in place: a field, not a property, so no copy is made).</summary>
    public DayFigures Today;

    public bool IsOpen => State is WindowState.Idle or WindowState.Calling or WindowState.Serving;

    private static readonly string[] StateNames = ["closed", "idle", "calling", "serving", "paused"];

    private string?[]? _messages; // by (refusal, state): built once, so a clerk's double press allocates nothing

    /// <summary>The window's state in words, without boxing the enum.</summary>
    public static string StateName(WindowState state) => StateNames[(int)state];

    /// <summary>The message of <paramref name="refusal"/> for this window in its current state, built once and reused.</summary>
    public string Message(WindowRefusal refusal, Func<WindowRecord, string> build)
    {
        _messages ??= new string?[(int)WindowRefusal.Count * StateNames.Length];
        ref var message = ref _messages[((int)refusal * StateNames.Length) + (int)State];
        return message ??= build(this);
    }

    /// <summary>Forgets the messages of <paramref name="refusal"/> (one that names more than the state, e.g. the clerk,
    /// when that changes).</summary>
    public void ForgetMessages(WindowRefusal refusal)
    {
        if (_messages is not null)
        {
            Array.Clear(_messages, (int)refusal * StateNames.Length, StateNames.Length);
        }
    }
}
