using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>Held-out checks of the hall used as a library, through its public API.</summary>
public class HeldOutProbeTests
{
    [Fact]
    public void Redefine_RemovingAnItemALiveTicketStillHasToVisit_Refused()
    {
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, new ServiceItemList([1, 2]));
        var next = d with
        {
            Services = [.. d.Services.Where(s => s.Id != 2)],
            Windows = [.. d.Windows.Select(w => w with { Skills = [.. w.Skills.Where(k => k.Service != 2)] })],
        };
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(next, At(1)));
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefine_RemovingAnItemOfAParkedTicket_Refused()
    {
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, 2);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "doc"), 2);
        var next = d with
        {
            Services = [.. d.Services.Where(s => s.Id != 2)],
            Windows = [.. d.Windows.Select(w => w with { Skills = [.. w.Skills.Where(k => k.Service != 2)] })],
        };
        Assert.Throws<ArgumentException>(() => hall.Redefine(next, At(3)));
    }

    [Fact]
    public void Redefine_RemovingTheSkillOfTheTicketAWindowServes_FinishGoesOn()
    {
        var d = Small();
        var hall = Open(d, 1);
        var a = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Serve(1, 1);
        var next = d with { Windows = [.. d.Windows.Select(w => w.Id == 1 ? w with { Skills = [new() { Service = 2 }] } : w)] };
        var r = hall.Redefine(next, At(2));
        r.Do(HallCommand.Finish(1), 3);
        Assert.Equal(TicketState.Waiting, r.StateOf(a, 3));
        Assert.Equal(a, r.Call(1, 4));
    }

    [Fact]
    public void Redefine_ChangedPrefix_NumberingGoesOnWithoutReusingANumber()
    {
        var d = Small();
        var hall = Open(d, 1);
        hall.Issue(0, 1);
        hall.Issue(0, 1);
        var next = d with { Categories = [new() { Id = "A", Prefix = "X" }, new() { Id = "B", Prefix = "B" }] };
        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(next, At(1)));
        Assert.Contains("A001", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefine_MovedItemToAnotherCategory_NoNumberLiveTwice()
    {
        var d = Small();
        var hall = Open(d, 1);
        var numbers = new HashSet<string>();
        numbers.Add(hall.Do(HallCommand.IssueTicket(3), 0).Number.ToString()); // B001
        numbers.Add(hall.Do(HallCommand.IssueTicket(1), 0).Number.ToString()); // A001
        var next = d with { Services = [.. d.Services.Select(s => s.Id == 3 ? s with { Category = "A" } : s)] };
        var r = hall.Redefine(next, At(1));
        var n = r.Do(HallCommand.IssueTicket(3), 2).Number.ToString();
        Assert.True(numbers.Add(n), $"{n} issued twice");
    }

    [Fact]
    public void Restore_AfterRedefineAddingAWaitLimit_SameEventsAsTheRunningHall()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        hall.Issue(0, 1);
        hall.Issue(1, 2);
        hall.Issue(2, 1);
        var next = d with { Services = [.. d.Services.Select(s => s with { WaitLimit = TimeSpan.FromMinutes(5) })], WindowIdleLimit = TimeSpan.FromMinutes(3) };
        var live = hall.Redefine(next, At(3));
        var restored = Hall.Restore(next, live.SaveState());
        foreach (var (c, m) in new (HallCommand, double)[] { (HallCommand.Tick(), 4), (HallCommand.Tick(), 8), (HallCommand.IssueTicket(2), 9), (HallCommand.Tick(), 20), (HallCommand.CallNext(1), 21), (HallCommand.Tick(), 30) })
        {
            var x = live.Apply(c, At(m));
            var y = restored.Apply(c, At(m));
            Assert.Equal(x, y);
            Assert.Equal(live.Events(), restored.Events());
            Assert.Equal(live.NextDue, restored.NextDue);
        }
    }

    [Fact]
    public void OpenDay_AfterServeRemainingWithAParkedTicket_RefusedOrCancelsIt()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "doc"), 2);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 3);
        var r = hall.Apply(HallCommand.OpenDay(), At(4));
        if (r.IsSuccess)
        {
            Assert.NotEqual(TicketState.Parked, hall.StateOf(a, 5));
            var n = hall.Do(HallCommand.IssueTicket(1), 5).Number.ToString();
            Assert.Equal("A001", n);
        }
    }

    [Fact]
    public void Park_ResumedAfterReturnTime_RanksWithItsStanding()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var a = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "doc", At(10)), 2);
        var b = hall.Issue(3);
        var c = hall.Issue(4);
        hall.Do(HallCommand.Tick(), 10);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 10));
        Assert.Equal(a, hall.Call(1, 11));
        Assert.NotEqual(b, c);
    }

    [Fact]
    public void IssueTicket_PositionMatchesTheWindowQueueInAPlainFifoHall()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var positions = new List<int>();
        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            var r = hall.Do(HallCommand.IssueTicket(1, age: (byte)(i % 5 == 0 ? 75 : 30)), i * 0.5);
            positions.Add(r.Position);
            ids.Add(r.Ticket);
        }

        var view = hall.GetWindowQueue(1, hall.Now, 0, 100);
        var order = view.Tickets.Select(t => t.Ticket).ToList();
        var last = hall.Query(ids[^1], 20);
        Assert.Equal(order.IndexOf(ids[^1]), last.Position);
    }

    [Fact]
    public void Transfer_ToAWindowThenWindowClosed_TicketWaitsForItsItem()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var a = hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        hall.Do(HallCommand.CloseWindow(2), 3);
        Assert.Equal(TicketState.Waiting, hall.StateOf(a, 3));
        Assert.Equal(a, hall.Call(1, 4));
    }

    private static HallDefinition WithElderlyHeadStart(HallDefinition d, double minutes) => d with
    {
        Priority = d.Priority with { Classes = [.. d.Priority.Classes.Select(c => c.Id == PriorityPolicy.Elderly ? c with { HeadStart = TimeSpan.FromMinutes(minutes) } : c)] },
    };

    [Fact]
    public void Redefine_ChangedHeadStart_CallsFollowTheWindowQueueAndRestoreAgrees()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        for (var i = 0; i < 12; i++)
        {
            hall.Issue(i, age: (byte)(i % 3 == 0 ? 75 : 30));
        }

        var next = WithElderlyHeadStart(d, 0);
        var live = hall.Redefine(next, At(13));
        var restored = Hall.Restore(next, live.SaveState());
        var expected = live.GetWindowQueue(1, live.Now, 0, 100).Tickets.Select(t => t.Ticket).ToArray();
        var calls = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var x = live.Apply(HallCommand.CallNext(1), At(14 + i));
            var y = restored.Apply(HallCommand.CallNext(1), At(14 + i));
            Assert.Equal(x, y);
            calls.Add(x.Ticket);
            live.Do(HallCommand.StartServing(1), 14 + i); live.Do(HallCommand.Finish(1), 14 + i);
            restored.Do(HallCommand.StartServing(1), 14 + i); restored.Do(HallCommand.Finish(1), 14 + i);
        }

        Assert.Equal(expected, calls);
    }

    [Fact]
    public void Redefine_ChangedHeadStart_NewTicketsRankConsistently()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var a = hall.Issue(0, age: 75); // elderly, head start 10
        var b = hall.Issue(1);
        var live = hall.Redefine(WithElderlyHeadStart(d, 0), At(2));
        var c = live.Issue(3, age: 75);
        var r = live.Issue(4);
        var order = live.GetWindowQueue(1, live.Now, 0, 100).Tickets.Select(t => t.Ticket).ToArray();
        var called = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            called.Add(live.Call(1, 5 + i));
            live.Do(HallCommand.StartServing(1), 5 + i);
            live.Do(HallCommand.Finish(1), 5 + i);
        }

        Assert.Equal(order, called);
        Assert.Equal(4, new[] { a, b, c, r }.Distinct().Count());
    }

    [Fact]
    public void Restore_MidInterleaveTurn_SameCallsAsTheRunningHall()
    {
        var d = OneItem(x => x with { Priority = x.Priority with { Interleave = new() { PriorityCalls = 2, NormalCalls = 3 } } });
        var hall = Open(d, 1);
        for (var i = 0; i < 30; i++)
        {
            hall.Issue(i * 0.1, age: (byte)(i % 2 == 0 ? 75 : 30));
        }

        for (var k = 1; k < 9; k++)
        {
            var live = Hall.Restore(d, hall.SaveState());
            var copy = Hall.Restore(d, hall.SaveState());
            for (var i = 0; i < k; i++)
            {
                var x = live.Apply(HallCommand.CallNext(1), At(10 + i));
                var y = copy.Apply(HallCommand.CallNext(1), At(10 + i));
                Assert.Equal(x, y);
                live.Do(HallCommand.StartServing(1), 10 + i); live.Do(HallCommand.Finish(1), 10 + i);
                copy.Do(HallCommand.StartServing(1), 10 + i); copy.Do(HallCommand.Finish(1), 10 + i);
            }

            var saved = Hall.Restore(d, live.SaveState());
            for (var i = 0; i < 10; i++)
            {
                var x = live.Apply(HallCommand.CallNext(1), At(20 + i));
                var y = saved.Apply(HallCommand.CallNext(1), At(20 + i));
                Assert.Equal(x, y);
                live.Do(HallCommand.StartServing(1), 20 + i); live.Do(HallCommand.Finish(1), 20 + i);
                saved.Do(HallCommand.StartServing(1), 20 + i); saved.Do(HallCommand.Finish(1), 20 + i);
            }
        }
    }

    [Fact]
    public void Redefine_LowerDailyCap_FurtherIssuesRefused()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        hall.Issue(0);
        hall.Issue(0);
        hall.Issue(0);
        var live = hall.Redefine(d with { Services = [d.Services[0] with { DailyCap = 2 }] }, At(1));
        var r = live.Apply(HallCommand.IssueTicket(1), At(2));
        Assert.False(r.IsSuccess);
    }

    [Fact]
    public void Redefine_WindowWithATicketTransferredToItLosesTheSkill_TicketStillReachable()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var a = hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Do(HallCommand.TransferToWindow(1, 2), 2);
        var next = d with { Windows = [.. d.Windows.Select(w => w.Id == 2 ? w with { Skills = [new() { Service = 2 }] } : w)] };
        var live = hall.Redefine(next, At(3));
        var restored = Hall.Restore(next, live.SaveState());
        var x = live.Apply(HallCommand.CallNext(2), At(4));
        var y = restored.Apply(HallCommand.CallNext(2), At(4));
        Assert.Equal(x, y);
        if (!x.IsSuccess || x.Ticket != a)
        {
            Assert.Equal(a, live.Call(1, 5));
        }
    }

    private static HallDefinition WithOverflowDelay(HallDefinition d, double minutes) => d with
    {
        Windows = [.. d.Windows.Select(w => w.Id == 3 ? w with { Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(minutes) }] } : w)],
    };

    [Theory]
    [InlineData(2.0)]
    [InlineData(20.0)]
    public void Redefine_ChangedOverflowDelay_AnIdleAutoWindowFollowsTheNewDelay(double delay)
    {
        var d = Small();
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(3, clerk: 3, auto: true), 0);
        var a = hall.Issue(0, 1);
        var live = hall.Redefine(WithOverflowDelay(d, delay), At(1));
        Assert.Equal(At(delay), live.NextDue);
        live.Do(HallCommand.Tick(), 10);
        Assert.Equal(delay < 10 ? TicketState.Called : TicketState.Waiting, live.StateOf(a, 10));
        live.Do(HallCommand.Tick(), delay);
        Assert.Equal(TicketState.Called, live.StateOf(a, delay));
    }

    private static HallDefinition WithWaitLimit(HallDefinition d, double minutes) => d with
    {
        Services = [.. d.Services.Select(s => s with { WaitLimit = TimeSpan.FromMinutes(minutes) })],
    };

    [Theory]
    [InlineData(20.0, 5.0)]
    [InlineData(5.0, 20.0)]
    public void Redefine_ChangedWaitLimit_AlertAtTheNewLimit(double before, double after)
    {
        var d = WithWaitLimit(OneItem(), before);
        var hall = Open(d, 1);
        hall.Issue(0);
        var live = hall.Redefine(WithWaitLimit(d, after), At(1));
        live.Do(HallCommand.Tick(), 6);
        Assert.Equal(after < 6, live.Kinds().Contains(HallEventKind.WaitLimitPassed));
        live.Do(HallCommand.Tick(), 21);
        Assert.Equal(after > 6, live.Kinds().Contains(HallEventKind.WaitLimitPassed));
    }

    [Fact]
    public void Redefine_AddsAutoResume_TicketsAlreadyParkedKeepTheirReturnTimeLaterOnesGetIt()
    {
        var d = OneItem(x => x with { Park = new() { AutoResumeAfter = null } });
        var hall = Open(d, 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "doc"), 2);
        var live = hall.Redefine(d with { Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(5) } }, At(3));
        Assert.Equal(b, live.Serve(1, 4));
        live.Do(HallCommand.Park(1, "doc"), 5);
        live.Do(HallCommand.Tick(), 60);
        Assert.Equal(TicketState.Parked, live.StateOf(a, 60)); // parked "until resumed by hand"
        Assert.Equal(TicketState.Waiting, live.StateOf(b, 60)); // parked under the new policy: back in the queue
    }

    [Fact]
    public void OpenDay_AutoWindowOpenAcrossDays_NewTicketsArePushed()
    {
        var d = OneItem();
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, clerk: 1, auto: true), 0);
        var a = hall.Issue(1);
        Assert.Equal(TicketState.Called, hall.StateOf(a, 1));
        hall.Do(HallCommand.StartServing(1), 2);
        hall.Do(HallCommand.Finish(1), 3);
        hall.Do(HallCommand.CloseDay(), 600);
        hall.Do(HallCommand.OpenDay(), 1440);
        var r = hall.Do(HallCommand.IssueTicket(1), 1441);
        Assert.Equal("A001", r.Number.ToString());
        Assert.Equal(TicketState.Called, hall.StateOf(r.Ticket, 1441));
    }

    [Fact]
    public void OpenDay_DailyCapAndCountersStartAgain()
    {
        var d = OneItem(x => x with { Services = [x.Services[0] with { DailyCap = 2 }] });
        var hall = Open(d, 1);
        hall.Issue(0);
        hall.Issue(0);
        hall.Reject(HallCommand.IssueTicket(1), 1, QueueError.LimitReached);
        hall.Do(HallCommand.CloseDay(), 600);
        hall.Do(HallCommand.OpenDay(), 1440);
        Assert.Equal("A001", hall.Do(HallCommand.IssueTicket(1), 1441).Number.ToString());
        var saved = Hall.Restore(d, hall.SaveState());
        Assert.Equal(hall.Apply(HallCommand.IssueTicket(1), At(1442)), saved.Apply(HallCommand.IssueTicket(1), At(1442)));
        Assert.Equal(hall.Apply(HallCommand.IssueTicket(1), At(1443)), saved.Apply(HallCommand.IssueTicket(1), At(1443)));
    }

    [Fact]
    public void CloseDay_ServeRemaining_CalledTicketNoShowRequeuesAndIsServedBeforeTheNextDay()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var a = hall.Issue(0);
        var b = hall.Issue(0);
        hall.Call(1, 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.ServeRemaining), 2);
        hall.Do(HallCommand.NoShow(1), 3);
        hall.Reject(HallCommand.OpenDay(), 4, QueueError.DayWrongState);
        Assert.Equal(b, hall.Call(1, 5));
    }

    [Fact]
    public void Restore_AfterRedefineWithAnIdleLimit_SameNextDueAndAlerts()
    {
        var d = OneItem();
        var hall = Open(d, 1, 2);
        hall.Issue(0);
        hall.Serve(1, 1);
        var next = d with { WindowIdleLimit = TimeSpan.FromMinutes(4), Services = [d.Services[0] with { ServiceTimeLimit = TimeSpan.FromMinutes(3) }] };
        var live = hall.Redefine(next, At(2));
        var restored = Hall.Restore(next, live.SaveState());
        Assert.Equal(live.NextDue, restored.NextDue);
        foreach (var m in new[] { 3.0, 4.5, 6.0, 9.0 })
        {
            live.Apply(HallCommand.Tick(), At(m));
            restored.Apply(HallCommand.Tick(), At(m));
            Assert.Equal(live.Events(), restored.Events());
            Assert.Equal(live.NextDue, restored.NextDue);
        }
    }

    [Fact]
    public void Redefine_ParkingWindowClosedAndRemoved_ResumedTicketGoesToItsItemQueue()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(1, 1);
        Assert.Equal(a, hall.Serve(1, 2));
        hall.Do(HallCommand.Park(1, "doc"), 3);
        hall.Do(HallCommand.CloseWindow(1), 4);
        var next = d with { Windows = [.. d.Windows.Where(w => w.Id != 1)] };
        var live = hall.Redefine(next, At(5));
        live.Do(HallCommand.ResumeParked(a), 6);
        live.Do(HallCommand.OpenWindow(3, clerk: 3), 6);
        Assert.Equal(a, live.Call(2, 7));
    }

    [Fact]
    public void Redefine_WindowsReordered_ParkedTicketReturnsToTheWindowThatParkedIt()
    {
        var d = Small();
        var hall = Open(d, 1, 2);
        var a = hall.Issue(0, 1);
        hall.Issue(1, 1);
        Assert.Equal(a, hall.Serve(2, 2));
        hall.Do(HallCommand.Park(2, "doc"), 3);
        var next = d with { Windows = [.. d.Windows.Reverse()] };
        var live = hall.Redefine(next, At(5));
        live.Do(HallCommand.ResumeParked(a), 6);
        Assert.Equal(a, live.Call(2, 7));
    }

    [Fact]
    public void Redefine_WindowsReordered_TransferredTicketStaysWithItsWindow()
    {
        var d = Small();
        var hall = Open(d, 1, 2, 3);
        var a = hall.Issue(0, 1);
        hall.Issue(1, 1);
        Assert.Equal(a, hall.Serve(1, 2));
        hall.Do(HallCommand.TransferToWindow(1, 3), 3);
        var next = d with { Windows = [.. d.Windows.Reverse()] };
        var live = hall.Redefine(next, At(5));
        Assert.NotEqual(a, live.Call(1, 6));
        Assert.Equal(a, live.Call(3, 7));
    }

    [Fact]
    public void IssueTicket_EstimateNextMorning_UsesWhatTheHallLearnedNotZero()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        for (var i = 0; i < 4; i++)
        {
            hall.Issue(i);
            hall.Serve(1, i * 10 + 1);
            hall.Do(HallCommand.Finish(1), i * 10 + 9);
        }

        for (var i = 0; i < 4; i++)
        {
            hall.Issue(50);
        }

        var today = hall.Do(HallCommand.IssueTicket(1), 50).EstimatedWait;
        hall.Do(HallCommand.CloseDay(), 60);
        hall.Do(HallCommand.OpenDay(), 1440);
        for (var i = 0; i < 4; i++)
        {
            hall.Issue(1441);
        }

        var tomorrow = hall.Do(HallCommand.IssueTicket(1), 1441).EstimatedWait;
        Assert.True(today > TimeSpan.Zero, $"today {today}");
        Assert.True(tomorrow > TimeSpan.Zero, $"tomorrow {tomorrow}");
    }
}
