namespace QueueCore;

/// <remarks>
/// This part: the clerks' day figures (<see cref="ClerkSnapshot"/>). The command path adds to them by the index each
/// window found when it opened (<see cref="WindowRecord.ClerkDay"/>); what is here runs at a day's opening, in snapshots,
/// and when a state is saved, checked or restored.
/// </remarks>
public sealed partial class Hall
{
    /// <summary>A new day: every clerk's figures start from none; the clerks still on a window keep an entry.</summary>
    private void ResetClerkDays()
    {
        _clerkDays.Clear();
        foreach (var w in _windows)
        {
            // A closed window's last clerk is yesterday's: nothing of theirs may still be rated (see OpenDay).
            w.ClerkDay = w.Clerk == 0 ? -1 : _clerkDays.IndexOf(w.Clerk);
        }
    }

    /// <summary>The clerks' figures, ordered by staff number, each with the window they are on now.</summary>
    private ClerkSnapshot[] ClerkViews()
    {
        if (_clerkDays.Count == 0)
        {
            return [];
        }

        var views = new ClerkSnapshot[_clerkDays.Count];
        var days = _clerkDays.All;
        for (var i = 0; i < days.Length; i++)
        {
            ref readonly var c = ref days[i];
            views[i] = new ClerkSnapshot
            {
                Clerk = c.Id,
                Window = _clerks.TryGetValue(c.Id, out var window) ? _windowIds[window] : 0,
                ServedToday = c.Today.Served,
                MeanWait = c.Today.MeanWait,
                MeanHandlingTime = c.Today.MeanHandlingTime,
                Ratings = c.Today.Ratings,
                MeanRating = c.Today.MeanRating,
            };
        }

        Array.Sort(views, static (a, b) => a.Clerk.CompareTo(b.Clerk));
        return views;
    }

    /// <summary>The clerks' figures in their dense order (a restored hall keeps it, so it goes on exactly as this one).</summary>
    private SavedClerk[] SaveClerkDays()
    {
        var saved = new SavedClerk[_clerkDays.Count];
        var days = _clerkDays.All;
        for (var i = 0; i < days.Length; i++)
        {
            ref readonly var c = ref days[i].Today;
            saved[i] = new SavedClerk
            {
                Id = days[i].Id, ServedToday = c.Served, HandlingTicksToday = c.HandlingTicks, CallsToday = c.Calls,
                WaitTicksToday = c.WaitTicks, RatingsToday = c.Ratings, RatingSumToday = c.RatingSum,
            };
        }

        return saved;
    }

    /// <summary>Loads the saved clerks' figures, in their saved order (checked by <see cref="CheckClerkDays"/>).</summary>
    private void RestoreClerkDays(HallState state)
    {
        foreach (var saved in state.Clerks ?? [])
        {
            _clerkDays[_clerkDays.IndexOf(saved.Id)].Today = DayFigures.Of(saved);
        }
    }

    /// <summary>
    /// The clerk entry a restored window counts for: its clerk while open, its last clerk once closed; -1 for none. A
    /// state saved before the clerks' figures were kept names no last clerk, and its clerks on windows start from none.
    /// </summary>
    private int ClerkDayOf(SavedWindow saved)
    {
        var clerk = saved.State == WindowState.Closed ? saved.LastClerk : saved.Clerk;
        return clerk == 0 ? -1 : _clerkDays.IndexOf(clerk);
    }

    private void CheckClerkDays(HallState state)
    {
        var ids = new HashSet<int>();
        foreach (var c in state.Clerks ?? [])
        {
            Consistent(c is not null, $"the clerks' list holds a null entry");
            Consistent(c.Id > 0 && ids.Add(c.Id), $"clerk {c.Id} is listed twice, or its staff number is not positive");
            Consistent(!DayFigures.Of(c).HasNegative(out var figure, out var value), $"clerk {c.Id} has a negative {figure} {value}");
        }

        // The clerk a rating counts for (one not listed starts from no figures, as a clerk on a window does).
        foreach (var t in state.Tickets)
        {
            Consistent(t.RatableClerk is null or >= 0, $"ticket {t.Id} has a negative RatableClerk {t.RatableClerk}");
        }

        foreach (var w in state.Windows)
        {
            Consistent(w.LastFinishedClerk is null or >= 0, $"window {w.Id} has a negative LastFinishedClerk {w.LastFinishedClerk}");
        }
    }
}
