namespace QueueCore.Tests.Audit;

/// <summary>What an outside integrator writes: a clock in minutes, and a hall driven through <see cref="Hall.Apply"/> only.</summary>
internal static class AuditKit
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    /// <summary>Applies a command that must succeed.</summary>
    public static CommandResult Ok(this Hall hall, HallCommand command, double minute)
    {
        var r = hall.Apply(command, At(minute));
        Assert.True(r.IsSuccess, $"{command.Kind} at +{minute} min failed: {r.Error} {r.Message}");
        return r;
    }

    public static CommandResult Try(this Hall hall, HallCommand command, double minute) => hall.Apply(command, At(minute));

    public static HallEvent[] Events(this Hall hall) => hall.LastEvents.ToArray();

    public static long Issue(this Hall hall, double minute, ServiceItemList? items = null, byte age = 0, TicketFlags flags = TicketFlags.None) =>
        hall.Ok(HallCommand.IssueTicket(items ?? 1, age, flags), minute).Ticket;

    public static TicketState StateOf(this Hall hall, long ticket, double minute) => hall.Ok(HallCommand.QueryTicket(ticket), minute).State;

    /// <summary>Opens the day at <see cref="T0"/> and the windows (clerk = 100 + id), auto or manual.</summary>
    public static Hall Open(HallDefinition definition, bool auto, params int[] windows)
    {
        var hall = new Hall(definition);
        hall.Ok(HallCommand.OpenDay(), 0);
        foreach (var w in windows)
        {
            hall.Ok(HallCommand.OpenWindow(w, clerk: 100 + w, auto: auto), 0);
        }

        return hall;
    }
}
