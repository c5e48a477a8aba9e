namespace QueueCore;

/// <summary>
/// The numbering a hall removed from the engine leaves to a hall added again with its id (see
/// <c>Hall.CarriedNumbering.cs</c>): per prefix, the last number it gave, and the end of its date on the hall's clocks.
/// </summary>
/// <param name="Numbering">Per prefix, the last number given (with the id of the category that gave it).</param>
/// <param name="Until">The next midnight on the hall's clocks after the removal (UTC ticks): a day opened later starts at 001.</param>
internal sealed record CarriedNumbering(SavedCategory[] Numbering, long Until);
