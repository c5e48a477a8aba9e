namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// A hall for <paramref name="definition"/> that continues this one: the day's queue, numbering, windows, timers and
    /// request ids carry over, matched by id. Windows, items and skills may be added, changed or removed (a removed
    /// window must be closed, a removed item or class must have no live ticket). The new hall's
    /// <see cref="LastEvents"/> hold a <see cref="HallEventKind.HallRedefined"/> event and any calls idle auto windows
    /// make with their new skills. This hall is left unchanged (discard it).
    /// </summary>
    /// <exception cref="ArgumentException">The definition is invalid, has another id, or leaves out something live;
    /// the message names it.</exception>
    public Hall Redefine(HallDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id != Id)
        {
            throw new ArgumentException($"A redefinition of hall '{Id}' must keep its id ('{definition.Id}' was given).", nameof(definition));
        }

        var next = Restore(definition, SaveState());
        next._eventCount = 0;
        if (now.UtcTicks > next._now)
        {
            next._now = now.UtcTicks;
        }

        next.EmitHall(HallEventKind.HallRedefined, -1, 0);
        foreach (var w in next._windows)
        {
            next.AutoCallIfIdle(w); // new skills may make waiting tickets eligible for idle auto windows
        }

        return next;
    }
}
