namespace QueueCore.Tests.Dispatch;

/// <summary>
/// The idle index keeps each group's windows in the hall's selection order while windows come and go in any order
/// (its groups slide within their room as firsts leave, and move back when they reach its end): checked against a
/// sorted list over many random joins and leaves.
/// </summary>
public class IdleWindowsTests
{
    [Theory]
    [InlineData(1, WindowSelection.LongestIdle)]
    [InlineData(2, WindowSelection.LongestIdle)]
    [InlineData(3, WindowSelection.LongestIdle)]
    [InlineData(4, WindowSelection.FewestServed)]
    [InlineData(5, WindowSelection.FixedOrder)]
    [InlineData(6, WindowSelection.LeastBusy)]
    [InlineData(7, WindowSelection.RoundRobin)]
    public void JoinsAndLeaves_InAnyOrder_KeepEachGroupInSelectionOrder(int seed, WindowSelection selection)
    {
        var definition = new HallDefinition
        {
            Id = "idle",
            Categories = [new ServiceCategory { Id = "c", Prefix = "A" }],
            Services = [new ServiceItem { Id = 1, Category = "c" }, new ServiceItem { Id = 2, Category = "c" }],
            Windows =
            [
                .. Enumerable.Range(1, 12).Select(id => new WindowDefinition { Id = id, Comprehensive = true }), // group 0
                .. Enumerable.Range(13, 5).Select(id => new WindowDefinition { Id = id, Skills = [new() { Service = 2 }] }), // group 1
            ],
        };
        var windows = HallCompiler.Compile(definition).Windows;
        var idle = new IdleWindows(windows, services: 2, selection);
        var model = new List<WindowRecord>();
        var random = new Random(seed);
        for (var step = 0; step < 20_000; step++)
        {
            var w = windows[random.Next(windows.Length)];
            if (model.Remove(w))
            {
                idle.Remove(w);
            }
            else
            {
                // Few keys, ties broken by window id; each rule's own key, the others different, so it must read the right one.
                (w.IdleSince, w.Today.Served, w.Today.HandlingTicks, w.LastTurn) = (random.Next(0, 8), random.Next(0, 8), random.Next(0, 8), random.Next(0, 8));
                idle.Add(w);
                model.Add(w);
            }

            Assert.Equal(model.Count, idle.Count);
            Assert.Equal(Expected(model, 1, 12, selection), idle.Windows(0).ToArray().Select(e => e.Id).ToArray());
            Assert.Equal(Expected(model, 13, 17, selection), idle.Windows(1).ToArray().Select(e => e.Id).ToArray());
        }
    }

    private static int[] Expected(List<WindowRecord> model, int first, int last, WindowSelection selection) =>
        [.. model.Where(w => w.Id >= first && w.Id <= last).OrderBy(w => Key(w, selection)).ThenBy(w => w.Id).Select(w => w.Id)];

    private static long Key(WindowRecord w, WindowSelection selection) => selection switch
    {
        WindowSelection.LongestIdle => w.IdleSince,
        WindowSelection.FewestServed => w.Today.Served,
        WindowSelection.LeastBusy => w.Today.HandlingTicks,
        WindowSelection.RoundRobin => w.LastTurn,
        _ => 0,
    };
}
