namespace QueueCore;

/// <summary>A group of service items that share a ticket prefix and a daily number sequence (A001, A002, ...).</summary>
public sealed record ServiceCategory
{
    /// <summary>The category's id, referenced by <see cref="ServiceItem.Category"/>.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The ticket-number prefix, e.g. "A", "VIP" or "办事": 1 to <see cref="MaxPrefixLength"/> letters and digits (of any
    /// script). A space, a control or an invisible character is refused: it would print a number the citizen cannot
    /// match to the one called. Prefixes of one hall must differ in more than letter case ("B" and "b" are both called "B").
    /// </summary>
    public required string Prefix { get; init; }

    /// <summary>A display name, at most <see cref="HallDefinition.MaxNameLength"/> characters.</summary>
    public string Name { get; init; } = "";

    /// <summary>Digits in the printed number, 1 to 9 (3 gives A001). Numbers past the width print in full.</summary>
    public int NumberWidth { get; init; } = 3;

    /// <summary>
    /// The longest prefix, in characters: it is printed before the digits of every ticket, shown large on call screens
    /// and spoken letter by letter in every call ("V I P A zero two three").
    /// </summary>
    public const int MaxPrefixLength = 4;
}
