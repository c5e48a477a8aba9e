using MessagePack;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Journal;

namespace QueueCore.Tests.Engine;

/// <summary>
/// A hall removed and added again with the same id the same day is the same day to the citizens: an item's daily cap
/// has given what it gives, and an appointment that checked in has had its visit. Both are carried as the numbering is
/// (see <see cref="RemovedHallNumberingTests"/>); a day opened later starts fresh.
/// </summary>
public sealed class RemovedHallDayTests : IDisposable
{
    /// <summary>08:00 in the hall (UTC+8).</summary>
    private static readonly DateTimeOffset HallMorning = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private static HallDefinition Hall() => new()
    {
        Id = "a",
        TimeZone = "Asia/Shanghai",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", DailyCap = 2 }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }] }],
    };

    private static ValueTask<CommandResult> CheckInAsync(HallHandle hall, string reference, FakeTimeProvider time) =>
        hall.CheckInAppointmentAsync(new ServiceItemList([1]), reference, time.GetUtcNow().AddMinutes(10));

    /// <summary>Opens the day, issues the cap's two tickets (one an appointment's, "AB12"), and removes the hall.</summary>
    private static async Task UseTheDayAndRemoveAsync(QueueEngine engine, FakeTimeProvider time)
    {
        var first = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(first);
        Assert.True((await CheckInAsync(first, "AB12", time).Bounded()).IsSuccess);
        Assert.True((await first.IssueTicketAsync(1).Bounded()).IsSuccess);
        Assert.Equal(QueueError.LimitReached, (await first.IssueTicketAsync(1).Bounded()).Error);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());
        time.Advance(TimeSpan.FromHours(3));
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDayAtItsCap_TheCapIsStillReached()
    {
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 2), time);
        engine.Start();
        await UseTheDayAndRemoveAsync(engine, time);

        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);

        Assert.Equal(QueueError.LimitReached, (await again.IssueTicketAsync(1).Bounded()).Error);
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDayAfterACheckIn_TheAppointmentIsAlreadyCheckedIn()
    {
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 2), time);
        engine.Start();
        await UseTheDayAndRemoveAsync(engine, time);

        var again = engine.AddHall(Hall() with { Services = [new() { Id = 1, Category = "A" }] }); // no cap in the way
        await EngineTestKit.OpenAsync(again);

        var second = await CheckInAsync(again, " ab12", time).Bounded();
        Assert.Equal(QueueError.AlreadyCheckedIn, second.Error);
        Assert.Contains("A001", second.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A", 1, 3, "as ticket A001")] // the removed hall's number, as the citizen holds it
    [InlineData("", 0, 0, "its ticket's number was not kept")] // carried from a state saved before check-ins kept numbers
    public void CheckIn_CarriedFromTheRemovedHall_RefusalNamesItsTicketOrSaysItIsNotKnown(string prefix, int number, int width, string named)
    {
        var hall = new Hall(Hall());
        hall.CarryDay(new CarriedDay([], [], [new SavedCheckIn { Reference = "AB12", Prefix = prefix, Number = number, Width = width }], HallMorning.AddHours(12).UtcTicks, Serial: 0));
        Assert.True(hall.Apply(HallCommand.OpenDay(), HallMorning).IsSuccess);

        var refused = hall.Apply(HallCommand.IssueTicket(1, appointment: "AB12", appointmentSlot: HallMorning.AddMinutes(10)), HallMorning);

        Assert.Equal(QueueError.AlreadyCheckedIn, refused.Error);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.Contains("removed", refused.Message, StringComparison.Ordinal); // not this hall's ticket: the one removed earlier today gave it
        Assert.DoesNotContain("ticket ;", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket 0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDayAddedFromAnOpenSavedState_CapAndCheckInCarried()
    {
        // The admin puts back the morning's backup, saved before the tickets were issued: the day is open at once.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        engine.Start();
        var first = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(first);
        var morning = await first.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout);
        Assert.True((await CheckInAsync(first, "AB12", time).Bounded()).IsSuccess);
        Assert.True((await first.IssueTicketAsync(1).Bounded()).IsSuccess);
        Assert.True(await engine.RemoveHallAsync("a").Bounded());

        var again = engine.AddHall(Hall(), morning);

        Assert.Equal(QueueError.LimitReached, (await again.IssueTicketAsync(1).Bounded()).Error);
        Assert.Equal(QueueError.AlreadyCheckedIn, (await CheckInAsync(again, "AB12", time).Bounded()).Error);
    }

    [Fact]
    public async Task AddHall_RemovedTheDayBefore_CapAndAppointmentStartFresh()
    {
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        engine.Start();
        await UseTheDayAndRemoveAsync(engine, time);

        var again = engine.AddHall(Hall());
        time.Advance(TimeSpan.FromDays(1));
        await EngineTestKit.OpenAsync(again);

        Assert.True((await CheckInAsync(again, "AB12", time).Bounded()).IsSuccess);
        Assert.True((await again.IssueTicketAsync(1).Bounded()).IsSuccess);
    }

    [Fact]
    public async Task AddHall_RemovedTheSameDay_SavedStateRoundTripCarriesCapAndCheckIn()
    {
        // Journal snapshots are MessagePack: what the hall added again carries must survive the bytes.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        engine.Start();
        await UseTheDayAndRemoveAsync(engine, time);
        var again = engine.AddHall(Hall());

        var bytes = MessagePackSerializer.Serialize(await again.SaveStateAsync().AsTask().WaitAsync(EngineTestKit.Timeout));
        var restored = QueueCore.Hall.Restore(Hall(), MessagePackSerializer.Deserialize<HallState>(bytes));
        restored.Apply(HallCommand.OpenDay(), time.GetUtcNow());

        Assert.Equal(QueueError.LimitReached, restored.Apply(HallCommand.IssueTicket(1), time.GetUtcNow()).Error);
        var appointment = HallCommand.IssueTicket(1, appointment: "AB12", appointmentSlot: time.GetUtcNow().AddMinutes(10));
        Assert.Equal(QueueError.AlreadyCheckedIn, restored.Apply(appointment, time.GetUtcNow()).Error);

        var tomorrow = QueueCore.Hall.Restore(Hall(), MessagePackSerializer.Deserialize<HallState>(bytes));
        tomorrow.Apply(HallCommand.OpenDay(), time.GetUtcNow().AddDays(1));
        Assert.True(tomorrow.Apply(HallCommand.IssueTicket(1), time.GetUtcNow().AddDays(1)).IsSuccess);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddHall_RemovedTheSameDay_JournalReplayCarriesCapAndCheckIn(bool openedBeforeRestart)
    {
        var time = new FakeTimeProvider(HallMorning);
        await using (var engine = _kit.Engine(time: time))
        {
            engine.Start();
            await UseTheDayAndRemoveAsync(engine, time);
            var again = engine.AddHall(Hall());
            if (openedBeforeRestart)
            {
                await EngineTestKit.OpenAsync(again);
            }
        }

        await using var recovered = _kit.Engine(time: time);
        recovered.Start();
        Assert.True(recovered.TryGetHall("a", out var hall));
        if (!openedBeforeRestart)
        {
            await EngineTestKit.OpenAsync(hall);
        }

        Assert.Equal(QueueError.LimitReached, (await hall.IssueTicketAsync(1).Bounded()).Error);
        Assert.Equal(QueueError.AlreadyCheckedIn, (await CheckInAsync(hall, "AB12", time).Bounded()).Error);
    }

    [Fact]
    public async Task AddHall_RemovedAgainBeforeItsDayOpened_StillCarriesTheDay()
    {
        // An admin adds the hall, thinks better of it and removes it, then adds it for good: still the same day.
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        engine.Start();
        await UseTheDayAndRemoveAsync(engine, time);
        engine.AddHall(Hall());
        Assert.True(await engine.RemoveHallAsync("a").Bounded());

        var again = engine.AddHall(Hall());
        await EngineTestKit.OpenAsync(again);

        Assert.Equal(QueueError.LimitReached, (await again.IssueTicketAsync(1).Bounded()).Error);
        Assert.Equal(QueueError.AlreadyCheckedIn, (await CheckInAsync(again, "AB12", time).Bounded()).Error);
    }

    [Fact]
    public async Task RemoveHallAsync_AnotherDayLaterOn_TheEndedDayIsForgotten()
    {
        // The engine keeps one removed hall per id; what it left must not outlive its date (its check-ins, its counts).
        // Only its ticket serial stays: the ids go on whenever the id is added again (RemovedHallTicketIdAuditTests).
        var time = new FakeTimeProvider(HallMorning);
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 1), time);
        engine.Start();
        await UseTheDayAndRemoveAsync(engine, time);
        _ = engine.AddHall(Hall() with { Id = "b" });
        time.Advance(TimeSpan.FromDays(1));

        Assert.True(await engine.RemoveHallAsync("b").Bounded());

        var removed = (Dictionary<string, HallEntry>)typeof(QueueEngine)
            .GetField("_removed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(engine)!;
        var left = removed["a"].LeftDay;
        Assert.NotNull(left);
        Assert.True(left.IsSerialOnly);
        Assert.True(left.Serial > 0);
    }
}
