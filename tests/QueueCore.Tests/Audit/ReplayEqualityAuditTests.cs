namespace QueueCore.Tests.Audit;

/// <summary>
/// A hall continued three other ways from the middle of a random day must answer as the original does: restored from
/// its saved state (definition lists reordered), redefined with the same definition, and fed its commands through the
/// journal's serializer. Many policies on at once, so interleave counters, overdue lists, park returns, round-robin
/// turns and timers are all in play.
/// </summary>
public sealed class ReplayEqualityAuditTests
{
    internal static HallDefinition Definition(bool reversed)
    {
        var services = new List<ServiceItem>
        {
            new() { Id = 1, Category = "A", Name = "One", WaitLimit = TimeSpan.FromMinutes(3), DailyCap = 80, QueueWarningLength = 4 },
            new() { Id = 2, Category = "A", Name = "Two", WaitLimit = TimeSpan.FromMinutes(2) },
            new() { Id = 3, Category = "B", Name = "Three", ServiceTimeLimit = TimeSpan.FromMinutes(2) },
            new() { Id = 4, Category = "B", Name = "Four" },
        };
        var windows = new List<WindowDefinition>
        {
            new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] },
            new() { Id = 2, Skills = [new() { Service = 3 }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(2) }] },
            new() { Id = 3, Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
            new() { Id = 4, Skills = [new() { Category = "B" }, new() { Category = "A", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(1) }], AutoAssign = true },
        };
        var categories = new List<ServiceCategory> { new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" } };
        if (reversed)
        {
            services.Reverse();
            windows.Reverse();
            categories.Reverse();
        }

        return new HallDefinition
        {
            Id = "replay",
            Categories = categories,
            Services = services,
            Windows = windows,
            WindowIdleLimit = TimeSpan.FromMinutes(2),
            WindowSelection = WindowSelection.RoundRobin,
            RetainedCompletedTickets = 8,
            RememberedRequests = 16,
            Priority = new() { MaxWait = TimeSpan.FromMinutes(6), Interleave = new() { PriorityCalls = 1, NormalCalls = 2 } },
            NoShow = new() { MaxRecalls = 1, PauseWindowAfter = 2, RequeuePlacesBack = 1 },
            Park = new() { AutoResumeAfter = TimeSpan.FromMinutes(3), ResumeHeadStart = TimeSpan.FromMinutes(2) },
        };
    }

    internal static (HallCommand Command, double Minute)[] Day(int seed, int length)
    {
        var random = new Random(seed);
        var list = new List<(HallCommand, double)>();
        var minute = 0.0;
        var requests = new List<Guid>();
        for (var i = 0; i < length; i++)
        {
            minute += random.Next(0, 4) * 0.25;
            var w = random.Next(1, 5);
            var ticket = random.Next(1, 40);
            HallCommand c = random.Next(24) switch
            {
                0 or 1 or 2 => HallCommand.IssueTicket(random.Next(1, 5), age: (byte)(random.Next(4) == 0 ? 70 : 30),
                    flags: random.Next(8) == 0 ? TicketFlags.GreenChannel : TicketFlags.None),
                3 => HallCommand.IssueTicket(new ServiceItemList([random.Next(1, 3), random.Next(3, 5)])),
                4 or 5 => HallCommand.CallNext(w),
                6 => HallCommand.StartServing(w),
                7 => HallCommand.Finish(w),
                8 => HallCommand.NoShow(w),
                9 => HallCommand.Recall(w),
                10 => HallCommand.TransferToService(w, random.Next(1, 5)),
                11 => HallCommand.Park(w, "doc"),
                12 => HallCommand.OpenWindow(w, 100 + w, auto: random.Next(3) switch { 0 => true, 1 => false, _ => null }),
                13 => HallCommand.PauseWindow(w),
                14 => HallCommand.ResumeWindow(w),
                15 => HallCommand.FinishAndCallNext(w),
                16 => HallCommand.TransferToWindow(w, random.Next(1, 5)),
                17 => HallCommand.CallTicket(w, ticket),
                18 => HallCommand.ResumeParked(ticket),
                19 => HallCommand.Cancel(ticket),
                20 => HallCommand.CloseWindow(w),
                21 => HallCommand.Rate(ticket, random.Next(1, 6)),
                22 => random.Next(30) == 0 ? HallCommand.CloseDay(random.Next(2) == 0 ? DayClosePolicy.ServeRemaining : DayClosePolicy.CancelWaiting)
                    : random.Next(10) == 0 ? HallCommand.OpenDay() : HallCommand.Tick(),
                _ => HallCommand.NoShowAndPause(w),
            };
            if (random.Next(5) == 0)
            {
                if (requests.Count > 0 && random.Next(2) == 0)
                {
                    // a retry: the command that first carried this id, again
                    var k = random.Next(requests.Count);
                    c = list.Find(x => x.Item1.RequestId == requests[k]).Item1;
                }
                else
                {
                    var id = new Guid(random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
                    requests.Add(id);
                    c = c.WithRequestId(id);
                }
            }

            list.Add((c, minute));
        }

        return [.. list];
    }

    private static Hall Start()
    {
        var hall = new Hall(Definition(false));
        hall.Ok(HallCommand.OpenDay(), 0);
        for (var w = 1; w <= 4; w++)
        {
            hall.Ok(HallCommand.OpenWindow(w, 100 + w), 0);
        }

        return hall;
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var s = 1; s <= 40; s++)
        {
            data.Add(s);
        }

        return data;
    }

    /// <summary>Runs the day, ticking at NextDue like the shard; at the cut makes <paramref name="other"/> from the
    /// original and checks every result and event of the rest of the day.</summary>
    private static void Compare(int seed, Func<Hall, double, Hall> other, bool serialize = false, bool sequenceShift = false, bool reordered = false)
    {
        var day = Day(seed, 600);
        var original = Start();
        var cut = day.Length / 2;
        Hall? twin = null;
        var shift = 0L;
        for (var i = 0; i < day.Length; i++)
        {
            var at = AuditKit.At(day[i].Minute);
            if (i == cut)
            {
                twin = other(original, day[i].Minute);
                shift = twin.Sequence - original.Sequence;
                Assert.True(sequenceShift || shift == 0);
                Assert.Equal(original.NextDue, twin.NextDue);
            }

            while (original.NextDue is { } due && due <= at)
            {
                Step(original, twin, HallCommand.Tick(), due, i, shift, serialize, reordered);
            }

            Step(original, twin, day[i].Command, at, i, shift, serialize, reordered);
        }
    }

    private static void Step(Hall original, Hall? twin, HallCommand command, DateTimeOffset at, int i, long shift, bool serialize, bool reordered)
    {
        var a = original.Apply(command, at);
        if (twin is null)
        {
            return;
        }

        var c = command;
        var when = at;
        if (serialize)
        {
            (c, when) = HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(command, at));
        }

        var b = twin.Apply(c, when);
        if (reordered)
        {
            // a refusal that lists windows lists them in the definition's order, which the reordered definition changes
            (a, b) = (a with { Message = null }, b with { Message = null });
        }

        var where = $"command {i} {command} at {at:HH:mm:ss}";
        // after a redefinition the hall's numbers run one ahead (its HallRedefined event); a retried command's first
        // result keeps the number it had, so results are compared without it there
        Assert.True(shift == 0 ? a == b : (a with { Sequence = 0 }) == (b with { Sequence = 0 }), $"{where}: {a} vs {b}");
        var ea = original.LastEvents.ToArray().Select(e => Key(e, 0)).ToArray();
        var eb = twin.LastEvents.ToArray().Select(e => Key(e, shift)).ToArray();
        Assert.True(ea.SequenceEqual(eb), $"{where}: events [{string.Join(", ", ea)}] vs [{string.Join(", ", eb)}]");
        Assert.Equal(original.NextDue, twin.NextDue);
    }

    private static (long, HallEventKind, string, int, int, int, long, DateTimeOffset, string?) Key(HallEvent e, long shift) =>
        (e.Sequence - shift, e.Kind, e.Number.ToString(), e.Window, e.Service, e.Value, e.Ticket, e.Time, e.PriorityClass);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RestoredWithReorderedDefinition_AnswersAsTheOriginal(int seed) =>
        Compare(seed, (h, _) => Hall.Restore(Definition(true), h.SaveState()), reordered: true);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RedefinedWithTheSameDefinition_AnswersAsTheOriginal(int seed) =>
        Compare(seed, (h, m) => Hall.Restore(Definition(false), h.SaveState()).Redefine(Definition(false), h.Now), sequenceShift: true);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CommandsThroughTheSerializer_AnswerAsTheOriginal(int seed) =>
        Compare(seed, (h, _) => Hall.Restore(Definition(false), h.SaveState()), serialize: true);
}
