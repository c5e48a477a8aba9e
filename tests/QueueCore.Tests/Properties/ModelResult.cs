namespace QueueCore.Tests.Properties;

/// <summary>What the model says a command returns: a refusal, or the ticket (and its state and window) the result describes.</summary>
internal readonly record struct ModelResult(QueueError Error, long Ticket = 0, TicketState State = TicketState.None, int Window = 0)
{
    public bool IsSuccess => Error == QueueError.None;

    public static ModelResult Refused(QueueError error) => new(error);

    public override string ToString() => IsSuccess ? $"OK ticket {Ticket} {State} window {Window}" : $"{Error}";
}
