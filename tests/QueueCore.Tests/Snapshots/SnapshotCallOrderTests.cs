namespace QueueCore.Tests.Snapshots;

/// <summary>
/// The hall snapshot's waiting list is "the order a comprehensive window would call them": a screen that shows it shows
/// what the windows then do. Checked by letting a comprehensive window call the whole queue of a copy of the hall.
/// </summary>
public class SnapshotCallOrderTests
{
    private static HallDefinition Definition(InterleaveRule? interleave = null) => new()
    {
        Id = "order",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [.. Enumerable.Range(1, 4).Select(i => new ServiceItem { Id = i, Category = i <= 2 ? "A" : "B" })],
        Windows =
        [
            new() { Id = 1, Comprehensive = true },
            new() { Id = 2, Skills = [new() { Category = "A" }] },
            new() { Id = 3, Skills = [new() { Category = "B" }, new() { Service = 1, Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(5) }] },
        ],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(25), Interleave = interleave },
        NoShow = new NoShowPolicy { RequeuePlacesBack = 2 },
        Park = new ParkPolicy { ReturnToSameWindow = false },
    };

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Snapshot_RandomDay_WaitingListIsTheOrderAComprehensiveWindowCalls(int seed) => CheckOrder(Definition(), seed);

    /// <summary>
    /// Under an interleave rule a comprehensive window calls a normal ticket after every N priority ones: the list a
    /// screen shows is that order (as a window opened now would keep the rule), not the bare order of standing, which
    /// showed priority tickets ahead of the normal ticket the window then called before them.
    /// </summary>
    [Theory]
    [InlineData(41, 1, 1)]
    [InlineData(42, 2, 1)]
    [InlineData(43, 1, 2)]
    public void Snapshot_InterleaveRule_WaitingListIsTheOrderAComprehensiveWindowCalls(int seed, int priorityCalls, int normalCalls) =>
        CheckOrder(Definition(new InterleaveRule { PriorityCalls = priorityCalls, NormalCalls = normalCalls }), seed);

    private static void CheckOrder(HallDefinition definition, int seed)
    {
        var hall = new Hall(definition);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        hall.Apply(HallCommand.OpenDay(), now);
        hall.Apply(HallCommand.OpenWindow(2, clerk: 2), now);
        hall.Apply(HallCommand.OpenWindow(3, clerk: 3), now);
        var random = new Random(seed);
        var tickets = new List<long>();
        var checks = 0;
        for (var i = 0; i < 1500; i++)
        {
            now = now.AddSeconds(random.Next(0, 50));
            var window = random.Next(2, 4);
            HallCommand command = random.Next(12) switch
            {
                < 4 => HallCommand.IssueTicket(random.Next(1, 5), age: (byte)random.Next(20, 90), flags: (TicketFlags)random.Next(0, 16)),
                4 => HallCommand.CallNext(window),
                5 => HallCommand.StartServing(window),
                6 => HallCommand.Finish(window),
                7 => HallCommand.NoShow(window),
                8 => HallCommand.Park(window),
                9 => tickets.Count == 0 ? HallCommand.Tick() : HallCommand.ResumeParked(tickets[random.Next(tickets.Count)]),
                10 => HallCommand.TransferToService(window, random.Next(1, 5)),
                _ => HallCommand.Tick(),
            };
            var r = hall.Apply(command, now);
            if (r.Ticket != 0 && !tickets.Contains(r.Ticket))
            {
                tickets.Add(r.Ticket);
            }

            if (i % 50 == 49 && hall.TotalWaiting > 0)
            {
                checks++;
                var listed = hall.GetSnapshot(now).Waiting.Select(t => t.Ticket).ToList();
                var copy = Hall.Restore(definition, hall.SaveState());
                Assert.True(copy.Apply(HallCommand.OpenWindow(1, clerk: 1), now).IsSuccess);
                var called = new List<long>();
                while (called.Count < listed.Count && copy.Apply(HallCommand.CallNext(1), now) is { IsSuccess: true } call)
                {
                    called.Add(call.Ticket);
                    Assert.True(copy.Apply(HallCommand.Cancel(call.Ticket), now).IsSuccess);
                }

                Assert.True(listed.SequenceEqual(called), $"seed {seed}, command {i}: the snapshot lists {string.Join(' ', listed)}, window 1 calls {string.Join(' ', called)}");
            }
        }

        Assert.True(checks > 10);
    }
}
