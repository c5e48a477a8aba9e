using QueueCore;
using QueueCore.Demo;

// Plays a day of a district service center on the QueueCore engine, in virtual time (a second or two of real time).
var seed = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 7;
var clock = new DemoClock(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero));
await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 }, clock);
var hall = engine.AddHall(DemoHall.Definition());
engine.Start();
Console.WriteLine($"QueueCore demo: {hall.Definition.Name}, {hall.Definition.Services.Count} service items, {hall.Definition.Windows.Count} windows (seed {seed})");
var report = await new HallDay(hall, clock, Console.Out, seed).PlayAsync(CancellationToken.None);
return report.Problems.Count == 0 ? 0 : 1; // the day's figures must add up
