namespace QueueCore.Tests.Dispatch;

/// <summary>
/// Tiers of more than 64 items keep a stale mark per item (in words of their own): every call by a specialised
/// window over a large category must still take the longest-waiting ticket of its items, checked against a
/// brute-force scan over random issues and calls.
/// </summary>
public class LargeTierTests
{
    private const int Categories = 3;
    private const int PerCategory = 150; // tiers of 150 items: three words of marks each

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SpecialisedWindowsOverLargeCategories_CallTheLongestWaitingTicketOfTheirItems(int seed)
    {
        var definition = new HallDefinition
        {
            Id = "large",
            Categories = [.. Enumerable.Range(0, Categories).Select(c => new ServiceCategory { Id = $"c{c}", Prefix = ((char)('A' + c)).ToString() })],
            Services = [.. Enumerable.Range(0, Categories * PerCategory).Select(i => new ServiceItem { Id = i + 1, Category = $"c{i % Categories}" })],
            Windows =
            [
                .. Enumerable.Range(0, Categories).Select(c => new WindowDefinition { Id = c + 1, Skills = [new() { Category = $"c{c}" }] }),
                new WindowDefinition { Id = 10, Skills = [new() { Category = "c0" }, new() { Category = "c1" }] }, // a tier of 300
            ],
        };
        var hall = new Hall(definition);
        var now = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        Assert.True(hall.Apply(HallCommand.OpenDay(), now).IsSuccess);
        foreach (var w in definition.Windows)
        {
            Assert.True(hall.Apply(HallCommand.OpenWindow(w.Id), now).IsSuccess);
        }

        var waiting = new List<(long Ticket, int Category)>(); // in issue order: all normal, so the oldest is the best
        var random = new Random(seed);
        for (var step = 0; step < 6_000; step++)
        {
            now = now.AddSeconds(1);
            if (random.Next(3) > 0 || waiting.Count == 0)
            {
                var service = random.Next(definition.Services.Count);
                var issued = hall.Apply(HallCommand.IssueTicket(service + 1), now);
                Assert.True(issued.IsSuccess, issued.Message);
                waiting.Add((issued.Ticket, service % Categories));
                continue;
            }

            var window = definition.Windows[random.Next(definition.Windows.Count)].Id;
            bool Serves(int category) => window == 10 ? category is 0 or 1 : category == window - 1;
            var expected = waiting.FindIndex(t => Serves(t.Category));
            var called = hall.Apply(HallCommand.FinishAndCallNext(window), now);
            if (expected < 0)
            {
                Assert.True(called.Ticket == 0, $"window {window} called {called.Ticket} though nothing it serves waits");
                continue;
            }

            Assert.Equal(waiting[expected].Ticket, called.Ticket);
            waiting.RemoveAt(expected);
        }
    }
}
