namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Over a long day of arrivals, services, no-shows and pauses, every ticket pushed to an idle auto window goes where
/// <see cref="WindowSelection"/> says: a window for which its item is primary first, then the longest idle (or fewest
/// served, least busy, the oldest turn, or lowest id), then the lowest id.
/// </summary>
public class WindowSelectionDayTests
{
    [Theory]
    [InlineData(WindowSelection.LongestIdle, false, 1)]
    [InlineData(WindowSelection.LongestIdle, true, 1)]
    [InlineData(WindowSelection.LongestIdle, true, 2)]
    [InlineData(WindowSelection.FewestServed, false, 1)]
    [InlineData(WindowSelection.FewestServed, true, 2)]
    [InlineData(WindowSelection.FixedOrder, true, 1)]
    [InlineData(WindowSelection.LeastBusy, false, 1)]
    [InlineData(WindowSelection.LeastBusy, true, 2)]
    [InlineData(WindowSelection.RoundRobin, false, 1)]
    [InlineData(WindowSelection.RoundRobin, true, 2)]
    public void Push_OverALongDay_GoesToTheWindowTheSelectionNames(WindowSelection selection, bool mixed, int seed)
    {
        // Same skills: four interchangeable windows. Mixed: item 1 primary at 1, 2, 3 (comprehensive) and 5, overflow
        // (no delay) at 4; item 2 primary at 2, 3 and 4.
        WindowDefinition Auto(int id, params WindowSkill[] skills) => new() { Id = id, Skills = skills, AutoAssign = true };
        WindowSkill Item(int id) => new() { Service = id };
        var overflow = new WindowSkill { Service = 1, Tier = SkillTier.Overflow };
        var d = new HallDefinition
        {
            Id = "selection",
            Categories = [new() { Id = "A", Prefix = "A" }],
            Services = mixed ? [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }] : [new() { Id = 1, Category = "A" }],
            Windows = mixed
                ? [Auto(1, Item(1)), Auto(2, Item(2), Item(1)), new() { Id = 3, Comprehensive = true, AutoAssign = true }, Auto(4, Item(2), overflow), Auto(5, Item(1))]
                : [.. Enumerable.Range(1, 4).Select(w => Auto(w, Item(1)))],
            WindowSelection = selection,
        };
        bool Serves(int window, int item) => !mixed || item == 1 || window is 2 or 3 or 4;
        bool Primary(int window, int item) => !mixed || item == 2 || window != 4;

        var rng = new Random(seed);
        var hall = new Hall(d);
        var now = HallFixtures.Morning;
        hall.Apply(HallCommand.OpenDay(), now);
        var idleSince = new Dictionary<int, DateTimeOffset>(); // idle windows
        var atWindow = new Dictionary<int, bool>(); // windows with a ticket: serving it?
        var paused = new HashSet<int>();
        var served = d.Windows.ToDictionary(w => w.Id, _ => 0);
        var busy = d.Windows.ToDictionary(w => w.Id, _ => TimeSpan.Zero);
        var startedAt = new Dictionary<int, DateTimeOffset>();
        var turn = d.Windows.ToDictionary(w => w.Id, _ => 0L); // the count of calls at the window's last call
        var calls = 0L;
        foreach (var w in d.Windows)
        {
            now = now.AddSeconds(rng.Next(1, 30));
            Assert.True(hall.Apply(HallCommand.OpenWindow(w.Id, 100 + w.Id), now).IsSuccess);
            idleSince[w.Id] = now;
        }

        var pushes = 0;
        for (var step = 0; step < 3000; step++)
        {
            now = now.AddSeconds(rng.Next(0, 90));
            var roll = rng.Next(100);
            var acting = 0;
            HallCommand command;
            if (roll < 20 || atWindow.Count == 0)
            {
                command = HallCommand.IssueTicket(mixed && rng.Next(3) == 0 ? 2 : 1);
            }
            else if (roll < 25 && idleSince.Count > 0)
            {
                acting = idleSince.Keys.ElementAt(rng.Next(idleSince.Count));
                command = HallCommand.PauseWindow(acting);
            }
            else if (roll < 30 && paused.Count > 0)
            {
                acting = paused.ElementAt(rng.Next(paused.Count));
                command = HallCommand.ResumeWindow(acting);
            }
            else
            {
                acting = atWindow.Keys.ElementAt(rng.Next(atWindow.Count));
                command = atWindow[acting] ? HallCommand.Finish(acting)
                    : rng.Next(10) == 0 ? HallCommand.NoShow(acting) : HallCommand.StartServing(acting);
            }

            var result = hall.Apply(command, now);
            Assert.True(result.IsSuccess, $"step {step}: {command.Kind} at window {acting}: {result}");
            var freed = command.Kind is CommandKind.Finish or CommandKind.NoShow or CommandKind.ResumeWindow;
            switch (command.Kind)
            {
                case CommandKind.PauseWindow:
                    idleSince.Remove(acting);
                    paused.Add(acting);
                    break;
                case CommandKind.ResumeWindow:
                    paused.Remove(acting);
                    break;
                case CommandKind.StartServing:
                    atWindow[acting] = true;
                    startedAt[acting] = now;
                    break;
                case CommandKind.Finish:
                    served[acting]++;
                    busy[acting] += now - startedAt[acting];
                    atWindow.Remove(acting);
                    break;
                case CommandKind.NoShow:
                    atWindow.Remove(acting);
                    break;
            }

            foreach (var e in hall.LastEvents.ToArray())
            {
                if (e.Kind == HallEventKind.WindowPaused) // three calls in a row unanswered
                {
                    paused.Add(e.Window);
                    idleSince.Remove(e.Window);
                    atWindow.Remove(e.Window);
                }

                if (e.Kind != HallEventKind.TicketCalled)
                {
                    continue;
                }

                if (!(freed && e.Window == acting)) // not the window that freed itself calling its next
                {
                    var item = hall.Apply(HallCommand.QueryTicket(e.Ticket), now).Service;
                    var idle = idleSince.Keys.Where(w => Serves(w, item)).ToList();
                    if (idle.Any(w => Primary(w, item)))
                    {
                        idle = [.. idle.Where(w => Primary(w, item))];
                    }

                    var expected = selection switch
                    {
                        WindowSelection.LongestIdle => idle.OrderBy(w => idleSince[w]).ThenBy(w => w).First(),
                        WindowSelection.FewestServed => idle.OrderBy(w => served[w]).ThenBy(w => w).First(),
                        WindowSelection.LeastBusy => idle.OrderBy(w => busy[w]).ThenBy(w => w).First(),
                        WindowSelection.RoundRobin => idle.OrderBy(w => turn[w]).ThenBy(w => w).First(),
                        _ => idle.Min(),
                    };
                    Assert.True(expected == e.Window, $"step {step} ({command.Kind}): ticket for item {item} pushed to window {e.Window}, not {expected}; idle: " +
                        string.Join(", ", idle.Select(w => $"{w} since {idleSince[w]:HH:mm:ss}, served {served[w]}, busy {busy[w]}, turn {turn[w]}")));
                    pushes++;
                }

                turn[e.Window] = ++calls;
                idleSince.Remove(e.Window);
                atWindow[e.Window] = false;
            }

            if (freed && !atWindow.ContainsKey(acting) && !paused.Contains(acting))
            {
                idleSince[acting] = now;
            }
        }

        Assert.True(pushes > 300, $"only {pushes} pushes to idle windows");
    }
}
