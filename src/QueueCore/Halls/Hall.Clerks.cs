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
            // A closed window's last clerk is yesterday's: its services may no longer be rated (see OpenDay).
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
                ServedToday = c.ServedToday,
                MeanWait = MeanTime(c.WaitTicksToday, c.CallsToday),
                MeanHandlingTime = MeanTime(c.HandlingTicksToday, c.ServedToday),
                Ratings = c.RatingsToday,
                MeanRating = MeanRating(c.RatingSumToday, c.RatingsToday),
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
            ref readonly var c = ref days[i];
            saved[i] = new SavedClerk
            {
                Id = c.Id, ServedToday = c.ServedToday, HandlingTicksToday = c.HandlingTicksToday, CallsToday = c.CallsToday,
                WaitTicksToday = c.WaitTicksToday, RatingsToday = c.RatingsToday, RatingSumToday = c.RatingSumToday,
            };
        }

        return saved;
    }

    /// <summary>Loads the saved clerks' figures, in their saved order (checked by <see cref="CheckClerkDays"/>).</summary>
    private void RestoreClerkDays(HallState state)
    {
        foreach (var saved in state.Clerks ?? [])
        {
            ref var c = ref _clerkDays[_clerkDays.IndexOf(saved.Id)];
            (c.ServedToday, c.HandlingTicksToday, c.CallsToday, c.WaitTicksToday, c.RatingsToday, c.RatingSumToday) =
                (saved.ServedToday, saved.HandlingTicksToday, saved.CallsToday, saved.WaitTicksToday, saved.RatingsToday, saved.RatingSumToday);
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
            Consistent(c.ServedToday >= 0, $"clerk {c.Id} has a negative ServedToday {c.ServedToday}");
            Consistent(c.HandlingTicksToday >= 0, $"clerk {c.Id} has a negative HandlingTicksToday {c.HandlingTicksToday}");
            Consistent(c.CallsToday >= 0, $"clerk {c.Id} has a negative CallsToday {c.CallsToday}");
            Consistent(c.WaitTicksToday >= 0, $"clerk {c.Id} has a negative WaitTicksToday {c.WaitTicksToday}");
            Consistent(c.RatingsToday >= 0, $"clerk {c.Id} has a negative RatingsToday {c.RatingsToday}");
            Consistent(c.RatingSumToday >= 0, $"clerk {c.Id} has a negative RatingSumToday {c.RatingSumToday}");
        }
    }
}
