using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// The outcome of one command: success with what the caller needs (ticket, number, window, position,
/// estimated wait), or a typed <see cref="QueueError"/> with a message that says what was wrong.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct CommandResult
{
    /// <summary>None on success.</summary>
    public QueueError Error { get; init; }

    /// <summary>What was wrong, for people (null on success).</summary>
    public string? Message { get; init; }

    /// <summary>The ticket concerned (issued, called, finished, ...), or 0.</summary>
    public long Ticket { get; init; }

    /// <summary>The ticket's printed number.</summary>
    public TicketNumber Number { get; init; }

    /// <summary>The ticket's state after the command.</summary>
    public TicketState State { get; init; }

    /// <summary>The window concerned (e.g. the window a ticket was called to), or 0.</summary>
    public int Window { get; init; }

    /// <summary>The service item concerned (the ticket's current item), or -1.</summary>
    public int Service { get; init; }

    /// <summary>
    /// The priority class the ticket concerned queues as: its class id as the hall's definition names it
    /// (<see cref="PriorityClass.Id"/>, e.g. <c>"elderly"</c>), the one the hall's rules gave it at issue (or staff
    /// did), for a kiosk to print. An appointment check-in on time gets the policy's
    /// <see cref="PriorityPolicy.AppointmentClass"/> unless its attributes give a class with a longer head start; one
    /// not on time (see <see cref="AppointmentNotOnTime"/>) gets the class its attributes give, as a walk-in would.
    /// Null when the result describes no ticket (a window or day command, a refusal). A result built by hand keeps the
    /// text in the process-wide table of class ids and ticket prefixes (65,536 distinct texts at most), as halls do.
    /// </summary>
    public string? PriorityClass
    {
        get => _class == 0 ? null : TextTable.Get(_class);
        init => _class = TextTable.Intern(value);
    }

    /// <summary><see cref="PriorityClass"/> as the hall sets it: the class id's text id, already interned.</summary>
    internal int PriorityClassText
    {
        init => _class = value;
    }

    // A text id (as events keep theirs), not the string: a reference in the result cost the workload 10-15% per
    // command (bench/RESULTS.md, twentieth pass).
    private readonly int _class;

    /// <summary>
    /// True on the result of an appointment check-in (an issue with <see cref="HallCommand.Appointment"/>) that was not
    /// on time: earlier than <see cref="PriorityPolicy.AppointmentEarlyWindow"/> before its slot or later than
    /// <see cref="PriorityPolicy.AppointmentGracePeriod"/> after it. Its ticket queues without the appointment's
    /// priority, as a walk-in with the same attributes would (<see cref="PriorityClass"/> says as what), which the class
    /// alone does not tell a kiosk: a late check-in and a walk-in are both <c>"normal"</c>. A retry of the check-in
    /// (same request id) answers the same. False for every other result, those of later commands about the ticket
    /// included.
    /// </summary>
    public bool AppointmentNotOnTime { get; init; }

    /// <summary>
    /// For any command that leaves a ticket waiting (an issue, a query, a no-show, a next item, a transfer, a
    /// resume): how many tickets now waiting for its current item, of any class, rank ahead of it (0: none). Rank is
    /// the standing fixed at issue (issue time minus the class head start, ties by issue order), the order windows
    /// call in when rank alone decides; a ticket sent to a window counts the tickets ahead of it in that window's
    /// queue. Exact while the ticket is within 16 places of the nearer end of its item's queue of each class (always
    /// for a short queue, and for a fresh ticket, which joins at the end of its own class); deeper inside a long queue
    /// it is an estimate interpolated by rank. 0 when the ticket is not waiting.
    /// </summary>
    /// <remarks>
    /// It is a count in rank order, not a forecast of the calls before the ticket's own. Windows call some tickets out
    /// of rank order, which the count does not foresee:
    /// <list type="bullet">
    /// <item>An interleave rule (<see cref="PriorityPolicy.Interleave"/>) makes a window take normal tickets ahead of
    /// priority ones that outrank them. A normal ticket may then be called before priority tickets its position counts
    /// (only the normal tickets ranked ahead of it always go first), so it is called sooner than the count suggests;
    /// a priority ticket may be called after normal tickets ranked behind it, which the count leaves out (about
    /// <see cref="InterleaveRule.NormalCalls"/> for every <see cref="InterleaveRule.PriorityCalls"/> priority calls of
    /// each window that serves it), so it is called later.</item>
    /// <item>A dedicated window takes its class first; a ticket past the maximum wait goes before every class.</item>
    /// <item>A priority ticket issued later, less than its head start after this one, ranks ahead of it and adds to
    /// the count.</item>
    /// </list>
    /// The order one window will really call in, interleave included, is <see cref="Hall.GetWindowQueue(int, System.DateTimeOffset, int, int)"/>
    /// (<see cref="HallHandle.GetWindowQueueAsync"/>), where <see cref="QueuedTicket.Position"/> is the place in that
    /// window's calls. It is not computed per issue: it depends on the window (its skills, tiers and interleave
    /// counters), and a ticket's item is served by several windows in general, so no single number is right for all.
    /// </remarks>
    public int Position { get; init; }

    /// <summary>
    /// With <see cref="Position"/>: the estimated wait until the ticket is called. The wait for a window to free up,
    /// then <see cref="Position"/> times the item's moving-average handling time, shared over the open windows that
    /// serve the item as primary (one assumed when none is open, as if it had just started a service). A handling time counts at most four times the average
    /// (at least four minutes), so a Finish pressed after lunch or the next morning does not swing the estimates by hours.
    /// </summary>
    /// <remarks>
    /// The wait for a window counts the services under way: 0 while one of those windows is idle; one whole average of
    /// the ticket's item while none is open (all closed or paused, or only windows that take the item as overflow: nobody
    /// knows when one opens; it was told 0, as if a window were idle), and while windows that take the item as overflow
    /// are open (and none as primary) the whole estimate is never less than what is left of the shortest of their
    /// overflow delays (<see cref="WindowSkill.OverflowDelay"/>, counted from the ticket's standing), before which none
    /// of them calls it: a ticket for an item served only by a window that takes it after 10 minutes is told 10 minutes,
    /// not one 5-minute average;
    /// while every one of them holds a ticket (called or serving), the mean time their services have left: each window's
    /// by the average handling time of the item it serves (as that average stood when its service started), less the
    /// time it has run so far (counted from its start, or from the call when none was pressed, as a finish measures a
    /// handling time); never below 0 (overdue services are about to end); shared over those windows, since the first of
    /// several to finish comes sooner than one. So in a one-window hall whose clerk is 2 minutes into a service of an
    /// item that takes 10, a ticket first in line is told 8 minutes, the next 18 (if it is for that item); 3 minutes
    /// into an item that takes 30, it is told 27 minutes whatever its own item. It is a model, not a forecast.
    /// <para>A ticket in a window's own queue (transferred or returned to it: only that window calls it) is told by that
    /// window alone: 0 while it is idle; while it holds a ticket, what that service has left (the average of the item it
    /// serves less the time it has run, never below 0); while it is paused, one whole average, as if it had just started
    /// a service (nobody knows when its clerk is back; it was told 0). Then <see cref="Position"/> (its place in that queue) times the
    /// item's average, not shared. So at a paused window of a 10-minute item, the first such ticket is told 10 minutes,
    /// the next 20, until the window resumes.</para>
    /// Time is the hall's clock
    /// (the command's instant; a later query's, <see cref="CommandKind.QueryTicket"/>, which tells what is left then), so
    /// the same commands at the same instants, and a hall restored from their saved state, tell the same estimates.
    /// </remarks>
    public TimeSpan EstimatedWait { get; init; }

    /// <summary>The hall's event sequence number after the command (the last event it emitted).</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// When the ticket concerned was issued (hall clock, UTC): for a retried request answered with its first result
    /// (<see cref="HallCommand.WithRequestId"/>), the first issue's time, not the retry's. Default when the result
    /// describes no ticket, or for a request remembered in a state saved before the time was kept whose ticket is gone.
    /// </summary>
    public DateTimeOffset IssuedAt
    {
        get => new(_issuedAtTicks, TimeSpan.Zero); // 0 ticks: default
        init => _issuedAtTicks = value.UtcTicks;
    }

    // Ticks, not a DateTimeOffset (16 bytes with its offset): every result is copied through the engine's completions.
    private readonly long _issuedAtTicks;

    /// <summary>True when the command was applied.</summary>
    public bool IsSuccess => Error == QueueError.None;

    /// <summary>A failed result (e.g. for a stand-in of the engine in tests).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is <see cref="QueueError.None"/>, which is success.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static CommandResult Fail(QueueError error, string message)
    {
        // Fail(None, ...) gave a result whose IsSuccess was true, and a null message a failure that said nothing.
        ArgumentOutOfRangeException.ThrowIfEqual(error, QueueError.None);
        ArgumentNullException.ThrowIfNull(message);
        return new() { Error = error, Message = message, Service = -1 };
    }

    /// <summary>
    /// For logs and test messages: <c>OK ticket A001 (1048576) Waiting window 0 position 0 wait 00:00:00</c> for a
    /// result about a ticket, <c>OK window 1 (sequence 2)</c> or <c>OK (sequence 1)</c> for one about a window or the
    /// hall (opening the day, a window), <c>Closed: ...</c> (the error and its message) for a failure.
    /// </summary>
    public override string ToString() =>
        !IsSuccess ? $"{Error}: {Message}"
        : Ticket != 0 ? $"OK ticket {Number} ({Ticket}) {State} window {Window} position {Position} wait {EstimatedWait}"
        : Window != 0 ? $"OK window {Window} (sequence {Sequence})" // no ticket: 'ticket  (0) None' read as a blank ticket
        : $"OK (sequence {Sequence})";
}
