namespace QueueCore;

/// <summary>
/// A hall rule deriving a ticket's priority class from attributes the kiosk passes (age, flags), so kiosks
/// never decide priority themselves. A rule matches when the age reaches <see cref="MinAge"/> (if set) or any
/// of <see cref="AnyFlags"/> is present (if set).
/// </summary>
public sealed record ClassRule
{
    /// <summary>The class a match gives (one of <see cref="PriorityPolicy.Classes"/>; an empty id is refused as empty).</summary>
    public required string Class { get; init; }

    /// <summary>Matches a citizen at least this old (1 to 255). Null: age is not considered.</summary>
    public int? MinAge { get; init; }

    /// <summary>Matches when the ticket carries any of these flags. None: flags are not considered.</summary>
    public TicketFlags AnyFlags { get; init; }
}
