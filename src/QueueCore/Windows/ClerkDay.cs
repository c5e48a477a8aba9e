namespace QueueCore;

/// <summary>One clerk's figures for the day, kept by value in <see cref="ClerkDays"/>.</summary>
internal struct ClerkDay
{
    /// <summary>The staff number.</summary>
    public int Id;

    public int ServedToday;
    public long HandlingTicksToday;

    /// <summary>Calls made today (recalls not counted), and the waits of the tickets called, added up (ticks).</summary>
    public int CallsToday;
    public long WaitTicksToday;

    public int RatingsToday;
    public int RatingSumToday;
}
