using MessagePack;
using QueueCore.Tests.Snapshots;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>Per-clerk figures: what each clerk did today, whichever windows they worked.</summary>
public class ClerkFiguresTests
{
    /// <summary>One item, windows 1 to 3 serving it; a no-show is dropped at once.</summary>
    private static HallDefinition ThreeWindows() => OneItem(d => d with
    {
        Windows = [.. Enumerable.Range(1, 3).Select(id => new WindowDefinition { Id = id, Skills = [new() { Service = 1 }] })],
        NoShow = d.NoShow with { MaxNoShows = 1 },
    });

    /// <summary>
    /// Clerk 7 works window 1, then moves to window 3; clerk 8 works window 2; clerk 9 takes window 1 at the end.
    /// <paramref name="atNoon"/> may replace the hall when clerk 7 has just moved (before any rating).
    /// </summary>
    private static (Hall Hall, long[] Tickets) ScriptedDay(Func<Hall, Hall>? atNoon = null)
    {
        var hall = Open(ThreeWindows());
        hall.Do(HallCommand.OpenWindow(1, clerk: 7), 0);
        hall.Do(HallCommand.OpenWindow(2, clerk: 8), 0);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        var c = hall.Issue(2);
        var d = hall.Issue(3);

        Assert.Equal(a, hall.Call(1, 4));                   // clerk 7: a waited 4 min
        hall.Do(HallCommand.Recall(1), 5);                  // the same call: not counted again
        hall.Do(HallCommand.NoShow(1), 6);                  // a dropped; its wait counts
        Assert.Equal(b, hall.Serve(2, 6));                  // clerk 8: b waited 5 min
        Assert.Equal(c, hall.Serve(1, 7));                  // clerk 7: c waited 5 min
        hall.Do(HallCommand.Finish(2), 9);                  // b handled 3 min
        hall.Do(HallCommand.Finish(1), 11);                 // c handled 4 min
        hall.Do(HallCommand.CloseWindow(1), 12);            // clerk 7 leaves window 1 ...
        hall.Do(HallCommand.OpenWindow(3, clerk: 7), 12);   // ... for window 3
        hall = atNoon?.Invoke(hall) ?? hall;

        hall.Do(HallCommand.Rate(c, 4), 12);                // window 1 closed since: to clerk 7, the last on it
        hall.Do(HallCommand.Rate(b, 2) with { Window = 2 }, 12); // clerk 8
        var e = hall.Issue(13);
        Assert.Equal(d, hall.Call(3, 14));                  // clerk 7: d waited 11 min
        Assert.Equal(e, hall.Do(HallCommand.FinishAndCallNext(3), 16).Ticket); // d handled 2 min from its call; e waited 3 min
        hall.Do(HallCommand.StartServing(3), 17);
        hall.Do(HallCommand.Finish(3), 22);                 // e handled 5 min
        hall.Do(HallCommand.Rate(e, 5), 22);                // clerk 7, on window 3
        hall.Do(HallCommand.OpenWindow(1, clerk: 9), 23);   // clerk 9 has done nothing yet
        return (hall, [a, b, c, d, e]);
    }

    private static readonly ClerkSnapshot[] EndOfScript =
    [
        new() { Clerk = 7, Window = 3, ServedToday = 3, MeanWait = TimeSpan.FromSeconds(23 * 60 / 4), MeanHandlingTime = TimeSpan.FromSeconds(11 * 60 / 3), Ratings = 2, MeanRating = 4.5 },
        new() { Clerk = 8, Window = 2, ServedToday = 1, MeanWait = TimeSpan.FromMinutes(5), MeanHandlingTime = TimeSpan.FromMinutes(3), Ratings = 1, MeanRating = 2 },
        new() { Clerk = 9, Window = 1 },
    ];

    private static IReadOnlyList<ClerkSnapshot> Clerks(Hall hall, double minute = 23) => hall.GetSnapshot(At(minute)).Clerks;

    [Fact]
    public void Clerks_ScriptedDay_EveryFigureExact_OrderedById()
    {
        var (hall, _) = ScriptedDay();
        Assert.Equal(EndOfScript, Clerks(hall));

        // The windows' own figures, for comparison: window 1 had both clerk 7 (a, c) and clerk 9.
        var w1 = hall.WindowView(1, 23);
        Assert.Equal((9, 1, TimeSpan.FromSeconds(270), 1, 4.0), (w1.Clerk, w1.ServedToday, w1.MeanWait, w1.Ratings, w1.MeanRating));
    }

    [Fact]
    public void Clerks_EverySnapshotDetailWithWindows_CarriesThem_ServicesOnlyDoesNot()
    {
        var (hall, _) = ScriptedDay();
        foreach (var detail in new[] { SnapshotDetail.Full, SnapshotDetail.Figures, SnapshotDetail.Parked, SnapshotDetail.RecentCalls })
        {
            Assert.Equal(EndOfScript, hall.GetSnapshot(At(23), detail).Clerks);
        }

        Assert.Empty(hall.GetSnapshot(At(23), SnapshotDetail.Services).Clerks);
    }

    [Fact]
    public void Clerks_WindowOpenedWithNoClerk_CountsForNoClerk()
    {
        var hall = Open(ThreeWindows());
        hall.Do(HallCommand.OpenWindow(1), 0);
        hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Finish(1), 2);
        Assert.Empty(Clerks(hall, 2));
        Assert.Equal(1, hall.WindowView(1, 2).ServedToday);
    }

    [Fact]
    public void Clerks_NewDay_FiguresStartFromNone_ClerksStillOnAWindowKeepAnEntry()
    {
        var (hall, tickets) = ScriptedDay();
        hall.Do(HallCommand.CloseDay(), 30);
        hall.Do(HallCommand.CloseWindow(2), 31);            // clerk 8 goes home; 7 and 9 stay on their windows
        hall.Do(HallCommand.OpenDay(), 24 * 60);
        Assert.Equal(
            new ClerkSnapshot[] { new() { Clerk = 7, Window = 3 }, new() { Clerk = 9, Window = 1 } },
            Clerks(hall, 24 * 60));

        hall.Issue(24 * 60);
        hall.Serve(1, (24 * 60) + 2);
        hall.Do(HallCommand.Finish(1), (24 * 60) + 3);
        var nine = Clerks(hall, (24 * 60) + 3).Single(c => c.Clerk == 9);
        Assert.Equal((1, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)), (nine.ServedToday, nine.MeanWait, nine.MeanHandlingTime));
        Assert.NotEmpty(tickets);
    }

    [Fact]
    public void Clerks_SavedAndRestoredMidDay_GoOnExactlyAsTheOriginal_ARatingOfAClosedWindowToItsLastClerk()
    {
        var (restored, _) = ScriptedDay(hall =>
            Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState()))));
        Assert.Equal(EndOfScript, Clerks(restored));

        var (original, _) = ScriptedDay();
        Assert.Equal(Fingerprint(original), Fingerprint(restored));
    }

    [Fact]
    public void Clerks_Redefined_Kept()
    {
        var (hall, _) = ScriptedDay();
        var more = hall.Definition with { Windows = [.. hall.Definition.Windows, new WindowDefinition { Id = 4, Skills = [new() { Service = 1 }] }] };
        Assert.Equal(EndOfScript, Clerks(hall.Redefine(more, At(23))));
    }

    [Fact]
    public void Clerks_StateSavedBeforeTheyWereKept_ClerksOnWindowsWithNoFigures()
    {
        var (hall, _) = ScriptedDay();
        var old = StateFiles.AsSavedBeforeClerkFigures(MessagePackSerializer.Serialize(hall.SaveState()));
        var restored = Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(old));
        Assert.Equal(
            EndOfScript.Select(c => new ClerkSnapshot { Clerk = c.Clerk, Window = c.Window }),
            Clerks(restored));
    }

    [Fact]
    public void Restore_DamagedClerkFigures_Refused_NamingTheField()
    {
        var (hall, _) = ScriptedDay();
        var state = hall.SaveState();
        var negative = state with { Clerks = [.. state.Clerks.Select(c => c.Id == 8 ? c with { RatingSumToday = -1 } : c)] };
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, negative));
        Assert.Contains("damaged", e.Message);
        Assert.Contains("RatingSumToday", e.Message);

        var twice = state with { Clerks = [.. state.Clerks, state.Clerks[0]] };
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, twice)).Message);

        var otherClerk = state with { Windows = [.. state.Windows.Select(w => w.Id == 3 ? w with { LastClerk = 8 } : w)] };
        Assert.Contains("LastClerk", Assert.Throws<ArgumentException>(() => Hall.Restore(hall.Definition, otherClerk)).Message);
    }
}
