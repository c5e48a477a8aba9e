using System.Text.Json;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>Clock, small halls and assertion helpers for the hall-operation tests. Times are minutes after <see cref="T0"/>.</summary>
internal static class OperationFixtures
{
    public static readonly DateTimeOffset T0 = HallFixtures.Morning;

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    /// <summary>One item (1, category A, prefix A); windows 1 and 2 serve it as primary.</summary>
    public static HallDefinition OneItem(Func<HallDefinition, HallDefinition>? tweak = null)
    {
        var d = new HallDefinition
        {
            Id = "one",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new() { Id = 1, Category = "A", Name = "Registration" }],
            Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
        };
        return tweak is null ? d : tweak(d);
    }

    /// <summary>The shared small hall (items 1, 2 in A; 3 in B; windows 1, 2 on 1 and 2; window 3 on 3 with overflow on 1 after 10 min).</summary>
    public static HallDefinition Small(Func<HallDefinition, HallDefinition>? tweak = null) => HallFixtures.SmallHall(tweak);

    /// <summary>Day open at <see cref="T0"/>, the given windows open in manual mode (clerk 100 + id).</summary>
    public static Hall Open(HallDefinition definition, params int[] windows) => HallFixtures.OpenHall(definition, T0, windows);

    /// <summary>Day open at <see cref="T0"/>, every window of the definition open in auto mode (clerk = window id).</summary>
    public static Hall OpenAuto(HallDefinition definition)
    {
        var hall = Open(definition);
        foreach (var w in definition.Windows)
        {
            hall.Do(HallCommand.OpenWindow(w.Id, clerk: w.Id, auto: true), 0);
        }

        return hall;
    }

    /// <summary>Applies a command that must succeed.</summary>
    public static CommandResult Do(this Hall hall, HallCommand command, double minute)
    {
        var r = hall.Apply(command, At(minute));
        Assert.True(r.IsSuccess, $"{command.Kind} at +{minute} min failed: {r}");
        return r;
    }

    public static long Issue(this Hall hall, double minute, ServiceItemList? items = null, byte age = 0,
        TicketFlags flags = TicketFlags.None, string? priorityClass = null) =>
        hall.Do(HallCommand.IssueTicket(items ?? 1, age, flags, priorityClass), minute).Ticket;

    /// <summary>Calls the next ticket at the window and starts serving it; returns the ticket.</summary>
    public static long Serve(this Hall hall, int window, double minute)
    {
        var t = hall.Do(HallCommand.CallNext(window), minute).Ticket;
        hall.Do(HallCommand.StartServing(window), minute);
        return t;
    }

    public static long Call(this Hall hall, int window, double minute) => hall.Do(HallCommand.CallNext(window), minute).Ticket;

    public static HallEvent[] Events(this Hall hall) => hall.LastEvents.ToArray();

    public static HallEventKind[] Kinds(this Hall hall) => [.. hall.Events().Select(e => e.Kind)];

    public static HallEvent Single(this Hall hall, HallEventKind kind) => Assert.Single(hall.Events(), e => e.Kind == kind);

    public static CommandResult Query(this Hall hall, long ticket, double minute) => hall.Do(HallCommand.QueryTicket(ticket), minute);

    public static TicketState StateOf(this Hall hall, long ticket, double minute) => hall.Query(ticket, minute).State;

    public static WindowSnapshot WindowView(this Hall hall, int window, double minute = 0) =>
        hall.GetSnapshot(At(minute)).Windows.Single(w => w.Window == window);

    public static ServiceQueueSnapshot ServiceView(this Hall hall, int service, double minute = 0) =>
        hall.GetSnapshot(At(minute)).Services.Single(s => s.Service == service);

    /// <summary>Waiting tickets in the order the snapshot lists them (rank order).</summary>
    public static long[] WaitingOrder(this Hall hall, double minute = 0) => [.. hall.GetSnapshot(At(minute)).Waiting.Select(t => t.Ticket)];

    /// <summary>
    /// Applies a command that must be refused with <paramref name="expected"/>: a message for people, no event, the
    /// sequence unchanged and nothing else in the hall changed.
    /// </summary>
    public static CommandResult Reject(this Hall hall, HallCommand command, double minute, QueueError expected)
    {
        var before = Fingerprint(hall);
        var sequence = hall.Sequence;
        var r = hall.Apply(command, At(minute));
        Assert.Equal(expected, r.Error);
        Assert.False(r.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(r.Message), $"{expected} without a message");
        Assert.Equal(0, hall.LastEvents.Length);
        Assert.Equal(sequence, hall.Sequence);
        Assert.Equal(sequence, r.Sequence);
        Assert.Equal(before, Fingerprint(hall));
        return r;
    }

    /// <summary>Everything the hall holds except the instant of the last command, as text for comparison.</summary>
    public static string Fingerprint(Hall hall) => JsonSerializer.Serialize(hall.SaveState() with { Time = 0 });
}
