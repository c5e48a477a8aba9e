namespace QueueCore.Tests.Properties;

/// <summary>One window as <see cref="ReferenceScheduler"/> sees it.</summary>
internal sealed class ModelWindow(WindowDefinition definition, int index, int dedicated, Dictionary<int, (int Tier, long Delay)> skills)
{
    public WindowDefinition Definition { get; set; } = definition;

    public int Id => Definition.Id;

    /// <summary>Position in the definition (timers of windows fire in this order when due at the same instant).</summary>
    public int Index { get; } = index;

    /// <summary>The class index it is dedicated to, or -1.</summary>
    public int Dedicated { get; set; } = dedicated;

    /// <summary>Per service id: 1 primary, 2 overflow (with its delay in ticks). Items not listed are not served.</summary>
    public Dictionary<int, (int Tier, long Delay)> Skills { get; set; } = skills;

    public WindowState State;
    public bool Auto;
    public int Clerk;
    public ModelTicket? Current;

    /// <summary>While it holds a ticket: when its service is expected to end (ticks).</summary>
    public long ExpectedEnd;
    public int PriorityRun;
    public int NormalOwed;
    public long IdleSince;
    public int Unanswered;

    /// <summary>While paused: the hall manager paused it, so only the manager resumes it.</summary>
    public bool PausedByManager;

    /// <summary>While paused by a command: its reason (null for none).</summary>
    public string? PauseReason;
    public int ServedToday;

    /// <summary>Time spent serving today (ticks): the least-busy key.</summary>
    public long HandlingToday;

    /// <summary>The hall's count of calls today at the window's last call (0: none today): the round-robin key.</summary>
    public long LastTurn;

    /// <summary>When its idle-time or service-time alert falls due (null: none pending).</summary>
    public long? IdleAlertDue;
    public long? ServiceAlertDue;

    /// <summary>A ticket this auto window marked a no-show and holds back until <see cref="HoldUntil"/>.</summary>
    public ModelTicket? Held;
    public long HoldUntil;

    /// <summary>The last instant this auto window looked for a ticket (overflow tickets eligible after it are news to it).</summary>
    public long LookedAt;

    public int TierOf(int service) => Skills.TryGetValue(service, out var s) ? s.Tier : 0;

    public override string ToString() =>
        $"window {Id} {State}{(Auto ? " auto" : "")} ticket {Current?.Id ?? 0} run {PriorityRun} owed {NormalOwed} idle alert {At(IdleAlertDue)} "
        + $"service alert {At(ServiceAlertDue)} held {Held?.Id ?? 0} until {At(HoldUntil)} looked {At(LookedAt)}";

    private static string At(long? ticks) => ticks is { } t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero).ToString("HH:mm:ss") : "-";
}
