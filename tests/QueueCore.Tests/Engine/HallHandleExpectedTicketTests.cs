namespace QueueCore.Tests.Engine;

/// <summary>
/// An integrator's terminal that goes through <see cref="HallHandle"/>'s shortcuts names the ticket it shows, as one that
/// submits <see cref="HallCommand"/>s does: a stale second press (A001 finished already, the window now has A002) is
/// refused and changes nothing, instead of acting on A002. One case per shortcut, grouped by family.
/// </summary>
public class HallHandleExpectedTicketTests
{
    private static HallDefinition TwoItemsTwoWindows() => new()
    {
        Id = "h1",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }],
        Windows = [.. new[] { 1, 2 }.Select(w => new WindowDefinition { Id = w, Skills = [new() { Service = 1 }, new() { Service = 2 }] })],
    };

    /// <summary>Window 1 finished A001 and has A002, called (<paramref name="serving"/> false) or being served.</summary>
    private static async Task<(QueueEngine Engine, HallHandle Hall, long Finished, long Current)> AfterAFinishAsync(bool serving)
    {
        var (engine, hall) = EngineTestKit.Started(hall: TwoItemsTwoWindows());
        await EngineTestKit.OpenAsync(hall, 1, 2);
        var a = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        var b = (await hall.IssueTicketAsync(1).Bounded()).Ticket;
        Assert.Equal(a, (await hall.CallNextAsync(1).Bounded()).Ticket);
        Assert.Equal(b, (await hall.FinishAndCallNextAsync(1, a).Bounded()).Ticket);
        if (serving)
        {
            Assert.True((await hall.StartServingAsync(1, b).Bounded()).IsSuccess);
        }

        return (engine, hall, a, b);
    }

    private static async Task AssertStalePressRefusedAsync(bool serving, Func<HallHandle, long, ValueTask<CommandResult>> press)
    {
        var (engine, hall, finished, current) = await AfterAFinishAsync(serving);
        await using var _ = engine;

        var stale = await press(hall, finished).Bounded();
        var window = (await hall.GetSnapshotAsync().Bounded()).Windows.Single(w => w.Window == 1);

        Assert.Equal(QueueError.TicketWrongState, stale.Error);
        Assert.Equal("Window 1 has A002, not A001: A001 was finished already.", stale.Message);
        Assert.Equal((serving ? WindowState.Serving : WindowState.Calling, current), (window.State, window.Ticket));

        // The ticket the window has is named right: the press goes through.
        Assert.True((await press(hall, current).Bounded()).IsSuccess);
    }

    [Theory]
    [InlineData("finish and call next")]
    [InlineData("finish")]
    [InlineData("finish and pause")]
    public Task FinishShortcuts_StaleTicket_RefusedAndTheWindowKeepsItsTicket(string shortcut) =>
        AssertStalePressRefusedAsync(serving: true, shortcut switch
        {
            "finish and call next" => (h, t) => h.FinishAndCallNextAsync(1, t),
            "finish" => (h, t) => h.FinishAsync(1, t),
            _ => (h, t) => h.FinishAndPauseAsync(1, "break", t),
        });

    [Theory]
    [InlineData("start")]
    [InlineData("recall")]
    [InlineData("no-show")]
    [InlineData("no-show and pause")]
    public Task CalledTicketShortcuts_StaleTicket_RefusedAndTheWindowKeepsItsTicket(string shortcut) =>
        AssertStalePressRefusedAsync(serving: false, shortcut switch
        {
            "start" => (h, t) => h.StartServingAsync(1, t),
            "recall" => (h, t) => h.RecallAsync(1, t),
            "no-show" => (h, t) => h.NoShowAsync(1, t),
            _ => (h, t) => h.NoShowAndPauseAsync(1, "break", t),
        });

    [Theory]
    [InlineData("transfer to service")]
    [InlineData("transfer to window")]
    [InlineData("park")]
    public Task HandoverShortcuts_StaleTicket_RefusedAndTheWindowKeepsItsTicket(string shortcut) =>
        AssertStalePressRefusedAsync(serving: true, shortcut switch
        {
            "transfer to service" => (h, t) => h.TransferToServiceAsync(1, 2, t),
            "transfer to window" => (h, t) => h.TransferToWindowAsync(1, 2, t),
            _ => (h, t) => h.ParkAsync(1, "document", ticket: t),
        });

    [Fact]
    public async Task FinishAsync_NoTicketNamed_FinishesWhateverTheWindowHas()
    {
        var (engine, hall, _, current) = await AfterAFinishAsync(serving: true);
        await using var running = engine;

        var r = await hall.FinishAsync(1).Bounded();

        Assert.Equal(current, r.Ticket);
        Assert.Equal(TicketState.Completed, r.State);
    }
}
