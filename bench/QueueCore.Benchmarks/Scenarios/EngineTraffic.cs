namespace QueueCore.Benchmarks.Scenarios;

/// <summary>Halls for engine-level runs and the command each step of a producer sends (issue, call, start, finish).</summary>
internal static class EngineTraffic
{
    public const int WindowsPerHall = 20;
    public const int ServicesPerHall = 256;

    public static HallDefinition Hall(int index) => new()
    {
        Id = $"hall-{index}",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [.. Enumerable.Range(0, ServicesPerHall).Select(i => new ServiceItem { Id = i, Category = i % 2 == 0 ? "A" : "B" })],
        Windows = [.. Enumerable.Range(1, WindowsPerHall).Select(w => w <= 4
            ? new WindowDefinition { Id = w, Comprehensive = true }
            : new WindowDefinition { Id = w, Skills = [new() { Category = w % 2 == 0 ? "A" : "B" }] })],
        InitialTicketCapacity = 1 << 14,
    };

    /// <summary>
    /// <see cref="Hall"/> with the library's default hall options (its default initial ticket capacity instead of
    /// 1 &lt;&lt; 14): for runs with many halls, where the large table would dominate memory.
    /// </summary>
    public static HallDefinition DefaultOptionsHall(int index) =>
        Hall(index) with { InitialTicketCapacity = new HallDefinition { Id = "defaults" }.InitialTicketCapacity };

    /// <summary>
    /// Adds <paramref name="halls"/> halls (<see cref="Hall"/> unless <paramref name="definition"/> is given), starts the
    /// engine, opens each day and every window.
    /// </summary>
    public static async Task<HallHandle[]> PrepareAsync(QueueEngine engine, int halls, Func<int, HallDefinition>? definition = null)
    {
        definition ??= Hall;
        var handles = Enumerable.Range(0, halls).Select(h => engine.AddHall(definition(h))).ToArray();
        engine.Start();
        foreach (var hall in handles)
        {
            Require(await hall.OpenDayAsync(), hall);
            foreach (var w in hall.Definition.Windows)
            {
                Require(await hall.OpenWindowAsync(w.Id, clerk: w.Id), hall);
            }
        }

        return handles;
    }

    /// <summary>Step <paramref name="step"/> of a producer's stream: a quarter each of issue, call, start, finish.</summary>
    public static HallCommand Command(long step, uint random) => (step & 3) switch
    {
        0 => HallCommand.IssueTicket((int)(random % ServicesPerHall)),
        1 => HallCommand.CallNext(1 + (int)(random % WindowsPerHall)),
        2 => HallCommand.StartServing(1 + (int)(random % WindowsPerHall)),
        _ => HallCommand.Finish(1 + (int)(random % WindowsPerHall)),
    };

    /// <summary>
    /// Step <paramref name="step"/> of a clerk's steady stream at <paramref name="window"/>: a citizen takes a ticket,
    /// the clerk finishes and calls the next, starts serving. Calls keep up with issues, so the queue stays short.
    /// </summary>
    public static HallCommand Steady(long step, int window, uint random) => (step % 3) switch
    {
        0 => HallCommand.IssueTicket((int)(random % ServicesPerHall)),
        1 => HallCommand.FinishAndCallNext(window),
        _ => HallCommand.StartServing(window),
    };

    /// <summary>A cheap deterministic random stream (xorshift), so producers allocate nothing and share no state.</summary>
    public static uint Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }

    private static void Require(CommandResult result, HallHandle hall)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Preparing hall '{hall.Id}' failed: {result.Message}");
        }
    }
}
