using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>The evaluator pad rates the service just finished at its window.</summary>
public class EvaluatorTests(ITestOutputHelper output)
{
    private const string Hall = "hall-r";

    [Fact]
    public async Task Rate_RightAfterEachFinish_RatesTheTicketJustFinished()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 1));
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Hall, 1);
        var terminal = server.Terminal();
        var pad = server.Evaluator();

        // The pad asks as soon as the clerk's Finish returns: the server must not answer from an older state.
        for (var i = 0; i < 30; i++)
        {
            var called = await server.CallAsync(Hall, window: 1);
            await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            var rated = await pad.RateAsync(new() { Hall = Hall, Window = 1, Score = (i % 5) + 1 }).Bounded();
            Assert.Equal((called.Id, called.Number), (rated.Ticket, rated.Number));
        }

        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal(30, window.Ratings);
        Assert.Equal(3.0, window.MeanRating, precision: 6);
    }

    [Fact]
    public async Task Rate_NothingFinishedAtTheWindow_FailedPrecondition()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 1));
        });
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 4 }));
    }
}
