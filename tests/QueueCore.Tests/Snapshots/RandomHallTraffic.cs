namespace QueueCore.Tests.Snapshots;

/// <summary>A seeded stream of every kind of hall command, valid or not, over a hall with auto windows and timers.</summary>
internal static class RandomHallTraffic
{
    public static HallDefinition Definition() => new()
    {
        Id = "traffic",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [.. Enumerable.Range(1, 8).Select(i => new ServiceItem
        {
            Id = i, Category = i <= 4 ? "A" : "B",
            WaitLimit = i % 2 == 0 ? TimeSpan.FromMinutes(15) : null,
            ServiceTimeLimit = TimeSpan.FromMinutes(12),
            QueueWarningLength = 4,
        })],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Category = "A" }], AutoAssign = true },
            new() { Id = 3, Skills = [new() { Category = "B" }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(4) }] },
            new() { Id = 4, Skills = [new() { Service = 5 }, new() { Service = 6 }], DedicatedClass = "elderly" },
        ],
        WindowIdleLimit = TimeSpan.FromMinutes(5),
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(30), Interleave = new() { PriorityCalls = 2, NormalCalls = 1 } },
        NoShow = new NoShowPolicy { RequeuePlacesBack = 1 },
        RememberedRequests = 64,
    };

    /// <summary>
    /// The next command; <paramref name="tickets"/> are ids issued so far (to pick targets from). With
    /// <paramref name="shownAt"/> (the ticket a window's terminal shows, as the caller last saw it: perhaps stale), window
    /// commands now and then name the ticket the clerk means. Opt-in: it changes the stream, and so what other seeds reach.
    /// </summary>
    public static HallCommand Next(Random r, List<long> tickets, DateTimeOffset now = default, Func<int, long>? shownAt = null)
    {
        var command = Pick(r, tickets, now);
        if (shownAt is not null && command.Kind is CommandKind.FinishAndCallNext or CommandKind.Finish or CommandKind.StartServing
            or CommandKind.Recall or CommandKind.NoShow or CommandKind.TransferToService or CommandKind.TransferToWindow or CommandKind.Park
            && r.Next(3) == 0)
        {
            // Mostly the ticket the terminal shows, now and then any other (a stale page, a second keypad).
            var shown = r.Next(4) > 0 || tickets.Count == 0 ? shownAt(command.Window) : tickets[r.Next(tickets.Count)];
            command = command with { Ticket = shown };
        }

        if (r.Next(8) == 0)
        {
            // A client request id; now and then a retry of a recent one (the same command, or another by mistake).
            var id = new Guid(r.Next(0, 40), 0, 0, new byte[8]);
            command = command with { RequestId = id };
        }

        return command;
    }

    private static HallCommand Pick(Random r, List<long> tickets, DateTimeOffset now)
    {
        var window = r.Next(1, 6); // 5 is unknown on purpose
        var ticket = tickets.Count == 0 || r.Next(20) == 0 ? r.NextInt64(1, 1 << 30) : tickets[r.Next(tickets.Count)];
        if (r.Next(300) == 0)
        {
            return r.Next(3) switch
            {
                0 => HallCommand.CloseDay(DayClosePolicy.ServeRemaining),
                1 => HallCommand.CloseDay(),
                _ => HallCommand.OpenDay(),
            };
        }

        if (r.Next(12) == 0)
        {
            return HallCommand.FinishAndCallNext(window);
        }

        return r.Next(22) switch
        {
            < 5 => HallCommand.IssueTicket(
                r.Next(4) == 0 ? new ServiceItemList([r.Next(1, 9), r.Next(1, 9)]) : r.Next(1, 10),
                age: (byte)r.Next(20, 90), flags: (TicketFlags)r.Next(0, 16)),
            < 8 => HallCommand.CallNext(window),
            8 => HallCommand.CallTicket(window, ticket),
            9 => HallCommand.Recall(window),
            < 12 => HallCommand.StartServing(window),
            < 14 => HallCommand.Finish(window),
            14 => HallCommand.NoShow(window),
            15 => HallCommand.TransferToService(window, r.Next(1, 9)),
            16 => HallCommand.TransferToWindow(window, r.Next(1, 5)),
            17 => r.Next(3) switch
            {
                0 => HallCommand.Park(window, "missing document"),
                1 => HallCommand.Park(window, "back after lunch", now.AddMinutes(r.Next(-5, 60))),
                _ => HallCommand.ResumeParked(ticket),
            },
            18 => r.Next(2) == 0 ? HallCommand.Cancel(ticket) : HallCommand.Rate(ticket, r.Next(0, 7)),
            19 => r.Next(2) == 0 ? HallCommand.PauseWindow(window, "break") : HallCommand.ResumeWindow(window),
            20 => r.Next(3) == 0 ? HallCommand.CloseWindow(window) : HallCommand.OpenWindow(window, clerk: window, auto: r.Next(2) == 0),
            _ => HallCommand.Tick(),
        };
    }
}
