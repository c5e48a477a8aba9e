using System.Globalization;

namespace QueueCore;

/// <summary>The number printed on a ticket and shown on screens, e.g. A023: a category prefix and a daily sequence.</summary>
/// <param name="Prefix">The category prefix.</param>
/// <param name="Sequence">The sequence within the category and day, from 1.</param>
/// <param name="Width">Minimum digits printed.</param>
public readonly record struct TicketNumber(string Prefix, int Sequence, int Width = 3)
{
    /// <summary>The printed form, e.g. "A023".</summary>
    public override string ToString() =>
        Prefix is null ? "" : Prefix + Sequence.ToString(CultureInfo.InvariantCulture).PadLeft(Width, '0');
}
