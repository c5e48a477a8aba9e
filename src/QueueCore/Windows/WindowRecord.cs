namespace QueueCore;

/// <summary>One window's configuration (compiled) and live state.</summary>
internal sealed class WindowRecord
{
    public WindowRecord(int index, WindowDefinition definition, SkillProfile profile, int dedicatedClass)
    {
        Index = index;
        Definition = definition;
        Profile = profile;
        DedicatedClass = dedicatedClass;
    }

    public int Index { get; }

    public int Id => Definition.Id;

    public WindowDefinition Definition { get; }

    public SkillProfile Profile { get; }

    /// <summary>The class it is dedicated to, or -1.</summary>
    public int DedicatedClass { get; }

    public WindowState State;
    public bool Auto;
    public int Clerk;
    public string? PauseReason;

    /// <summary>The ticket called or being served (slot), or -1.</summary>
    public int Ticket = -1;

    /// <summary>Since when the window has been idle (ticks).</summary>
    public long IdleSince;

    /// <summary>Position in the hall's idle-auto list, or -1.</summary>
    public int IdleAutoIndex = -1;

    /// <summary>Calls in a row left unanswered (no-show).</summary>
    public int UnansweredCalls;

    /// <summary>Non-normal tickets called in a row (for the interleave rule).</summary>
    public int PriorityRun;

    /// <summary>Bumped on every state change, so stale timers recognise themselves.</summary>
    public int Version;

    /// <summary>Service-time and idle-time alerts already raised for the current ticket / idle spell.</summary>
    public bool ServiceTimeAlerted, IdleTimeAlerted;

    public int ServedToday;
    public long HandlingTicksToday;
    public int RatingsToday;
    public int RatingSumToday;

    public bool IsOpen => State is WindowState.Idle or WindowState.Calling or WindowState.Serving;

    private static readonly string[] StateNames = ["closed", "idle", "calling", "serving", "paused"];

    private readonly Dictionary<(WindowState, string), string> _messages = [];

    /// <summary>The window's state in words, without boxing the enum.</summary>
    public static string StateName(WindowState state) => StateNames[(int)state];

    /// <summary>An error message about this window in its current state, built once per (state, reason) and reused.</summary>
    public string Message(string what, Func<WindowRecord, string, string> build)
    {
        if (!_messages.TryGetValue((State, what), out var message))
        {
            message = build(this, what);
            _messages[(State, what)] = message;
        }

        return message;
    }
}
