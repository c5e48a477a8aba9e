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
    public async Task Rate_VisitPushedOnToAnotherAutoWindow_OnlyTheFinishingWindowsPadRatesIt()
    {
        // Window 1 serves item 1, window 2 item 2, both in auto mode: a visit for 1 then 2 is called at window 2 the
        // moment window 1 finishes item 1.
        var definition = TestHalls.Small(Hall) with
        {
            Windows =
            [
                new WindowDefinition { Id = 1, Skills = [new() { Service = 1 }], AutoAssign = true },
                new WindowDefinition { Id = 2, Skills = [new() { Service = 2 }], AutoAssign = true },
            ],
        };
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(definition);
        });
        await server.OpenAsync(Hall, 1, 2);
        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        var terminal = server.Terminal();
        await Rpc.EventuallyAsync(async () => Assert.Equal(1, (await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded()).Window));
        var finished = await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((visit.Id, 2), (finished.Id, finished.Window)); // called on to window 2

        // Window 2's pad has nothing of this visit to rate yet; window 1's pad rates window 1's service.
        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = Hall, Window = 2, Score = 1, Ticket = visit.Id }));
        Assert.Equal("NotEligible", e.Reason());
        var rated = await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }).Bounded();

        Assert.Equal(visit.Id, rated.Ticket);
        var windows = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows;
        Assert.Equal((1, 5.0, 0), (windows.Single(w => w.Window == 1).Ratings, windows.Single(w => w.Window == 1).MeanRating, windows.Single(w => w.Window == 2).Ratings));
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

    [Fact]
    public async Task Rate_ServiceFinishedAtAWindowSinceRemoved_ItsPadIsGoneWithItAndNoOtherWindowRatesIt()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
        });
        await server.OpenAsync(Hall, 1, 2);
        var served = await server.CallAsync(Hall, window: 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        // A pad rates for its window (the rating goes to that window's figures, its clerk's service): with window 1 gone
        // there is no window for its pad to rate, which it is told plainly. Window 2's pad must not rate a service window
        // 2 did not give; it was refused as if the ticket had never been served ("has no finished service to rate").
        // (The engine's hall-level rating still takes it, into the hall's day: RateTests.)
        var gone = await Rpc.FailsAsync(StatusCode.NotFound, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }));
        Assert.Equal(("UnknownWindow", "Hall 'hall-r' has no window 1."), (gone.Reason(), gone.Status.Detail));
        var other = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = Hall, Window = 2, Score = 5, Ticket = served.Id }));
        Assert.Equal(("NotEligible", "Ticket A001 is not window 2's to rate: its last service was at a window removed since."), (other.Reason(), other.Status.Detail));
    }
}
