using QueueCore;

namespace QueueCore.Tests.Samples;

/// <summary>The package README's first example, as it stands there (<see cref="ReadmeSampleTests"/>).</summary>
internal static class PackageHallSample
{
    public static async Task RunAsync()
    {
        #region src/QueueCore/README.md: A hall in code #1
        var definition = new HallDefinition
        {
            Id = "district-center",
            Categories = [new() { Id = "business", Prefix = "A" }, new() { Id = "social", Prefix = "C" }],
            Services =
            [
                new() { Id = 101, Category = "business", Name = "Business registration", WaitLimit = TimeSpan.FromMinutes(20) },
                new() { Id = 102, Category = "business", Name = "Company seal" },
                new() { Id = 301, Category = "social", Name = "Pension" },
            ],
            Windows =
            [
                new() { Id = 1, Comprehensive = true },                                  // serves everything
                new() { Id = 2, Skills = [new() { Category = "business" }], AutoAssign = true },
                new() { Id = 9, Comprehensive = true, DedicatedClass = PriorityPolicy.Elderly },
            ],
        };

        await using var engine = new QueueEngine();          // one shard per two cores; TimeProvider.System by default
        var hall = engine.AddHall(definition);               // validates: ArgumentException naming the hall and the entry
        engine.Start();

        await hall.OpenDayAsync();
        await hall.OpenWindowAsync(window: 1, clerk: 7);
        var ticket = await hall.IssueTicketAsync(new ServiceItemList([101, 102]), age: 71);   // one visit, two items
        Console.WriteLine($"{ticket.Number}: {ticket.Position} ahead, about {ticket.EstimatedWait.TotalMinutes:F0} min");

        await hall.CallNextAsync(window: 1);                  // "A001, please go to window 1"
        await hall.StartServingAsync(1);
        await hall.FinishAsync(1);                            // the ticket goes on to item 102, keeping its standing
        #endregion
    }
}
