namespace QueueCore;

/// <summary>One clerk's figures for the day, kept by value in <see cref="ClerkDays"/>.</summary>
internal struct ClerkDay
{
    /// <summary>The staff number.</summary>
    public int Id;

    public DayFigures Today;
}
