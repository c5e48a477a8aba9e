using MessagePack;
using static QueueCore.Tests.Audit.AuditKit;

namespace QueueCore.Tests.Audit;

/// <summary>Second audit: day boundaries with multi-item tickets, parks and transfers, and save/restore across them.</summary>
public class DayBoundaryAuditTests
{
    private static HallDefinition Def() => new()
    {
        Id = "day2",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "B" }, new() { Id = 3, Category = "A" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }, new() { Id = 3, Skills = [new() { Service = 2 }] }],
    };

    private static Hall Restored(Hall hall) =>
        Hall.Restore(hall.Definition, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiItemServing_CloseCancelWaiting_Finish_RemainingCancelled_NextDayNumbersFresh(bool restore)
    {
        var hall = Open(Def(), auto: false, 1);
        var t = hall.Issue(1, new ServiceItemList([1, 2]));
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 3);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 4);
        if (restore)
        {
            hall = Restored(hall);
        }

        hall.Ok(HallCommand.Finish(1), 5);

        var state = hall.StateOf(t, 6);
        Assert.True(state is TicketState.Cancelled or TicketState.Completed, state.ToString());
        Assert.Equal(QueueError.NothingWaiting, hall.Try(HallCommand.CallNext(1), 7).Error);
        hall.Ok(HallCommand.OpenDay(), 8);
        var next = hall.Ok(HallCommand.IssueTicket(1), 9);
        Assert.Equal("A001", next.Number.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiItem_ServeRemaining_GoesOnToNextItemAndIsServed_ThenDayOpens(bool restore)
    {
        var hall = Open(Def(), auto: false, 1, 3);
        var t = hall.Issue(1, new ServiceItemList([1, 2]));
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 3);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 4);
        Assert.Equal(QueueError.Closed, hall.Try(HallCommand.IssueTicket(1), 4).Error);
        if (restore)
        {
            hall = Restored(hall);
        }

        hall.Ok(HallCommand.Finish(1), 5);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 5));
        Assert.Equal(QueueError.DayWrongState, hall.Try(HallCommand.OpenDay(), 5).Error);
        var call = hall.Ok(HallCommand.CallNext(3), 6);
        Assert.Equal(t, call.Ticket);
        Assert.Equal(2, call.Service);
        hall.Ok(HallCommand.StartServing(3), 7);
        hall.Ok(HallCommand.Finish(3), 8);
        Assert.Equal(TicketState.Completed, hall.StateOf(t, 9));
        hall.Ok(HallCommand.OpenDay(), 10);
    }

    [Fact]
    public void ServeRemaining_ParkWithReturn_ThenTransfer_ServedAndDayOpensAfter()
    {
        var hall = Open(Def(), auto: false, 1, 2, 3);
        var t = hall.Issue(1, new ServiceItemList([1, 3]));
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 3);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 4);
        hall.Ok(HallCommand.Park(1, "missing document", At(20)), 5);
        Assert.Equal(TicketState.Parked, hall.StateOf(t, 6));
        hall.Ok(HallCommand.Tick(), 21);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 21));
        var c = hall.Ok(HallCommand.CallNext(1), 22); // back to the window that parked it (ReturnToSameWindow)
        Assert.Equal(t, c.Ticket);
        hall.Ok(HallCommand.StartServing(1), 23);
        hall.Ok(HallCommand.TransferToService(1, 2), 24);
        var c3 = hall.Ok(HallCommand.CallNext(3), 25);
        Assert.Equal(t, c3.Ticket);
        Assert.Equal(2, c3.Service);
        hall.Ok(HallCommand.StartServing(3), 26);
        hall.Ok(HallCommand.Finish(3), 27);
        // The visit's remaining item (3) follows.
        var c4 = hall.Ok(HallCommand.CallNext(1), 28);
        Assert.Equal(t, c4.Ticket);
        hall.Ok(HallCommand.StartServing(1), 29);
        hall.Ok(HallCommand.Finish(1), 30);
        Assert.Equal(TicketState.Completed, hall.StateOf(t, 31));
        hall.Ok(HallCommand.OpenDay(), 32);
    }

    [Fact]
    public void ParkedAcrossCancelWaitingClose_CancelledAndReturnTimerGone()
    {
        var hall = Open(Def(), auto: true, 1);
        var t = hall.Issue(1, new ServiceItemList([1, 2]));
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Park(1, "doc", At(60)), 3);
        hall.Ok(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 4);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 5));
        hall.Ok(HallCommand.OpenDay(), 6);
        var u = hall.Issue(7);
        hall.Ok(HallCommand.Tick(), 61);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(t, 61));
        Assert.DoesNotContain(hall.LastEvents.ToArray(), e => e.Ticket == t);
        Assert.NotEqual(t, u);
    }

    [Fact]
    public void SaveRestoreMidDay_SameCommandsSameResultsAndEvents_ThroughDayBoundary()
    {
        var commands = new (HallCommand Command, double Minute)[]
        {
            (HallCommand.OpenDay(), 0),
            (HallCommand.OpenWindow(1, 101, auto: true), 0),
            (HallCommand.OpenWindow(3, 103, auto: false), 0),
            (HallCommand.IssueTicket(new ServiceItemList([1, 2])), 1),
            (HallCommand.IssueTicket(new ServiceItemList([2, 1]), age: 75), 2),
            (HallCommand.IssueTicket(3), 3),
            (HallCommand.StartServing(1), 4),
            (HallCommand.Park(1, "doc", At(30)), 5),
            (HallCommand.CallNext(3), 6),
            (HallCommand.StartServing(3), 7),
            (HallCommand.TransferToWindow(3, 1), 8),
            (HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 9),
            (HallCommand.Tick(), 31),
            (HallCommand.FinishAndCallNext(1), 32),
            (HallCommand.StartServing(1), 33),
            (HallCommand.FinishAndCallNext(1), 34),
            (HallCommand.CallNext(3), 35),
            (HallCommand.StartServing(3), 36),
            (HallCommand.FinishAndCallNext(3), 37),
            (HallCommand.StartServing(1), 38),
            (HallCommand.FinishAndCallNext(1), 39),
            (HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 40),
            (HallCommand.Finish(1), 41),
            (HallCommand.Finish(3), 41),
            (HallCommand.OpenDay(), 60 * 24),
            (HallCommand.IssueTicket(1), (60 * 24) + 1),
        };
        for (var cut = 1; cut < commands.Length; cut++)
        {
            var straight = new Hall(Def());
            var split = new Hall(Def());
            for (var i = 0; i < commands.Length; i++)
            {
                if (i == cut)
                {
                    split = Restored(split);
                }

                var a = straight.Apply(commands[i].Command, At(commands[i].Minute));
                var b = split.Apply(commands[i].Command, At(commands[i].Minute));
                Assert.True(a == b, $"cut {cut}, command {i} {commands[i].Command.Kind}: {a} vs {b}");
                Assert.Equal(straight.LastEvents.ToArray(), split.LastEvents.ToArray());
                Assert.Equal(straight.NextDue, split.NextDue);
            }
        }
    }
}
