namespace QueueCore.Tests.Dispatch;

/// <summary>
/// The idle index keeps each group's windows in the hall's selection order while windows come and go in any order
/// (its groups slide within their room as firsts leave, and move back when they reach its end): checked against a
/// sorted list over many random joins and leaves.
/// </summary>
public class IdleWindowsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void JoinsAndLeaves_InAnyOrder_KeepEachGroupInSelectionOrder(int seed)
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
        var idle = new IdleWindows(windows, services: 2, WindowSelection.LongestIdle);
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
                w.IdleSince = random.Next(0, 8); // few keys: ties are broken by window id
                idle.Add(w);
                model.Add(w);
            }

            Assert.Equal(model.Count, idle.Count);
            Assert.Equal(Expected(model, 1, 12), idle.Windows(0).ToArray().Select(e => e.Id).ToArray());
            Assert.Equal(Expected(model, 13, 17), idle.Windows(1).ToArray().Select(e => e.Id).ToArray());
        }
    }

    private static int[] Expected(List<WindowRecord> model, int first, int last) =>
        [.. model.Where(w => w.Id >= first && w.Id <= last).OrderBy(w => w.IdleSince).ThenBy(w => w.Id).Select(w => w.Id)];
}
