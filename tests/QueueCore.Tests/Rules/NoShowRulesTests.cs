using static QueueCore.Tests.Rules.RulesKit;

namespace QueueCore.Tests.Rules;

/// <summary>DOMAIN.md dispatch rule 6 (no-shows) and docs/dispatch.md "No-shows".</summary>
public class NoShowRulesTests
{
    private static HallDefinition Policy(int maxRecalls = 2, int placesBack = 3, int maxNoShows = 2, int pauseAfter = 0) =>
        Define(1, Window(1, 1), Window(2, 1)) with
        {
            NoShow = new NoShowPolicy { MaxRecalls = maxRecalls, RequeuePlacesBack = placesBack, MaxNoShows = maxNoShows, PauseWindowAfter = pauseAfter },
        };

    [Fact]
    public void Recall_UpToTheLimit_ThenRefusedWithNoChange()
    {
        var hall = Open(Policy(maxRecalls: 2), windows: 1);
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));
        hall.Ok(HallCommand.Recall(1), 2);
        hall.Ok(HallCommand.Recall(1), 3);
        var sequence = hall.Sequence;

        var third = hall.Try(HallCommand.Recall(1), 4);

        Assert.False(third.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(third.Message));
        Assert.Equal(sequence, hall.Sequence);
        Assert.Equal(TicketState.Called, hall.StateOf(t, 4));
        hall.Ok(HallCommand.NoShow(1), 5); // the clerk may still mark it a no-show
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)] // more places than wait: behind the last
    public void NoShow_RequeuedNPlacesBackAmongItsItemAndClass(int placesBack)
    {
        var hall = Open(Policy(placesBack: placesBack), windows: 1);
        var a = hall.Issue(0);
        var others = Enumerable.Range(1, 3).Select(i => hall.Issue(i)).ToList();
        Assert.Equal(a, hall.Next(1, 5));
        hall.Ok(HallCommand.NoShow(1), 6);

        var expected = new List<long>(others);
        expected.Insert(Math.Min(placesBack, others.Count), a);
        Assert.Equal(expected, hall.Drain(1, 7, 4));
    }

    [Fact]
    public void NoShow_PriorityTicketWithOnlyNormalOnesWaiting_KeepsItsStanding()
    {
        var hall = Open(Policy(placesBack: 2), windows: 1);
        var elderly = hall.Issue(0, age: 70);
        var n1 = hall.Issue(1);
        var n2 = hall.Issue(2);
        Assert.Equal(elderly, hall.Next(1, 3));
        hall.Ok(HallCommand.NoShow(1), 4);

        Assert.Equal([elderly, n1, n2], hall.Drain(1, 5, 3));
    }

    [Fact]
    public void NoShow_TheMaxNoShowsTh_DropsTheTicket()
    {
        var hall = Open(Policy(maxNoShows: 2, placesBack: 0), windows: 1);
        var t = hall.Issue(0);
        Assert.Equal(t, hall.Next(1, 1));
        hall.Ok(HallCommand.NoShow(1), 2);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 2));
        Assert.Equal(t, hall.Next(1, 3));
        hall.Ok(HallCommand.NoShow(1), 4);

        Assert.Equal(TicketState.NoShow, hall.StateOf(t, 4));
        Assert.Equal(0, hall.Next(1, 5));
    }

    [Fact]
    public void NoShow_KCallsInARowUnanswered_PausesTheWindow_AndAnAnsweredCallResetsTheCount()
    {
        var hall = Open(Policy(pauseAfter: 2, maxNoShows: 9, placesBack: 9), windows: 1);
        foreach (var i in Enumerable.Range(0, 6))
        {
            hall.Issue(i * 0.1);
        }

        hall.Next(1, 1);
        hall.Ok(HallCommand.NoShow(1), 1);
        hall.Next(1, 2);
        hall.Ok(HallCommand.StartServing(1), 2); // answered: the count starts over
        hall.Done(1, 3);
        hall.Next(1, 4);
        hall.Ok(HallCommand.NoShow(1), 4);
        Assert.NotEqual(0, hall.Next(1, 5)); // one unanswered in a row: still open

        hall.Ok(HallCommand.NoShow(1), 5); // the second in a row
        Assert.Equal(WindowState.Paused, WindowOf(hall, 1, 5).State);
        Assert.Equal(QueueError.WindowNotOpen, hall.Try(HallCommand.CallNext(1), 6).Error); // documented: closed or paused
    }

    [Fact]
    public void NoShow_AfterTheClerkResumesAPausedWindow_CountsFromNone()
    {
        var hall = Open(Policy(pauseAfter: 2, maxNoShows: 9, placesBack: 9), windows: 1);
        foreach (var i in Enumerable.Range(0, 6))
        {
            hall.Issue(i * 0.1);
        }

        hall.Next(1, 1);
        hall.Ok(HallCommand.NoShow(1), 1);
        hall.Next(1, 2);
        hall.Ok(HallCommand.NoShow(1), 2);
        Assert.Equal(WindowState.Paused, WindowOf(hall, 1, 2).State);

        hall.Ok(HallCommand.ResumeWindow(1), 3);
        hall.Next(1, 4);
        hall.Ok(HallCommand.NoShow(1), 4); // one unanswered since the clerk came back: not paused again

        Assert.Equal(WindowState.Idle, WindowOf(hall, 1, 4).State);
    }

    [Fact]
    public void NoShow_AutoWindowWithAnotherTicketWaiting_CallsThatOneFirst()
    {
        var hall = Open(Policy(placesBack: 0, maxNoShows: 9), auto: true, windows: 1);
        var a = hall.Issue(0);
        var b = hall.Issue(1);
        hall.Ok(HallCommand.NoShow(1), 2);

        Assert.Equal([(b, 1)], hall.CallsIn()); // a keeps its standing, but the window does not call it straight back
    }

    [Fact]
    public void NoShow_AutoWindowWithNothingElseWaiting_CallsTheTicketBackAfterCallBackAfter()
    {
        var hall = Open(Policy(placesBack: 0, maxNoShows: 9), auto: true, windows: 1);
        var a = hall.Issue(0);
        hall.Ok(HallCommand.NoShow(1), 2);
        Assert.Empty(hall.CallsIn());

        hall.Ok(HallCommand.Tick(), 2.99);
        Assert.Empty(hall.CallsIn());
        hall.Ok(HallCommand.Tick(), 3); // CallBackAfter (1 min) after the no-show
        Assert.Equal([(a, 1)], hall.CallsIn());
    }

    internal static WindowSnapshot WindowOf(Hall hall, int window, double minute) =>
        hall.GetSnapshot(At(minute)).Windows.Single(w => w.Window == window);
}
