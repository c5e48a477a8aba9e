using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A park's return time in a hall with a day schedule: a ticket told to come back after the day's scheduled close would
/// be cancelled by it (or hold the next day's opening), so the terminal is refused at once, in hall time.
/// </summary>
public sealed class ParkScheduleTests(ITestOutputHelper output) : IDisposable
{
    private const string Hall = "hall-p";

    /// <summary>The hall is in Shanghai (UTC+8): the day's clock starts at 09:00 UTC, 17:00 in the hall.</summary>
    private const string Zone = "Asia/Shanghai";

    private static readonly TimeZoneInfo HallZone = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    private readonly JournaledDay _day = new();

    public void Dispose() => _day.Dispose();

    private Task<ServerKit> StartAsync(string opens, string closes, string closePolicy = "CancelWaiting") => _day.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2) with { TimeZone = Zone }); // no issuing hours: the engine allows 24 hours
        Traffic.Unlimited(s);
        s.Settings["QueueCoreServer:DaySchedule:Opens"] = opens;
        s.Settings["QueueCoreServer:DaySchedule:Closes"] = closes;
        s.Settings["QueueCoreServer:DaySchedule:ClosePolicy"] = closePolicy;
    });

    /// <summary>The instant the hall's clocks show <paramref name="time"/>, <paramref name="days"/> after the hall's current date.</summary>
    private DateTimeOffset HallClock(int days, string time)
    {
        var local = TimeZoneInfo.ConvertTime(_day.Time.GetUtcNow(), HallZone);
        return new DateTimeOffset(local.Date.AddDays(days) + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture), local.Offset);
    }

    /// <summary>A ticket taken, called to window 1 and being served there.</summary>
    private static async Task<Ticket> ServingAsync(ServerKit server)
    {
        var ticket = await server.TakeAsync(Hall);
        await server.OpenAsync(Hall, 1);
        await server.Terminal().CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        return ticket;
    }

    private static AsyncUnaryCall<Ticket> Park(ServerKit server, DateTimeOffset returnAt) =>
        server.Terminal().ParkAsync(new() { Hall = Hall, Window = 1, Reason = "a missing document", ReturnAt = Timestamp.FromDateTimeOffset(returnAt) });

    private static Task<Ticket> ParkAsync(ServerKit server, DateTimeOffset returnAt) => Park(server, returnAt).Bounded();

    [Fact]
    public async Task Park_ReturnAfterTheScheduledClose_InvalidArgumentInHallTimeAndTheTicketStays()
    {
        // 17:00 in a hall that closes at 18:00: "come back at 02:00" was accepted, and the close cancelled the ticket.
        await using var server = await StartAsync("08:00", "18:00");
        var ticket = await ServingAsync(server);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => Park(server, HallClock(1, "02:00")));

        Assert.Equal("InvalidArgument", e.Reason());
        Assert.Contains("return_at", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 18:00:00", e.Status.Detail, StringComparison.Ordinal); // the close, hall time
        Assert.Contains("2026-11-24 02:00:00 was given", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(V1.TicketState.Serving, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded()).State);
    }

    [Fact]
    public async Task Park_ReturnBeforeTheScheduledClose_Parked()
    {
        await using var server = await StartAsync("08:00", "18:00");
        var ticket = await ServingAsync(server);

        var parked = await ParkAsync(server, HallClock(0, "17:50"));

        Assert.Equal((ticket.Id, V1.TicketState.Parked), (parked.Id, parked.State));
    }

    [Fact]
    public async Task Park_NightHall_ReturnByTheMorningsCloseParkedLaterRefused()
    {
        // Open 18:00 to 02:00: at 20:00 the day closes the next morning, not at 02:00 of today's date (long past).
        await using var server = await StartAsync("18:00", "02:00");
        _day.Time.Advance(HallClock(0, "20:00") - _day.Time.GetUtcNow());
        await Rpc.EventuallyAsync(async () => Assert.True((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));
        var ticket = await ServingAsync(server);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => Park(server, HallClock(1, "02:30")));
        var parked = await ParkAsync(server, HallClock(1, "01:30"));

        Assert.Contains("2026-11-24 02:00:00", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((ticket.Id, V1.TicketState.Parked), (parked.Id, parked.State));
    }

    [Fact]
    public async Task Park_ServeRemainingReturnAfterTheClose_ParkedForWhenTheClerkSaid()
    {
        // The windows serve the remaining tickets after 18:00: "come back at 18:30" was refused as after the close.
        await using var server = await StartAsync("08:00", "18:00", "ServeRemaining");
        var ticket = await ServingAsync(server);

        var parked = await ParkAsync(server, HallClock(0, "18:30"));

        Assert.Equal((ticket.Id, V1.TicketState.Parked), (parked.Id, parked.State));
    }

    [Fact]
    public async Task Park_ServeRemainingAfterTheCloseReturnAfterTheNextOpening_InvalidArgumentNamingTheOpening()
    {
        // At 18:30, serving on after the close: a return at 09:00 the next morning was accepted (the bound was the next
        // day's close), and the ticket back in the hall then kept the next day from opening at 08:00.
        await using var server = await StartAsync("08:00", "18:00", "ServeRemaining");
        var ticket = await ServingAsync(server);
        _day.Time.Advance(HallClock(0, "18:30") - _day.Time.GetUtcNow());
        await Rpc.EventuallyAsync(async () => Assert.False((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => Park(server, HallClock(1, "09:00")));
        var parked = await ParkAsync(server, HallClock(0, "19:00"));

        Assert.Contains("next scheduled opening (2026-11-24 08:00:00 hall time)", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 09:00:00 was given", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((ticket.Id, V1.TicketState.Parked), (parked.Id, parked.State));
    }
    [Fact]
    public async Task Park_ServeRemainingWhileTheOpeningIsHeldUp_ReturnAfterTheHeldOpeningRefused()
    {
        // 08:10 the next morning, the day before's last citizen still at window 1: the 08:00 opening waits for them. A
        // return at 09:00 was accepted (the bound was the opening after now, the day after's at 08:00), and the ticket back
        // then held the day's opening another hour, or up to the morning after.
        await using var server = await StartAsync("08:00", "18:00", "ServeRemaining");
        var ticket = await ServingAsync(server);
        _day.Time.Advance(HallClock(1, "08:10") - _day.Time.GetUtcNow());
        await Rpc.EventuallyAsync(async () => Assert.False((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => Park(server, HallClock(0, "09:00"))); // the hall's clock is on the 24th now
        var late = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => Park(server, HallClock(1, "07:00")));

        Assert.Contains("next scheduled opening (2026-11-24 08:00:00 hall time)", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("the tickets of the day before are holding up now", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 09:00:00 was given", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 07:00:00 was given", late.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(V1.TicketState.Serving, (await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = ticket.Id }).Bounded()).State);
    }

    [Fact]
    public async Task GetWindowInfo_ServeRemainingWhileTheOpeningIsHeldUp_OffersNoPark()
    {
        // The same held-up 08:00 opening: the terminal's view offered parks up to the morning after's opening (the bound
        // the server used before it knew held openings), and the server refused each one the clerk chose.
        await using var server = await StartAsync("08:00", "18:00", "ServeRemaining");
        await ServingAsync(server);
        _day.Time.Advance(HallClock(1, "08:10") - _day.Time.GetUtcNow());
        await Rpc.EventuallyAsync(async () => Assert.False((await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded()).DayOpen));

        var by = (await server.Terminal().GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded()).ParkReturnBy.ToDateTimeOffset();

        Assert.True(by < HallClock(0, "08:00"), $"a park now must return before the held opening; the view offered up to {by:O}");
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => Park(server, _day.Time.GetUtcNow().AddMinutes(5)));
    }

    [Fact]
    public async Task Park_ServeRemainingAfterAnEarlyCloseTheSameDay_BoundIsTomorrowsOpening()
    {
        // An admin's early close (17:30, serving on) is not an opening held up: the next opening is tomorrow's.
        await using var server = await StartAsync("08:00", "18:00", "ServeRemaining");
        var ticket = await ServingAsync(server);
        _day.Time.Advance(HallClock(0, "17:30") - _day.Time.GetUtcNow());
        await server.Admin().CloseDayAsync(new() { Hall = Hall, KeepWaiting = true }).Bounded();

        var parked = await ParkAsync(server, HallClock(0, "19:00"));

        Assert.Equal((ticket.Id, V1.TicketState.Parked), (parked.Id, parked.State));
    }
}
