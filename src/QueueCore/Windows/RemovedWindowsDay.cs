namespace QueueCore;

/// <summary>
/// What the windows removed from the hall today had done (services finished, ratings, calls and their waits): the
/// hall's figures for the day count them, so removing a window at noon does not take its morning out of the hall's totals.
/// </summary>
internal struct RemovedWindowsDay
{
    public int Served;
    public int Ratings;
    public int RatingSum;
    public int Calls;
    public long WaitTicks;

    /// <summary>Adds the day of a window that is not in the hall's definition any more.</summary>
    public void Add(SavedWindow window)
    {
        Served += window.ServedToday;
        Ratings += window.RatingsToday;
        RatingSum += window.RatingSumToday;
        Calls += window.CallsToday;
        WaitTicks += window.WaitTicksToday;
    }

    /// <summary>Adds a rating given after its window was removed, for a service that window finished.</summary>
    public void AddRating(int score)
    {
        Ratings++;
        RatingSum += score;
    }
}
