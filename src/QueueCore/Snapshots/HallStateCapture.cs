namespace QueueCore;

/// <summary>
/// A hall's state taken at one instant by <see cref="Hall.CaptureState"/>: everything but the tickets already saved,
/// the tickets' records copied. <see cref="Complete"/> saves the tickets from the copy, on any thread, while the hall
/// goes on applying commands.
/// </summary>
internal sealed class HallStateCapture(
    Hall hall, HallState shell, TicketRecord[] records, int count, string?[]? appointments, string?[]? notes, int[]? servedBy)
{
    /// <summary>The hall the state was taken from.</summary>
    public Hall Hall { get; } = hall;

    /// <summary>The copied records (at least as long as the hall's used slots), for the next capture to reuse once this one is complete.</summary>
    public TicketRecord[] Records { get; } = records;

    /// <summary>The saved state, tickets included. Any thread; once.</summary>
    public HallState Complete()
    {
        var tickets = new List<SavedTicket>(count);
        for (var slot = 0; slot < count; slot++)
        {
            ref readonly var record = ref Records[slot];
            if (record.Id != 0)
            {
                // Only a ticket with a service to rate has today's clerk: another's may be from a day before.
                var clerk = record.RatableWindow == -1 ? 0 : ClerkDays.SavedId(TicketTable.ServedBy(servedBy, slot), shell.Clerks);
                tickets.Add(Hall.SaveTicket(in record, appointments?[slot], notes?[slot], clerk));
            }
        }

        return shell with { Tickets = [.. tickets] };
    }
}
