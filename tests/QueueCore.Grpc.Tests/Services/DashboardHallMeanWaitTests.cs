using Google.Protobuf.WellKnownTypes;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The dashboard's hall-wide mean wait, in its snapshot and in its figures stream, across a window's removal and a restart.</summary>
public sealed class DashboardHallMeanWaitTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-w";
    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync() => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    });

    [Fact]
    public async Task SnapshotAndFigures_CallsAtTwoWindows_ThenOneRemoved_ThenARestart_CarryTheMeanOverEveryCall()
    {
        V1.HallSnapshot noon;
        await using (var server = await StartAsync())
        {
            await Rpc.EventuallyAsync(async () => Assert.True((await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).DayOpen));
            await server.OpenAsync(Hall, 1, 2);
            var terminal = server.Terminal();
            using var watch = server.Dashboard().WatchFigures(new() { Hall = Hall, Interval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(100)) });
            await watch.ResponseStream.NextAsync();

            await server.TakeAsync(Hall);                                                       // 9:00
            await server.TakeAsync(Hall);                                                       // 9:00
            _day.Time.Advance(TimeSpan.FromMinutes(2));
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();          // 9:02: waited 2 min
            _day.Time.Advance(TimeSpan.FromMinutes(2));
            await terminal.CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded();          // 9:04: waited 4 min
            await server.TakeAsync(Hall);                                                       // 9:04
            _day.Time.Advance(TimeSpan.FromMinutes(6));
            await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded(); // 9:10: waited 6 min
            await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded(); // nothing else waits

            var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            output.WriteLine(snapshot.ToString());
            Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)], snapshot.Windows.Select(w => w.MeanWait.ToTimeSpan()));
            Assert.Equal(TimeSpan.FromMinutes(4), snapshot.MeanWait.ToTimeSpan()); // (2 + 4 + 6) / 3, not (2 + 5) / 2
            var figures = await watch.ResponseStream.NextMatchingAsync(f => f.Sequence >= snapshot.Sequence);
            Assert.Equal(snapshot.MeanWait, figures.MeanWait);

            await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
            await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();

            noon = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
            Assert.Equal([1], noon.Windows.Select(w => w.Window));
            Assert.Equal(TimeSpan.FromMinutes(4), noon.MeanWait.ToTimeSpan()); // window 2's morning is still the hall's day
            figures = await watch.ResponseStream.NextMatchingAsync(f => f.Sequence >= noon.Sequence);
            Assert.Equal(noon.MeanWait, figures.MeanWait);
        }

        await using var again = await StartAsync(); // the journal's snapshots and commands, replayed
        Assert.Equal(noon.MeanWait, (await again.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).MeanWait);
    }
}
