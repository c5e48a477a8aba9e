using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Issue 10's Fix list re-checked from outside, through the public API, in variations its first tests did not cover:
/// windows that serve whole categories (as primary and as overflow), tickets with several items, dedicated windows.
/// </summary>
public class Issue10FixProbeTests
{
    /// <summary>Items X = 1 (category A) and Y = 2 (category B); W1 comprehensive; W2 dedicated to elderly, given <paramref name="w2Skill"/>.</summary>
    private static HallDefinition PushHall(WindowSkill w2Skill) => new()
    {
        Id = "push-categories",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A", Name = "X" }, new() { Id = 2, Category = "B", Name = "Y" }],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [w2Skill], DedicatedClass = PriorityPolicy.Elderly },
        ],
    };

    // Fix 1, literally, with W2 serving Y's whole category (the per-category queues a tier reads).
    [Fact]
    public void TransferToService_IdleAutoWindowServesTheItemsCategory_CalledThere()
    {
        var hall = OpenAuto(PushHall(new() { Category = "B" }));
        var first = hall.Do(HallCommand.IssueTicket(1), 0);
        Assert.Equal((TicketState.Called, 1), (first.State, first.Window));
        var green = hall.Do(HallCommand.IssueTicket(1, flags: TicketFlags.GreenChannel), 1);
        Assert.Equal(TicketState.Waiting, green.State);
        hall.Do(HallCommand.StartServing(1), 1);

        hall.Do(HallCommand.TransferToService(1, 2), 2);

        Assert.Equal((TicketState.Called, 2), (hall.Query(first.Ticket, 2).State, hall.Query(first.Ticket, 2).Window));
        Assert.Equal((TicketState.Called, 1), (hall.Query(green.Ticket, 2).State, hall.Query(green.Ticket, 2).Window));
        Assert.Equal(0, hall.TotalWaiting);
    }

    // Fix 1 with W2 serving Y's category as overflow after 5 minutes: the transferred ticket (its standing counts from
    // 08:30) is eligible there at 08:35, and W2 takes it then by itself.
    [Fact]
    public void TransferToService_IdleAutoWindowServesTheCategoryAsOverflow_CalledWhenTheDelayPasses()
    {
        var hall = OpenAuto(PushHall(new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }));
        var first = hall.Do(HallCommand.IssueTicket(1), 0);
        hall.Do(HallCommand.IssueTicket(1, flags: TicketFlags.GreenChannel), 1);
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.TransferToService(1, 2), 2);
        Assert.Equal(TicketState.Waiting, hall.StateOf(first.Ticket, 2));

        Assert.NotNull(hall.NextDue);
        Assert.True(hall.NextDue <= At(5), $"next due {hall.NextDue}, the transferred ticket is eligible at W2 at {At(5)}");
        hall.Do(HallCommand.Tick(), (hall.NextDue!.Value - T0).TotalMinutes);
        hall.Do(HallCommand.Tick(), 5);
        Assert.Equal((TicketState.Called, 2), (hall.Query(first.Ticket, 5).State, hall.Query(first.Ticket, 5).Window));
    }

    // Fix 1's "next item": a ticket for X then Y, W2 serving category B, idle and auto.
    [Fact]
    public void Finish_NextItemInACategoryAnIdleAutoWindowServes_CalledThere()
    {
        var hall = OpenAuto(PushHall(new() { Category = "B" }));
        var t = hall.Do(HallCommand.IssueTicket(new ServiceItemList([1, 2])), 0).Ticket;
        var other = hall.Do(HallCommand.IssueTicket(1), 0).Ticket;
        hall.Do(HallCommand.StartServing(1), 1);
        hall.Do(HallCommand.Finish(1), 2);
        Assert.Equal((TicketState.Called, 2), (hall.Query(t, 2).State, hall.Query(t, 2).Window));
        Assert.Equal((TicketState.Called, 1), (hall.Query(other, 2).State, hall.Query(other, 2).Window));
    }

    // Fix 1's "resume from park" and "no-show re-queue", with a category window.
    [Fact]
    public void ResumeParkedAndNoShow_IdleAutoCategoryWindow_TakesTheTicket()
    {
        var d = PushHall(new() { Category = "B" }) with
        {
            Park = new ParkPolicy { ReturnToSameWindow = false, AutoResumeAfter = null },
            NoShow = new NoShowPolicy { RequeuePlacesBack = 0, MaxNoShows = 3 },
        };
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, clerk: 1), 0); // manual
        var t = hall.Issue(0, 2);
        hall.Serve(1, 1);
        hall.Do(HallCommand.Park(1, "copy of the ID"), 2);
        hall.Do(HallCommand.OpenWindow(2, clerk: 2, auto: true), 3);
        hall.Do(HallCommand.ResumeParked(t), 4);
        Assert.Equal((TicketState.Called, 2), (hall.Query(t, 4).State, hall.Query(t, 4).Window));

        // W1 in auto mode too; W2's citizen does not come: W1 (idle, auto, comprehensive) takes the re-queued ticket.
        hall.Do(HallCommand.CloseWindow(1), 4);
        hall.Do(HallCommand.OpenWindow(1, clerk: 1, auto: true), 4);
        hall.Do(HallCommand.NoShow(2), 5);
        Assert.Equal((TicketState.Called, 1), (hall.Query(t, 5).State, hall.Query(t, 5).Window));
    }

    // Fix 2 with a window that serves a whole category.
    [Fact]
    public void OpenWindow_AutoAssignCategoryWindowOpenedWithoutMode_TicketPushed()
    {
        var d = PushHall(new() { Category = "B" }) with
        {
            Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Skills = [new() { Category = "B" }], AutoAssign = true }],
        };
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(2), 0);
        var t = hall.Do(HallCommand.IssueTicket(2), 1);
        Assert.Equal((TicketState.Called, 2), (t.State, t.Window));
    }

    // Fix 3, literally: a comprehensive window with a listed skill { Service = 2, Tier = Overflow, OverflowDelay = 10 min }.
    // And the same with the listed skill naming item 2's whole category.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CallNext_ComprehensiveWindowWithAListedOverflowSkill_WaitsTheDelay(bool wholeCategory)
    {
        var d = PushHall(new() { Category = "B" }) with
        {
            Windows =
            [
                new()
                {
                    Id = 1, Comprehensive = true,
                    Skills = [wholeCategory
                        ? new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }
                        : new() { Service = 2, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(10) }],
                },
                new() { Id = 2, Skills = [new() { Service = 2 }] },
            ],
        };
        var hall = Open(d, 1);
        var t = hall.Issue(0, 2);
        hall.Reject(HallCommand.CallNext(1), 1, QueueError.NothingWaiting);
        var view = hall.GetWindowQueue(1, hall.Now);
        var entry = Assert.Single(view.Tickets);
        Assert.Equal((QueueReason.OverflowLater, At(10)), (entry.Reason, entry.EligibleAt));
        var x = hall.Issue(2, 1); // item 1 is primary at the comprehensive window: called first
        Assert.Equal(x, hall.Call(1, 3));
        hall.Do(HallCommand.StartServing(1), 3);
        hall.Do(HallCommand.Finish(1), 4);
        hall.Reject(HallCommand.CallNext(1), 9.9, QueueError.NothingWaiting);
        Assert.Equal(t, hall.Call(1, 10));
    }

    // Fix 4 with a window serving two whole categories: two normal tickets for each priority one over a long run.
    [Fact]
    public void CallNext_TwoNormalForEachPriorityAtACategoryWindow_KeepsTheRatioOverALongRun()
    {
        var d = PushHall(new() { Category = "B" }) with
        {
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }, new() { Category = "B" }] }],
            Priority = new PriorityPolicy { MaxWait = null, Interleave = new InterleaveRule { PriorityCalls = 1, NormalCalls = 2 } },
        };
        var hall = Open(d, 1);
        for (var i = 0; i < 200; i++)
        {
            hall.Issue(0, 1 + (i % 2));
            hall.Issue(0, 2 - (i % 2), age: 80);
        }

        var calls = new System.Text.StringBuilder();
        for (var i = 0; i < 240; i++)
        {
            var t = hall.Serve(1, 1);
            calls.Append(hall.Query(t, 1).Number.ToString().Length > 0 && IsPriority(hall, t) ? 'P' : 'N');
            hall.Do(HallCommand.Finish(1), 1);
        }

        Assert.Equal(string.Concat(Enumerable.Repeat("PNN", 80)), calls.ToString());
    }

    private static bool IsPriority(Hall hall, long ticket) =>
        hall.GetSnapshot(hall.Now).AtWindows.Single(t => t.Ticket == ticket).PriorityClass != PriorityPolicy.Normal;

    // Fix 5: a ticket with a second item, being served when the day closes (CancelWaiting), finished afterwards: it does
    // not go back into the closed day's queue, and the next day opens.
    [Fact]
    public void Finish_SecondItemAfterCancellingClose_DoesNotRequeueAndTheNextDayOpens()
    {
        var hall = Open(Small(), 1);
        var t = hall.Issue(0, new ServiceItemList([1, 2]));
        hall.Serve(1, 1);
        hall.Do(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 2);
        hall.Apply(HallCommand.Finish(1), At(3));
        Assert.NotEqual(TicketState.Waiting, hall.StateOf(t, 3));
        Assert.Equal(0, hall.TotalWaiting);
        hall.Do(HallCommand.OpenDay(), 4);
        Assert.Equal("A001", hall.Do(HallCommand.IssueTicket(1), 5).Number.ToString());
    }

    // Fix 5: park after a cancelling close, and a ticket waiting in a window's own queue at the close.
    [Fact]
    public void ParkAndOwnQueue_AfterCancellingClose_NothingLeftLiveAndTheNextDayOpens()
    {
        var hall = Open(Small(), 1, 2);
        var a = hall.Issue(0, 1);
        var b = hall.Issue(0, 1);
        hall.Serve(1, 1);
        hall.Serve(2, 1);
        hall.Do(HallCommand.TransferToWindow(2, 1), 2); // b waits in window 1's own queue
        Assert.Equal(TicketState.Waiting, hall.StateOf(b, 2));
        hall.Do(HallCommand.CloseDay(DayClosePolicy.CancelWaiting), 3);
        Assert.Equal(TicketState.Cancelled, hall.StateOf(b, 3));
        hall.Reject(HallCommand.Park(1, "doc"), 4, QueueError.DayWrongState); // the README: parking is refused
        hall.Do(HallCommand.Finish(1), 4);
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 4));

        hall.Do(HallCommand.OpenDay(), 5);
        Assert.Equal("A001", hall.Do(HallCommand.IssueTicket(1), 6).Number.ToString());
    }

    // Fix 8 with a window serving a whole category: the no-show is not called straight back.
    [Fact]
    public void NoShow_AutoCategoryWindowNothingElseWaiting_DoesNotCallTheSameTicketStraightBack()
    {
        var d = PushHall(new() { Category = "B" }) with { Windows = [new() { Id = 1, Skills = [new() { Category = "B" }, new() { Service = 1 }] }] };
        var hall = Open(d);
        hall.Do(HallCommand.OpenWindow(1, auto: true), 0);
        var t = hall.Do(HallCommand.IssueTicket(2), 0).Ticket;
        hall.Do(HallCommand.NoShow(1), 1);
        Assert.Equal(TicketState.Waiting, hall.StateOf(t, 1));
        Assert.DoesNotContain(HallEventKind.TicketCalled, hall.Kinds());
    }

    // Fix 12, literally: the wall clock is stepped back 5 minutes; the ticket issued after the step is not called first.
    // Variation: the two tickets wait on different items of a category a window serves whole.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CallNext_ClockSteppedBackFiveMinutes_EarlierTicketStillFirst(bool twoItemsOfACategory)
    {
        var d = PushHall(new() { Category = "B" }) with
        {
            Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }],
            Windows = [new() { Id = 1, Skills = [new() { Category = "A" }] }],
        };
        var hall = Open(d, 1);
        var first = hall.Issue(10, 1);
        var second = hall.Issue(5, twoItemsOfACategory ? 2 : 1); // the clock now reads 5 minutes earlier
        Assert.Equal(first, hall.Call(1, 6));
        hall.Do(HallCommand.StartServing(1), 6);
        hall.Do(HallCommand.Finish(1), 6);
        Assert.Equal(second, hall.Call(1, 7));
        Assert.True(hall.Now >= At(10), $"the hall's time went back to {hall.Now}");
    }

    // Fix 13: a head start larger than the time since the epoch (strict priority set as years) still ranks and snapshots.
    [Fact]
    public void GetSnapshot_HeadStartOfDecades_RanksAndSnapshotsWithoutThrowing()
    {
        var d = OneItem(d => d with
        {
            Priority = new PriorityPolicy
            {
                Classes = [new() { Id = "vip", HeadStart = PriorityPolicy.MaxHeadStart }, new() { Id = "normal" }],
                Rules = [new() { Class = "vip", AnyFlags = TicketFlags.KeyEnterprise }],
                AppointmentClass = null,
                MaxWait = null,
            },
        });
        var hall = Open(d, 1);
        var n = hall.Issue(0);
        var v = hall.Issue(1, flags: TicketFlags.KeyEnterprise);
        var snapshot = hall.GetSnapshot(At(2));
        Assert.Equal([v, n], snapshot.Waiting.Select(t => t.Ticket));
        Assert.Equal([v, n], hall.GetWindowQueue(1, hall.Now).Tickets.Select(t => t.Ticket));
        Assert.Equal(v, hall.Call(1, 2));
    }

    // Fix 13: the park resume bonus is scaled by the aging rate like class head starts (aging rate 2: a 10-minute bonus
    // is worth 5 minutes of waiting).
    [Fact]
    public void ResumeParked_AgingRateTwo_BonusScaledLikeAHeadStart()
    {
        var d = OneItem(d => d with
        {
            Priority = new PriorityPolicy { AgingRate = 2, MaxWait = null },
            Park = new ParkPolicy { ResumeHeadStart = TimeSpan.FromMinutes(10), AutoResumeAfter = null, ReturnToSameWindow = false },
        });
        var hall = Open(d, 1);
        var p = hall.Issue(0);
        hall.Serve(1, 0);
        hall.Do(HallCommand.Park(1, "doc"), 0);
        var a = hall.Issue(20); // waits from +20
        var b = hall.Issue(26); // waits from +26
        hall.Do(HallCommand.ResumeParked(p), 30); // standing from +0 plus 10 / 2 = 5 minutes: from -5, ahead of both
        var order = hall.GetWindowQueue(1, hall.Now).Tickets;
        Assert.Equal([p, a, b], order.Select(t => t.Ticket));
        Assert.Equal(TimeSpan.FromMinutes(5), order[0].HeadStart);
    }

    // Push order (README, "Push"): dedicated windows of the ticket's class first, then primary, then overflow, then the
    // longest idle; here with windows serving whole categories.
    [Fact]
    public void IssueTicket_SeveralIdleAutoCategoryWindows_DedicatedThenPrimaryThenOverflowThenLongestIdle()
    {
        var d = PushHall(new() { Category = "B" }) with
        {
            Windows =
            [
                new() { Id = 1, Skills = [new() { Category = "B", Tier = SkillTier.Overflow }] },                  // overflow, idle longest
                new() { Id = 2, Skills = [new() { Category = "B" }] },                                            // primary
                new() { Id = 3, Skills = [new() { Category = "B" }] },                                            // primary, idle shorter
                new() { Id = 4, Skills = [new() { Category = "B" }, new() { Category = "A" }], DedicatedClass = PriorityPolicy.Elderly }, // dedicated, idle shortest
            ],
        };
        var hall = Open(d);
        for (var w = 1; w <= 4; w++)
        {
            hall.Do(HallCommand.OpenWindow(w, clerk: w, auto: true), w);
        }

        Assert.Equal(4, hall.Do(HallCommand.IssueTicket(2, age: 80), 10).Window); // elderly: its dedicated window
        Assert.Equal(2, hall.Do(HallCommand.IssueTicket(2), 11).Window);          // primary, idle longer than 3
        Assert.Equal(3, hall.Do(HallCommand.IssueTicket(2), 12).Window);
        Assert.Equal(1, hall.Do(HallCommand.IssueTicket(2), 13).Window);          // only the overflow window is left
        Assert.Equal(TicketState.Waiting, hall.Do(HallCommand.IssueTicket(2), 14).State);
    }
}
