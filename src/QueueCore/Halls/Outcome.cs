using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// What a command handler hands back to <see cref="Hall.Apply"/>: the ticket and/or window the result describes, or
/// a refusal. Small on purpose: the public <see cref="CommandResult"/> is built from it once, after every event of
/// the command (auto calls included) has been emitted.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct Outcome
{
    private Outcome(int slot, int window, int position, long estimate, QueueError error, string? message)
    {
        Slot = slot;
        Window = window;
        Position = position;
        Estimate = estimate;
        Error = error;
        Message = message;
    }

    /// <summary>The ticket described (slot), or -1.</summary>
    public int Slot { get; }

    /// <summary>The window to report (dense index) when it is not the ticket's own, or -1.</summary>
    public int Window { get; }

    public int Position { get; }

    public long Estimate { get; }

    public QueueError Error { get; }

    public string? Message { get; }

    public static Outcome Empty => new(-1, -1, 0, 0, QueueError.None, null);

    public static Outcome Ticket(int slot, int window = -1) => new(slot, window, 0, 0, QueueError.None, null);

    public static Outcome Waiting(int slot, int position, long estimate) => new(slot, -1, position, estimate, QueueError.None, null);

    public static Outcome OfWindow(int window) => new(-1, window, 0, 0, QueueError.None, null);

    public static Outcome Refused(QueueError error, string message) => new(-1, -1, 0, 0, error, message);
}
