using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The dashboard's per-window mean wait and per-clerk figures, in its snapshot and in its figures stream.</summary>
public sealed class DashboardClerkFiguresTests(ITestOutputHelper output)
{
    private const string Hall = "hall-c";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Nine);

    [Fact]
    public async Task SnapshotAndFigures_TwoClerks_CarryMeanWaitAndTheClerksFigures()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = _time;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
        });
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 7 }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Clerk = 8 }).Bounded();
        using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
        await watch.ResponseStream.NextAsync();

        await server.TakeAsync(Hall);                                                    // 9:00
        _time.Advance(TimeSpan.FromMinutes(3));
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();       // 9:03, clerk 7: waited 3 min
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        _time.Advance(TimeSpan.FromMinutes(4));
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();         // 9:07: handled 4 min
        await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }).Bounded();
        await server.TakeAsync(Hall);                                                    // 9:07
        _time.Advance(TimeSpan.FromMinutes(1));
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded();       // 9:08, clerk 8: waited 1 min
        _time.Advance(TimeSpan.FromMinutes(2));
        await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded(); // 9:10: handled 2 min from its call

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        output.WriteLine(snapshot.ToString());
        Assert.Equal([(1, TimeSpan.FromMinutes(3)), (2, TimeSpan.FromMinutes(1))], snapshot.Windows.Select(w => (w.Window, w.MeanWait.ToTimeSpan())));
        Assert.Equal(
            [(7, 1, 1, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4), 1, 5.0), (8, 2, 1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), 0, 0.0)],
            snapshot.Clerks.Select(c => (c.Clerk, c.Window, c.ServedToday, c.MeanWait.ToTimeSpan(), c.MeanHandlingTime.ToTimeSpan(), c.Ratings, c.MeanRating)));

        var figures = await watch.ResponseStream.NextMatchingAsync(f => f.Sequence >= snapshot.Sequence);
        Assert.Equal(snapshot.Clerks, figures.Clerks);

        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(TimeSpan.FromMinutes(3), info.Figures.MeanWait.ToTimeSpan());
    }
}
