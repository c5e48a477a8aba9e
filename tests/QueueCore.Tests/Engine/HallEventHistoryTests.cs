namespace QueueCore.Tests.Engine;

public class HallEventHistoryTests
{
    [Fact]
    public void TryGetAfter_WrappedRing_ReturnsExactlyTheLaterEventsInOrder()
    {
        var history = new HallEventHistory(4);
        history.Append(Events(1, 6)); // keeps 3..6, wrapped

        Assert.True(history.TryGetAfter(3, 6, out var head, out var tail));
        Assert.Equal([4L, 5L, 6L], [.. head.ToArray().Concat(tail.ToArray()).Select(e => e.Sequence)]);
        Assert.True(history.TryGetAfter(2, 6, out head, out tail));
        Assert.Equal(4, head.Length + tail.Length);
        Assert.False(history.TryGetAfter(1, 6, out _, out _)); // 2 was overwritten
        Assert.False(history.TryGetAfter(6, 6, out _, out _)); // nothing after the last: the caller attaches live
        Assert.False(history.TryGetAfter(3, 7, out _, out _)); // the hall is ahead of the history
    }

    [Fact]
    public void Append_Gap_StartsANewRun()
    {
        var history = new HallEventHistory(8);
        history.Append(Events(1, 3));
        history.Append(Events(10, 11)); // 4..9 never seen

        Assert.Equal(10, history.First);
        Assert.False(history.TryGetAfter(3, 11, out _, out _));
        Assert.True(history.TryGetAfter(9, 11, out var head, out var tail));
        Assert.Equal(2, head.Length + tail.Length);

        history.Clear();
        Assert.Equal(0, history.Last);
        Assert.False(history.TryGetAfter(10, 11, out _, out _));
    }

    private static HallEvent[] Events(long from, long to) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => new HallEvent(s, HallEventKind.TicketIssued, 0, 0, default, 0, -1, 0, 0))];
}
