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
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var pad = server.Evaluator();

        // The pad asks as soon as the clerk's Finish returns: the server must not answer from an older state.
        for (var i = 0; i < 30; i++)
        {
            var called = await ServeAsync(server, window: 1);
            var rated = await pad.RateAsync(new() { Hall = Hall, Window = 1, Score = (i % 5) + 1 }).Bounded();
            Assert.Equal((called.Id, called.Number), (rated.Ticket, rated.Number));
        }

        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal(30, window.Ratings);
        Assert.Equal(3.0, window.MeanRating, precision: 6);
    }

    [Fact]
    public async Task Rate_RetriedWithItsRequestIdAfterTheWindowFinishedItsNextTicket_GetsTheFirstAnswer()
    {
        // The pad lost the answer to "rate the last service here" and sent it again with the same request id, by which
        // time the clerk had finished the next citizen: the retry was refused InvalidArgument ("request id already used
        // for a different command"), though the rating had been accepted; other commands with request ids get their
        // first answer back.
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var first = await ServeAsync(server, window: 1);
        var request = new QueueCore.Grpc.V1.RateRequest { Hall = Hall, Window = 1, Score = 4, RequestId = Guid.NewGuid().ToString() };
        var rated = await server.Evaluator().RateAsync(request).Bounded();
        Assert.Equal(first.Id, rated.Ticket);

        var next = await ServeAsync(server, window: 1);
        var retried = await server.Evaluator().RateAsync(request).Bounded();

        Assert.Equal(rated, retried); // the first answer: the first citizen's ticket, the same sequence
        var otherScore = request.Clone();
        otherScore.Score = 2;
        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Evaluator().RateAsync(otherScore));
        Assert.Contains("already used for a different command", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal((1, 4.0), (window.Ratings, window.MeanRating)); // rated once
        var nextRated = await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5, RequestId = Guid.NewGuid().ToString() }).Bounded();
        Assert.Equal(next.Id, nextRated.Ticket); // the next citizen still rates their own service
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
    public async Task Rate_VisitsNextItemFinishedAtAnotherWindow_TheFirstWindowsPadStillRatesItsService()
    {
        // Item 1 at window 1, item 2 at window 2: once window 2 had finished, window 1's pad was refused
        // (NotEligible: "its last service was at window 2") for the service window 1 gave.
        await using var server = await StartSmallAsync(windows: 2);
        await server.OpenAsync(Hall, 1, 2);
        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        var terminal = server.Terminal();
        foreach (var window in new[] { 1, 2 })
        {
            Assert.Equal(visit.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = window }).Bounded()).Id);
            await terminal.StartServingAsync(new() { Hall = Hall, Window = window }).Bounded();
            await terminal.FinishAsync(new() { Hall = Hall, Window = window }).Bounded();
        }

        var atWindow1 = await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 2 }).Bounded();
        var atWindow2 = await server.Evaluator(TestDevices.Admin).RateAsync(new() { Hall = Hall, Window = 2, Score = 5 }).Bounded();

        Assert.Equal((visit.Id, 1, visit.Id, 2), (atWindow1.Ticket, atWindow1.Window, atWindow2.Ticket, atWindow2.Window));
        var windows = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows;
        Assert.Equal((1, 2.0, 1, 5.0), (windows.Single(w => w.Window == 1).Ratings, windows.Single(w => w.Window == 1).MeanRating,
            windows.Single(w => w.Window == 2).Ratings, windows.Single(w => w.Window == 2).MeanRating));
        var again = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 1 }));
        Assert.Equal("TicketWrongState", again.Reason());
    }

    [Fact]
    public async Task Rate_AfterTheClerkChangedAtTheWindow_CountsForTheClerkWhoServed()
    {
        // Clerk 7 served the citizen and signed off, clerk 8 signed in, then the citizen rated on the pad: the dashboard
        // showed the rating as clerk 8's.
        await using var server = await StartSmallAsync();
        var terminal = server.Terminal();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 7 }).Bounded();
        var served = await ServeAsync(server, window: 1);
        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1, Clerk = 8 }).Bounded();

        var rated = await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 2 }).Bounded();

        Assert.Equal(served.Id, rated.Ticket);
        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal([(7, 1, 2.0), (8, 0, 0.0)], snapshot.Clerks.Select(c => (c.Clerk, c.Ratings, c.MeanRating)));
        Assert.Equal(1, snapshot.Windows.Single(w => w.Window == 1).Ratings);
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

    private Task<ServerKit> StartSmallAsync(int windows = 1) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows));
        Traffic.Unlimited(s);
    });

    /// <summary>A ticket is called, served and finished at <paramref name="window"/>; returns it.</summary>
    private static async Task<V1.Ticket> ServeAsync(ServerKit server, int window)
    {
        var called = await server.CallAsync(Hall, window);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = window }).Bounded();
        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = window }).Bounded();
        return called;
    }

    [Fact]
    public async Task Rate_Twice_SecondRefusedAndTheWindowCountsOneRating()
    {
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var served = await ServeAsync(server, window: 1);
        Assert.Equal(served.Id, (await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 2 }).Bounded()).Ticket);

        // The citizen taps again (or the next one taps before anybody else was served): refused, and the first stands.
        var again = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }));
        Assert.Contains("already rated", again.Status.Detail, StringComparison.Ordinal);
        var byId = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5, Ticket = served.Id }));
        Assert.Contains("already rated", byId.Status.Detail, StringComparison.Ordinal);

        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal((1, 2.0), (window.Ratings, window.MeanRating));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task Rate_ScoreOutOfRange_InvalidArgumentAndNothingRated(int score)
    {
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        await ServeAsync(server, window: 1);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = score }));
        Assert.StartsWith("score must be 1", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(4, (await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 4 }).Bounded()).Score); // still to rate
    }

    [Fact]
    public async Task Rate_AfterTheClerkClosedTheWindow_StillRatesItsLastService()
    {
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var served = await ServeAsync(server, window: 1);
        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var rated = await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }).Bounded();
        Assert.Equal((served.Id, served.Number), (rated.Ticket, rated.Number));
    }

    [Fact]
    public async Task Rate_TicketCalledAgainAtTheWindow_RatesItsFinishedServiceNotTheCallInProgress()
    {
        // Finish + next: the pad asks while the next citizen is already called; it rates the service that finished.
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var first = await server.CallAsync(Hall, window: 1);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var second = await server.CallAsync(Hall, window: 1); // finishes the first, calls the second

        var rated = await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 3 }).Bounded();
        Assert.Equal(first.Id, rated.Ticket);
        var called = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 3, Ticket = second.Id }));
        Assert.Contains("no finished service", called.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_NextDay_YesterdaysServiceIsNotRatedIntoToday()
    {
        // The pad's "rate the last service here" the next morning, before the window has finished anyone today: it must
        // not rate yesterday's last citizen into today's figures.
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var yesterday = await ServeAsync(server, window: 1);
        await server.Admin().CloseDayAsync(new() { Hall = Hall }).Bounded();
        await server.Admin().OpenDayAsync(new() { Hall = Hall }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 1 }));
        Assert.Equal($"No ticket has been finished at window 1 of hall '{Hall}' yet.", e.Status.Detail);
        var byId = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 1, Ticket = yesterday.Id }));
        Assert.Equal($"Ticket {yesterday.Number} was served on an earlier day; only the day's services are rated (it is completed).", byId.Status.Detail);
        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal(0, window.Ratings);

        // Today's first service is the pad's to rate.
        var today = await ServeAsync(server, window: 1);
        Assert.Equal(today.Id, (await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 4 }).Bounded()).Ticket);
    }
    [Fact]
    public async Task Rate_VisitGoneOnToItsNextItemAtTheSameWindow_EachFinishedServiceRatedOnce()
    {
        // One visit, two items, both served at window 1: the citizen rates the first service while called for the second,
        // then the second; a third tap is refused.
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var visit = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        var terminal = server.Terminal();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        var again = await terminal.FinishAndCallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((visit.Id, 2, V1.TicketState.Called), (again.Id, again.Service, again.State)); // on to item 2, called again

        Assert.Equal(visit.Id, (await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 5 }).Bounded()).Ticket);
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal(visit.Id, (await server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 3 }).Bounded()).Ticket);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Evaluator().RateAsync(new() { Hall = Hall, Window = 1, Score = 1 }));

        var window = (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Windows.Single(w => w.Window == 1);
        Assert.Equal((2, 2, 4.0), (window.ServedToday, window.Ratings, window.MeanRating));
    }

    [Fact]
    public async Task GetPad_TellsTheHallsLanguageWindowNameAndTheServiceJustFinished()
    {
        // The evaluator pad page writes in the hall's language and shows whose service the citizen rates.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall) with { Name = "East hall", Windows = [new WindowDefinition { Id = 1, Name = "Passport desk", Comprehensive = true }] });
            s.Settings[$"QueueCoreServer:Profiles:{Hall}:Language"] = "zh-TW";
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Hall, 1);
        var pad = server.Evaluator();

        var before = await pad.GetPadAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        Assert.Equal((Hall, "East hall", 1, "Passport desk", "zh-TW", 0L, ""),
            (before.Hall, before.HallName, before.Window, before.WindowName, before.Language, before.LastTicket, before.LastNumber));

        var served = await ServeAsync(server, window: 1);
        await Rpc.EventuallyAsync(async () => // the feed's view: a moment behind the Finish at most
        {
            var after = await pad.GetPadAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            Assert.Equal((served.Id, served.Number), (after.LastTicket, after.LastNumber));
        });

        // Only its own window, as for Rate; a window the hall does not have is NotFound (an admin may ask for any).
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => pad.GetPadAsync(new() { Hall = Hall, Window = 2 }));
        await Rpc.FailsAsync(StatusCode.NotFound, () => server.Evaluator(TestDevices.Admin).GetPadAsync(new() { Hall = Hall, Window = 9 }));
    }

    [Fact]
    public async Task GetPad_AfterTheServiceWasRated_SaysSoUntilTheNextFinish()
    {
        // A reloaded pad knew only in memory what it had rated, and asked the citizen to rate that service again.
        await using var server = await StartSmallAsync();
        await server.OpenAsync(Hall, 1);
        var pad = server.Evaluator();
        var served = await ServeAsync(server, window: 1);
        await Rpc.EventuallyAsync(async () =>
        {
            var unrated = await pad.GetPadAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            Assert.Equal((served.Id, false), (unrated.LastTicket, unrated.LastRated));
        });

        await pad.RateAsync(new() { Hall = Hall, Window = 1, Score = 4 }).Bounded();
        await Rpc.EventuallyAsync(async () =>
        {
            var rated = await pad.GetPadAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            Assert.Equal((served.Id, true), (rated.LastTicket, rated.LastRated));
        });

        var next = await ServeAsync(server, window: 1);
        await Rpc.EventuallyAsync(async () =>
        {
            var again = await pad.GetPadAsync(new() { Hall = Hall, Window = 1 }).Bounded();
            Assert.Equal((next.Id, false), (again.LastTicket, again.LastRated));
        });
    }
}
