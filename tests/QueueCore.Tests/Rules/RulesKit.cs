namespace QueueCore.Tests.Rules;

/// <summary>
/// The reviewer's kit: a hall driven through its public <see cref="Hall.Apply"/> only, time in minutes after an
/// opening, items and windows written in one line each. Expected orders in the tests are worked out from the docs.
/// </summary>
internal static class RulesKit
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    /// <summary>One category "A", items 1..<paramref name="items"/>, and the given windows; no max wait, no pause after no-shows unless tweaked.</summary>
    public static HallDefinition Define(int items, params WindowDefinition[] windows) => new()
    {
        Id = "rules",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [.. Enumerable.Range(1, items).Select(i => new ServiceItem { Id = i, Category = "A", Name = $"Item {i}" })],
        Windows = windows,
        Priority = new PriorityPolicy { MaxWait = null },
        NoShow = new NoShowPolicy { PauseWindowAfter = 0 },
    };

    /// <summary>A window with primary skills on <paramref name="primary"/>.</summary>
    public static WindowDefinition Window(int id, params int[] primary) =>
        new() { Id = id, Skills = [.. primary.Select(s => new WindowSkill { Service = s })] };

    /// <summary>A window taking <paramref name="service"/> as overflow after <paramref name="delayMinutes"/>.</summary>
    public static WindowDefinition OverflowWindow(int id, int service, double delayMinutes, params int[] primary) =>
        new()
        {
            Id = id,
            Skills = [.. primary.Select(s => new WindowSkill { Service = s }),
                new WindowSkill { Service = service, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(delayMinutes) }],
        };

    /// <summary>Opens the day at minute 0 and the windows (clerk = 100 + id), manual unless <paramref name="auto"/>.</summary>
    public static Hall Open(HallDefinition definition, bool auto = false, params int[] windows)
    {
        var hall = new Hall(definition);
        hall.Ok(HallCommand.OpenDay(), 0);
        foreach (var w in windows)
        {
            hall.Ok(HallCommand.OpenWindow(w, clerk: 100 + w, auto: auto), 0);
        }

        return hall;
    }

    public static CommandResult Ok(this Hall hall, HallCommand command, double minute)
    {
        var r = hall.Apply(command, At(minute));
        Assert.True(r.IsSuccess, $"{command.Kind} at +{minute} min failed: {r.Error} {r.Message}");
        return r;
    }

    public static CommandResult Try(this Hall hall, HallCommand command, double minute) => hall.Apply(command, At(minute));

    /// <summary>Issues a ticket; <paramref name="age"/> 70 makes it elderly (default head start 10 min).</summary>
    public static long Issue(this Hall hall, double minute, ServiceItemList? items = null, byte age = 0, TicketFlags flags = TicketFlags.None) =>
        hall.Ok(HallCommand.IssueTicket(items ?? 1, age, flags), minute).Ticket;

    /// <summary>The ticket a manual window's CallNext calls, or 0 when it finds none.</summary>
    public static long Next(this Hall hall, int window, double minute)
    {
        var r = hall.Try(HallCommand.CallNext(window), minute);
        Assert.True(r.IsSuccess || r.Error == QueueError.NothingWaiting, $"CallNext({window}) at +{minute}: {r.Error} {r.Message}");
        return r.IsSuccess ? r.Ticket : 0;
    }

    /// <summary>Calls and finishes <paramref name="count"/> tickets at a manual window, returning them in call order.</summary>
    public static List<long> Drain(this Hall hall, int window, double minute, int count)
    {
        var order = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var t = hall.Next(window, minute);
            if (t == 0)
            {
                break;
            }

            order.Add(t);
            hall.Done(window, minute);
        }

        return order;
    }

    /// <summary>The citizen at the window is served: started if only called, then finished (an auto window may then be pushed the next).</summary>
    public static void Done(this Hall hall, int window, double minute)
    {
        if (hall.GetSnapshot(At(minute)).Windows.Single(w => w.Window == window).State == WindowState.Calling)
        {
            hall.Ok(HallCommand.StartServing(window), minute);
        }

        hall.Ok(HallCommand.Finish(window), minute);
    }

    public static TicketState StateOf(this Hall hall, long ticket, double minute) => hall.Ok(HallCommand.QueryTicket(ticket), minute).State;

    /// <summary>The tickets called by the last command, as (ticket, window) pairs.</summary>
    public static (long Ticket, int Window)[] CallsIn(this Hall hall) =>
        [.. hall.LastEvents.ToArray().Where(e => e.Kind == HallEventKind.TicketCalled).Select(e => (e.Ticket, e.Window))];
}
