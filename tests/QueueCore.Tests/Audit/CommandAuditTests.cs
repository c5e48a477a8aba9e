namespace QueueCore.Tests.Audit;

/// <summary>Commands as an integrator may build them (the struct's init properties), and their journal form.</summary>
public sealed class CommandAuditTests
{
    private static HallDefinition Hall() => new()
    {
        Id = "commands",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services = [new() { Id = 1, Category = "A", Name = "One" }, new() { Id = 2, Category = "A", Name = "Two" }],
        Windows = [new() { Id = 1, Skills = [new() { Service = 1 }, new() { Service = 2 }] }, new() { Id = 2, Skills = [new() { Service = 1 }] }],
    };

    public static TheoryData<int> OddKinds => new() { 0, -1, 999, 255 };

    [Theory]
    [MemberData(nameof(OddKinds))]
    public void UnknownKind_IsRefusedClearly_HallUnchanged(int kind)
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var sequence = hall.Sequence;
        var r = hall.Apply(new HallCommand { Kind = (CommandKind)kind }, AuditKit.At(1));
        Assert.False(r.IsSuccess);
        Assert.Equal(QueueError.InvalidArgument, r.Error);
        Assert.False(string.IsNullOrEmpty(r.Message));
        Assert.Equal(sequence, hall.Sequence);
    }

    [Fact]
    public void IssueWithDefaultItems_IsRefusedClearly()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var r = hall.Apply(new HallCommand { Kind = CommandKind.IssueTicket }, AuditKit.At(1));
        Assert.False(r.IsSuccess);
        Assert.False(string.IsNullOrEmpty(r.Message));
        Assert.Equal(0, hall.TotalWaiting);
    }

    [Fact]
    public void ParkReturnAt_InAnotherOffset_IsTheSameInstant()
    {
        var hall = AuditKit.Open(Hall(), auto: false, 1);
        var t = hall.Issue(1);
        hall.Ok(HallCommand.CallNext(1), 1);
        hall.Ok(HallCommand.StartServing(1), 1);
        var back = AuditKit.At(20).ToOffset(TimeSpan.FromHours(8));
        hall.Ok(HallCommand.Park(1, "doc", back), 2);
        hall.Ok(HallCommand.Tick(), 19.9);
        Assert.Equal(TicketState.Parked, hall.StateOf(t, 19.9));
        Assert.Equal(AuditKit.At(20), hall.NextDue);
        hall.Ok(HallCommand.Tick(), 20);
        Assert.NotEqual(TicketState.Parked, hall.StateOf(t, 20));
    }

    public static TheoryData<int> Seeds => new() { 11, 12, 13 };

    [Fact]
    public void EveryCommandShape_RoundTripsThroughTheSerializer()
    {
        var id = Guid.NewGuid();
        HallCommand[] commands =
        [
            HallCommand.IssueTicket(new ServiceItemList([1, 2]), 71, TicketFlags.Disabled, "elderly", "AB12", AuditKit.At(30)).WithRequestId(id),
            HallCommand.Park(1, "doc", AuditKit.At(20).ToOffset(TimeSpan.FromHours(8)), 5),
            HallCommand.FinishAndCallNext(1, 7) with { TicketService = 2 },
            HallCommand.FinishAndPause(1, "lunch", 3),
            HallCommand.NoShowAndPause(1, null, 4),
            HallCommand.OpenWindow(2, 7, auto: null),
            HallCommand.OpenWindow(2, 7, auto: false),
            HallCommand.CloseDay(DayClosePolicy.ServeRemaining),
            HallCommand.Rate(9, 5),
            HallCommand.Tick(),
            HallCommand.PauseWindowAsManager(1, "meeting"),
            HallCommand.Cancel(3, ""),
        ];
        foreach (var c in commands)
        {
            var at = AuditKit.At(3).ToOffset(TimeSpan.FromHours(-5));
            var (back, when) = HallCommandSerializer.Deserialize(HallCommandSerializer.Serialize(c, at));
            Assert.Equal(c, back);
            Assert.Equal(at, when);
        }
    }
}
