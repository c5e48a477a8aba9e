namespace QueueCore;

/// <summary>
/// A day's figures of a window, a clerk, or the windows removed from the hall today: services finished and their
/// handling time, calls and the waits of the tickets called, ratings. Kept by value in its owner (a field of
/// <see cref="WindowRecord"/> and <see cref="ClerkDay"/>) and added to in place, so a command allocates nothing.
/// </summary>
internal struct DayFigures
{
    // The longs first, so the struct has no padding (32 bytes).

    /// <summary>The handling times of the services finished, added up (ticks).</summary>
    public long HandlingTicks;

    /// <summary>The waits of the tickets called, added up (ticks): each from when it joined the queue it was called from.</summary>
    public long WaitTicks;

    /// <summary>Services (items) finished.</summary>
    public int Served;

    /// <summary>Calls made (recalls not counted).</summary>
    public int Calls;

    public int Ratings;

    /// <summary>The ratings' scores added up. An int even for a hall's total: at most 5 a rating, it would take over
    /// 400 million ratings in a day to pass its range.</summary>
    public int RatingSum;

    /// <summary>The mean wait of the tickets called, zero when none was.</summary>
    public readonly TimeSpan MeanWait => MeanTime(WaitTicks, Calls);

    /// <summary>The mean handling time of the services finished, zero when none was.</summary>
    public readonly TimeSpan MeanHandlingTime => MeanTime(HandlingTicks, Served);

    /// <summary>The mean rating, 0 when there is none.</summary>
    public readonly double MeanRating => Ratings == 0 ? 0 : (double)RatingSum / Ratings;

    /// <summary>Counts a call of a ticket that waited <paramref name="waited"/> ticks.</summary>
    public void AddCall(long waited)
    {
        Calls++;
        WaitTicks += waited;
    }

    /// <summary>Counts a service finished after <paramref name="handling"/> ticks.</summary>
    public void AddService(long handling)
    {
        Served++;
        HandlingTicks += handling;
    }

    /// <summary>Counts a rating of <paramref name="score"/>.</summary>
    public void AddRating(int score)
    {
        Ratings++;
        RatingSum += score;
    }

    /// <summary>Adds another's figures (the hall's totals; a removed window's day).</summary>
    public void Add(in DayFigures other)
    {
        HandlingTicks += other.HandlingTicks;
        WaitTicks += other.WaitTicks;
        Served += other.Served;
        Calls += other.Calls;
        Ratings += other.Ratings;
        RatingSum += other.RatingSum;
    }

    /// <summary>
    /// Whether a figure is negative (a damaged saved state), and which: its name in the saved types (e.g.
    /// "ServedToday") and its value. The first found, in the order the saved types list them.
    /// </summary>
    public readonly bool HasNegative(out string name, out long value)
    {
        (name, value) = Served < 0 ? ("ServedToday", Served)
            : HandlingTicks < 0 ? ("HandlingTicksToday", HandlingTicks)
            : Ratings < 0 ? ("RatingsToday", Ratings)
            : RatingSum < 0 ? ("RatingSumToday", RatingSum)
            : Calls < 0 ? ("CallsToday", Calls)
            : WaitTicks < 0 ? ("WaitTicksToday", WaitTicks)
            : ("", 0L);
        return name.Length != 0;
    }

    /// <summary>Whether the ratings' sum fits their count (each rating is 1 to 5): a damaged saved state's may not.</summary>
    public readonly bool RatingsAddUp() => RatingSum >= Ratings && RatingSum <= 5L * Ratings;

    /// <summary>A saved window's figures.</summary>
    public static DayFigures Of(SavedWindow w) => new()
    {
        Served = w.ServedToday, HandlingTicks = w.HandlingTicksToday, Calls = w.CallsToday,
        WaitTicks = w.WaitTicksToday, Ratings = w.RatingsToday, RatingSum = w.RatingSumToday,
    };

    /// <summary>A saved clerk's figures.</summary>
    public static DayFigures Of(SavedClerk c) => new()
    {
        Served = c.ServedToday, HandlingTicks = c.HandlingTicksToday, Calls = c.CallsToday,
        WaitTicks = c.WaitTicksToday, Ratings = c.RatingsToday, RatingSum = c.RatingSumToday,
    };

    /// <summary>The saved figures of the windows removed today (their handling time is not saved: no figure reports it).</summary>
    public static DayFigures OfRemovedWindows(HallState state) => new()
    {
        Served = state.RemovedWindowsServedToday, Calls = state.RemovedWindowsCallsToday, WaitTicks = state.RemovedWindowsWaitTicksToday,
        Ratings = state.RemovedWindowsRatingsToday, RatingSum = state.RemovedWindowsRatingSumToday,
    };

    private static TimeSpan MeanTime(long ticks, int count) => count == 0 ? TimeSpan.Zero : new TimeSpan(ticks / count);
}
