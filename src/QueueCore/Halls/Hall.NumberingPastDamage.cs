namespace QueueCore;

/// <remarks>
/// This part: numbering after a damaged journal. Recovery keeps a hall as it stood at a damaged record when the
/// record may have been one of its commands (ShardReplay.Salvage.cs), so the tickets its later commands issued are
/// lost, yet their numbers are on paper in citizens' hands. Numbering must not give those numbers again (two A051s at
/// one window): each category goes on past every number the skipped commands could have handed out. So do the event
/// sequence numbers: the lost commands' events were published (a command's events go out once its record is durable),
/// so screens saw their numbers; the hall's next events must not carry them again, or a screen resuming after the last
/// number it saw would follow the new events as if it had seen those before it.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>
    /// The most events one lost command is taken to have numbered: sixteen per ticket the hall can hold (a day close
    /// numbers one per live ticket, a tick a few), more than any command emits.
    /// </summary>
    internal const long EventsPerLostCommand = 16L * TicketTable.MaxSlots;

    /// <summary>Where the sequence stops moving past damage: far below the range where a JavaScript reader loses precision.</summary>
    private const long MaxSequencePastDamage = 1L << 52;

    /// <summary>
    /// Moves each category's numbering past what skipped issue commands may have handed out: <paramref name="issued"/>
    /// counts them by their first item's id (the item that picks the category), since the last skipped day opening
    /// (ticket ids go on past all <paramref name="issuedInAll"/> of them);
    /// <paramref name="dayOpened"/> says a day opening was skipped (the numbers in hands then start again at 1).
    /// <paramref name="unknown"/> more numbers (at least one) in every category, and as many ticket ids, cover the issues
    /// that bytes no frame shows could have held: the damaged record itself, bytes destroyed up to the next whole frame,
    /// and a log cut at its end (whose records past the cut are gone). The event sequence goes on past
    /// <see cref="EventsPerLostCommand"/> numbers for each of the <paramref name="skipped"/> commands and those unknown
    /// ones, so a reader that saw lost events is never resumed after them on the new timeline (it is behind the
    /// hall's history and resynchronises from a snapshot). Returns each category's next number, for the recovery log.
    /// </summary>
    internal List<string> SkipNumbersPastDamage(IReadOnlyDictionary<int, int> issued, bool dayOpened, int issuedInAll, int skipped, long unknown = 1)
    {
        unknown = Math.Clamp(unknown, 1, int.MaxValue);
        Sequence = Math.Max(Sequence, Math.Min(MaxSequencePastDamage, Sequence + ((skipped + unknown) * EventsPerLostCommand)));

        var counts = new int[_categories.Length];
        foreach (var (service, n) in issued)
        {
            if (_serviceIndex.TryGet(service, out var s))
            {
                counts[_services[s].Category] += n; // an item the hall does not know was refused: it took no number
            }
        }

        // Ticket ids too: a lost ticket's id (on its paper, in a phone's link) must not come to name another ticket.
        _serial = Math.Min(MaxSerial - 1, _serial + issuedInAll + unknown);
        var next = new List<string>();
        for (var c = 0; c < _categories.Length; c++)
        {
            var category = _categories[c];
            var past = dayOpened ? Math.Max(category.Sequence, counts[c]) : (long)category.Sequence + counts[c];
            category.Sequence = (int)Math.Min(int.MaxValue - 1L, past + unknown);
            next.Add(category.Number(category.Sequence + 1).ToString());
        }

        return next;
    }
}
