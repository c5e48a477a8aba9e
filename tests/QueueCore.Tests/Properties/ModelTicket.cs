namespace QueueCore.Tests.Properties;

/// <summary>One ticket as <see cref="ReferenceScheduler"/> sees it: plain fields, no links.</summary>
internal sealed class ModelTicket
{
    public long Id;
    public long Serial;
    public string Number = "";
    public int Class;

    /// <summary>Issue time minus class head start, minus resume bonuses, pushed back by no-shows: smaller is called first.</summary>
    public long Rank;

    public List<int> Items = [];
    public int ItemIndex;

    /// <summary>The current item (after the last item finished, the last one).</summary>
    public int Service;

    public TicketState State;
    public int NoShows;
    public int Recalls;

    /// <summary>The window it is called to or served at; while parked, the window that parked it.</summary>
    public ModelWindow? Window;

    /// <summary>While waiting: the window whose own queue holds it (transferred or returned there); null in its item's queue.</summary>
    public ModelWindow? QueueWindow;

    /// <summary>While called: it was called from the window's own queue, so a no-show puts it back there.</summary>
    public bool CalledFromWindowQueue;

    /// <summary>When it last came to wait, and in which order tickets came to wait (wait limits are counted from it).</summary>
    public long EnqueuedAt;
    public long JoinOrder;

    /// <summary>When its wait-limit alert falls due, or null (no limit, already alerted, or not waiting).</summary>
    public long? WatchDue;

    public long ServingAt;

    /// <summary>While parked: when it comes back by itself (null: only by hand), and the order it was parked in.</summary>
    public long? ParkDue;
    public long ParkOrder;


    public bool IsLive => State is TicketState.Waiting or TicketState.Called or TicketState.Serving or TicketState.Parked;

    public override string ToString() => $"{Number} ({Id}) {State} item {Service} class {Class} rank {Rank} serial {Serial}";
}
