using System.Text.Json;
using MessagePack;

namespace QueueCore.Tests.Snapshots;

/// <summary>
/// A recalled ticket was last called at its recall: a call screen or dashboard shows that time (a screen rebuilt from
/// a snapshot showed the first call's, minutes older than the call the citizen just heard), and a saved state keeps it.
/// The day's figures are the call's: a recall changes no wait (counted to the first call) and no handling time.
/// </summary>
public class RecalledCallTimeTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly HallDefinition Definition = new()
    {
        Id = "h",
        Categories = [new() { Id = "a", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "a", Name = "One" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
    };

    [Fact]
    public void GetSnapshot_RecalledTicket_CalledAtIsTheRecall_AtTheWindowAndOnceFinished()
    {
        var hall = Opened();
        Apply(hall, HallCommand.IssueTicket(1), 0);
        Apply(hall, HallCommand.CallNext(1), 1);
        Apply(hall, HallCommand.Recall(1), 3);

        Assert.Equal(Morning.AddMinutes(3), hall.GetSnapshot(Morning.AddMinutes(4)).AtWindows.Single().CalledAt);
        Apply(hall, HallCommand.Recall(1), 4);
        Assert.Equal(Morning.AddMinutes(4), hall.GetSnapshot(Morning.AddMinutes(4)).AtWindows.Single().CalledAt);

        Apply(hall, HallCommand.StartServing(1), 5);
        Assert.Equal(Morning.AddMinutes(4), hall.GetSnapshot(Morning.AddMinutes(6)).AtWindows.Single().CalledAt);
        Apply(hall, HallCommand.Finish(1), 8);
        var finished = hall.GetSnapshot(Morning.AddMinutes(9), SnapshotDetail.RecentCalls).RecentlyFinished.Single();
        Assert.Equal((TicketState.Completed, Morning.AddMinutes(4), 2), (finished.State, finished.CalledAt, finished.Recalls));
    }

    [Fact]
    public void GetSnapshot_RecalledTicket_SaysItsRecalls_UntilCalledAgainFromAQueue()
    {
        // A screen rebuilt from a snapshot marks a recalled ticket's call a recall, as the live stream did: it needs the count.
        var hall = Opened();
        Apply(hall, HallCommand.IssueTicket(1), 0);
        Apply(hall, HallCommand.CallNext(1), 1);
        Assert.Equal(0, hall.GetSnapshot(Morning.AddMinutes(1)).AtWindows.Single().Recalls);
        Apply(hall, HallCommand.Recall(1), 3);
        Apply(hall, HallCommand.Recall(1), 4);
        Assert.Equal(2, hall.GetSnapshot(Morning.AddMinutes(4)).AtWindows.Single().Recalls);
        var restored = Hall.Restore(Definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));
        Assert.Equal(2, restored.GetSnapshot(Morning.AddMinutes(4)).AtWindows.Single().Recalls);

        Apply(hall, HallCommand.NoShow(1), 5); // re-queued (the default no-show policy) or dropped: either way, called again fresh
        Apply(hall, HallCommand.IssueTicket(1), 5);
        Apply(hall, HallCommand.CallNext(1), 6);
        Assert.Equal(0, hall.GetSnapshot(Morning.AddMinutes(6)).AtWindows.Single().Recalls);
    }

    [Fact]
    public void SaveAndRestore_RecalledTicket_KeepsTheRecallTime()
    {
        var hall = Opened();
        Apply(hall, HallCommand.IssueTicket(1), 0);
        Apply(hall, HallCommand.CallNext(1), 1);
        Apply(hall, HallCommand.Recall(1), 3);

        var restored = Hall.Restore(Definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));

        Assert.Equal(Morning.AddMinutes(3), restored.GetSnapshot(Morning.AddMinutes(4)).AtWindows.Single().CalledAt);
        Apply(restored, HallCommand.StartServing(1), 5);
        Apply(restored, HallCommand.Finish(1), 7);
        var figures = restored.GetSnapshot(Morning.AddMinutes(8));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), (figures.MeanWait, figures.Windows.Single(w => w.Window == 1).MeanHandlingTime));
    }

    [Fact]
    public void DayFigures_WithAndWithoutRecalls_Identical()
    {
        var plain = Day(recall: false);
        var recalled = Day(recall: true);

        Assert.Equal(Figures(plain), Figures(recalled));
        // As counted: A001 waited 2 minutes, A002 3, and A003 10 to its first call; each handled from its start: A001 4
        // minutes, A002 1, A003 3.
        var windows = plain.Windows.OrderBy(w => w.Window).Select(w => (w.ServedToday, w.MeanHandlingTime)).ToArray();
        Assert.Equal([(2, TimeSpan.FromMinutes(3.5)), (1, TimeSpan.FromMinutes(1))], windows);
        Assert.Equal(TimeSpan.FromMinutes(5), plain.MeanWait);
    }

    /// <summary>
    /// A001 called at window 1 at 9:02, (recalled at 9:04,) served from 9:05, finished 9:09; A002 called at window 2 at
    /// 9:03, (recalled at 9:06,) served from 9:07, finished at 9:08; A003 called at window 1 at 9:10, (recalled at 9:11,)
    /// served from 9:12, finished 9:15.
    /// </summary>
    private static HallSnapshot Day(bool recall)
    {
        var hall = Opened();
        for (var i = 0; i < 3; i++)
        {
            Apply(hall, HallCommand.IssueTicket(1), 0);
        }

        Apply(hall, HallCommand.CallNext(1), 2);
        Apply(hall, HallCommand.CallNext(2), 3);
        RecallIf(recall, hall, 1, 4);
        Apply(hall, HallCommand.StartServing(1), 5);
        RecallIf(recall, hall, 2, 6);
        Apply(hall, HallCommand.StartServing(2), 7);
        Apply(hall, HallCommand.Finish(2), 8);
        Apply(hall, HallCommand.Finish(1), 9);
        Apply(hall, HallCommand.CallNext(1), 10);
        RecallIf(recall, hall, 1, 11);
        Apply(hall, HallCommand.StartServing(1), 12);
        Apply(hall, HallCommand.Finish(1), 15);
        return hall.GetSnapshot(Morning.AddMinutes(16), SnapshotDetail.RecentCalls);
    }

    /// <summary>The day's figures of a snapshot: everything but the calls' times, their recall counts and the sequence (a
    /// recall is an event).</summary>
    private static string Figures(HallSnapshot snapshot) =>
        JsonSerializer.Serialize(snapshot with { Sequence = 0, RecentlyFinished = [.. snapshot.RecentlyFinished.Select(t => t with { CalledAt = null, Recalls = 0 })] });

    private static void RecallIf(bool recall, Hall hall, int window, int minutes)
    {
        if (recall)
        {
            Apply(hall, HallCommand.Recall(window), minutes);
        }
    }

    private static Hall Opened()
    {
        var hall = new Hall(Definition);
        Apply(hall, HallCommand.OpenDay(), 0);
        Apply(hall, HallCommand.OpenWindow(1, 7, auto: false), 0);
        Apply(hall, HallCommand.OpenWindow(2, 8, auto: false), 0);
        return hall;
    }

    private static void Apply(Hall hall, HallCommand command, int minutes)
    {
        var result = hall.Apply(command, Morning.AddMinutes(minutes));
        Assert.True(result.IsSuccess, $"{command.Kind}: {result.Message}");
    }
}
