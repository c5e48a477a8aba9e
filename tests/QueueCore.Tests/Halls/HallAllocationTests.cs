namespace QueueCore.Tests.Halls;

/// <summary>
/// Allocation budgets are deterministic where timings are not, so they may gate CI: in steady state the hall
/// allocates nothing per command (issue, call, start, finish, no-show, refused commands,
/// an open window opened again among them; ratings, and clerks closing windows and opening others).
/// </summary>
public class HallAllocationTests
{
    [Theory]
    [InlineData(WindowSelection.LongestIdle)]
    [InlineData(WindowSelection.RoundRobin)]
    public void Apply_SteadyTraffic_AllocatesNothing(WindowSelection selection)
    {
        var definition = new HallDefinition
        {
            Id = "alloc",
            Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
            Services = [.. Enumerable.Range(0, 64).Select(i => new ServiceItem { Id = i, Category = i % 2 == 0 ? "A" : "B", WaitLimit = TimeSpan.FromMinutes(30) })],
            Windows =
            [
                new() { Id = 1, Comprehensive = true },
                new() { Id = 2, Skills = [new() { Category = "A" }, new() { Category = "B", Tier = SkillTier.Overflow, OverflowDelay = TimeSpan.FromMinutes(3) }] },
                new() { Id = 3, Skills = [new() { Category = "B" }], DedicatedClass = "elderly" },
                new() { Id = 4, Comprehensive = true, AutoAssign = true },
            ],
            InitialTicketCapacity = 4096,
            WindowSelection = selection,
        };
        var now = HallFixtures.Morning;
        var hall = HallFixtures.OpenHall(definition, now, 1, 2, 3);
        hall.Apply(HallCommand.OpenWindow(4, clerk: 4, auto: true), now);
        for (var i = 0; i < 300; i++)
        {
            hall.Apply(HallCommand.IssueTicket(i % 64, age: (byte)(i % 7 == 0 ? 80 : 30)), now);
        }

        var step = 0;
        void Run(int commands)
        {
            for (var i = 0; i < commands; i++, step++)
            {
                now = now.AddSeconds(1);
                var window = 1 + (step % 4);
                if (hall.TotalWaiting < 300)
                {
                    hall.Apply(HallCommand.IssueTicket(step % 64, age: (byte)(step % 7 == 0 ? 80 : 30)), now);
                }

                if (!hall.Apply(HallCommand.CallNext(window), now).IsSuccess && window != 4)
                {
                    continue; // refused (nothing eligible, or an auto window already busy): must not allocate either
                }

                if (step % 10 == 0)
                {
                    hall.Apply(HallCommand.NoShow(window), now);
                    continue;
                }

                hall.Apply(HallCommand.StartServing(window), now);
                hall.Apply(HallCommand.Finish(window), now);
                hall.Apply(HallCommand.Finish(window), now); // a double press: refused
                hall.Apply(HallCommand.OpenWindow(window, clerk: window), now); // a terminal opening its open window again: refused
                if (step % 100 == 0)
                {
                    hall.Apply(HallCommand.Tick(), now);
                }
            }
        }

        Run(20_000); // warm up: tables grow to their steady size, messages get built once

        // Up to three measured stretches, one of which must allocate nothing: an allocation per command shows in every
        // stretch, while the runtime's own (a method promoted by tiered compilation mid-stretch on a loaded CI machine:
        // 5,728 bytes once in four runs) comes once.
        var allocated = -1L;
        for (var stretch = 0; stretch < 3 && allocated != 0; stretch++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(20_000);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
        Assert.InRange(hall.TotalWaiting, 250, 300); // steady: the queue neither drains nor grows
    }

    [Fact]
    public void Apply_ClerksMovingBetweenWindows_AllocatesNothing()
    {
        var definition = new HallDefinition
        {
            Id = "clerks",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = [new ServiceItem { Id = 1, Category = "A" }],
            Windows = [.. Enumerable.Range(1, 3).Select(id => new WindowDefinition { Id = id, Comprehensive = true })],
            InitialTicketCapacity = 1024,
        };
        var now = HallFixtures.Morning;
        var hall = new Hall(definition);
        hall.Apply(HallCommand.OpenDay(), now);
        int[] clerkAt = [0, 1, 2, 3]; // by window; clerk 4 is off
        var off = 4;
        for (var w = 1; w <= 3; w++)
        {
            hall.Apply(HallCommand.OpenWindow(w, clerk: clerkAt[w]), now);
        }

        var step = 0;
        void Run(int steps)
        {
            for (var i = 0; i < steps; i++, step++)
            {
                var window = 1 + (step % 3);
                hall.Apply(HallCommand.IssueTicket(1), now);
                now = now.AddSeconds(30);
                var called = hall.Apply(HallCommand.CallNext(window), now);
                Assert.True(called.IsSuccess);
                hall.Apply(HallCommand.StartServing(window), now);
                now = now.AddSeconds(30);
                hall.Apply(HallCommand.Finish(window), now);
                hall.Apply(HallCommand.Rate(called.Ticket, 1 + (step % 5)) with { Window = window }, now);

                // The clerk leaves the window; the one who was off takes it.
                Assert.True(hall.Apply(HallCommand.CloseWindow(window), now).IsSuccess);
                Assert.True(hall.Apply(HallCommand.OpenWindow(window, clerk: off), now).IsSuccess);
                (clerkAt[window], off) = (off, clerkAt[window]);
            }
        }

        Run(2_000); // warm up: tables grow to their steady size
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(2_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(4, hall.GetSnapshot(now).Clerks.Count);
    }
}
