using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// A window command that names the ticket the terminal shows may also name the item it shows (<see cref="HallCommand.TicketService"/>):
/// a visit with several items that the window calls straight back for its next item is the same ticket, so the ticket
/// alone let a double press's second "Next" finish that next item unserved.
/// </summary>
public class ExpectedItemTests
{
    private const int Registration = 1, Passports = 2, Seal = 3;

    /// <summary>Items Registration, Passports and Seal (unnamed); windows 5 and 6 serve all three.</summary>
    private static HallDefinition Visits() => new()
    {
        Id = "visits",
        Categories = [new() { Id = "A", Prefix = "A" }],
        Services =
        [
            new() { Id = Registration, Category = "A", Name = "Registration" },
            new() { Id = Passports, Category = "A", Name = "Passports" },
            new() { Id = Seal, Category = "A" },
        ],
        Windows =
        [
            new() { Id = 5, Skills = [new() { Service = Registration }, new() { Service = Passports }, new() { Service = Seal }] },
            new() { Id = 6, Skills = [new() { Service = Registration }, new() { Service = Passports }, new() { Service = Seal }] },
        ],
    };

    [Fact]
    public void FinishAndCallNext_DoublePressOnAVisitCalledBackForItsNextItem_SecondRefusedAndTheNextItemStillServed()
    {
        // A001 carries Registration then Passports. The first press finishes Registration and calls A001 straight back
        // for Passports (its standing keeps it ahead of A002); the second press, naming A001 and Registration, must not
        // finish Passports, which the citizen has not been served for.
        var hall = Open(Visits(), 5);
        var a = hall.Issue(0, new ServiceItemList([Registration, Passports]));
        var b = hall.Issue(1, Registration);
        hall.Serve(5, 2);
        var press = HallCommand.FinishAndCallNext(5, a) with { TicketService = Registration };

        var first = hall.Do(press, 3);
        var second = hall.Reject(press, 3, QueueError.TicketWrongState);

        Assert.Equal((a, Passports), (first.Ticket, first.Service));
        Assert.Equal("Window 5 has A001 for Passports now, not for Registration: Registration was finished already.", second.Message);
        Assert.Equal((WindowState.Calling, a), (hall.WindowView(5, 3).State, hall.WindowView(5, 3).Ticket));
        Assert.Equal(1, hall.WindowView(5, 3).ServedToday);

        // Passports is still served next, then the window moves on to A002.
        var next = hall.Do(HallCommand.FinishAndCallNext(5, a) with { TicketService = Passports }, 10);
        Assert.Equal(b, next.Ticket);
        Assert.Equal(TicketState.Completed, hall.StateOf(a, 10));
        Assert.Equal(2, hall.WindowView(5, 10).ServedToday);
    }

    public static TheoryData<string> WindowCommands() =>
        ["finish", "finish and pause", "start", "recall", "no-show", "transfer to service", "transfer to window", "park"];

    private static HallCommand WindowCommand(string name, long ticket) => name switch
    {
        "finish" => HallCommand.Finish(5, ticket),
        "finish and pause" => HallCommand.FinishAndPause(5, "break", ticket),
        "start" => HallCommand.StartServing(5, ticket),
        "recall" => HallCommand.Recall(5, ticket),
        "no-show" => HallCommand.NoShow(5, ticket),
        "transfer to service" => HallCommand.TransferToService(5, Seal, ticket),
        "transfer to window" => HallCommand.TransferToWindow(5, 6, ticket),
        "park" => HallCommand.Park(5, "document", ticket: ticket),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Windows 5 and 6 open: A001 (Registration, Passports) finished for Registration at window 5 and called back
    /// there for Passports (and started, for the commands that take a ticket being served).</summary>
    private static (Hall Hall, long Ticket) CalledBackForPassports(string name)
    {
        var hall = Open(Visits(), 5, 6);
        var a = hall.Issue(0, new ServiceItemList([Registration, Passports]));
        hall.Serve(5, 1);
        hall.Do(HallCommand.Finish(5, a) with { TicketService = Registration }, 2);
        hall.Do(HallCommand.CallNext(5), 2);
        if (name is "finish" or "finish and pause" or "park")
        {
            hall.Do(HallCommand.StartServing(5, a) with { TicketService = Passports }, 2);
        }

        return (hall, a);
    }

    [Theory]
    [MemberData(nameof(WindowCommands))]
    public void WindowCommand_AnItemFinishedAlready_RefusedNamingTheTicketAndBothItems(string name)
    {
        var (hall, a) = CalledBackForPassports(name);

        var r = hall.Reject(WindowCommand(name, a) with { TicketService = Registration }, 3, QueueError.TicketWrongState);

        Assert.Equal("Window 5 has A001 for Passports now, not for Registration: Registration was finished already.", r.Message);
    }

    [Theory]
    [MemberData(nameof(WindowCommands))]
    public void WindowCommand_TheItemTheWindowHas_Applied(string name)
    {
        var (hall, a) = CalledBackForPassports(name);

        var r = hall.Do(WindowCommand(name, a) with { TicketService = Passports }, 3);

        Assert.Equal(a, r.Ticket);
    }

    [Fact]
    public void Finish_AnItemWithoutAName_NamedByItsId()
    {
        var hall = Open(Visits(), 5);
        var a = hall.Issue(0, new ServiceItemList([Seal, Passports]));
        hall.Serve(5, 1);
        hall.Do(HallCommand.FinishAndCallNext(5, a) with { TicketService = Seal }, 2);

        var r = hall.Reject(HallCommand.FinishAndCallNext(5, a) with { TicketService = Seal }, 2, QueueError.TicketWrongState);

        Assert.Equal("Window 5 has A001 for Passports now, not for item 3: item 3 was finished already.", r.Message);
    }

    [Fact]
    public void Finish_AnItemTheTicketWasTransferredFrom_SaysSo()
    {
        var hall = Open(Visits(), 5);
        var a = hall.Issue(0, Registration);
        hall.Call(5, 1);
        hall.Do(HallCommand.TransferToService(5, Passports, a) with { TicketService = Registration }, 2);
        hall.Call(5, 2);

        var r = hall.Reject(HallCommand.NoShow(5, a) with { TicketService = Registration }, 3, QueueError.TicketWrongState);

        Assert.Equal("Window 5 has A001 for Passports now, not for Registration: A001 is no longer for Registration.", r.Message);
    }

    [Fact]
    public void Finish_AnItemTheHallDoesNotHave_RefusedAsAnUnknownItem()
    {
        var hall = Open(Visits(), 5);
        hall.Issue(0, Registration);
        var a = hall.Serve(5, 1);

        var r = hall.Reject(HallCommand.Finish(5, a) with { TicketService = 999 }, 2, QueueError.UnknownService);

        Assert.Equal("Window 5 has A001 for Registration; hall 'visits' has no service item 999.", r.Message);
    }

    [Fact]
    public void Finish_AnItemWithoutItsTicket_RefusedAsInvalid()
    {
        // The item narrows the ticket the terminal shows; alone it names nothing to check against.
        var hall = Open(Visits(), 5);
        hall.Issue(0, Registration);
        hall.Serve(5, 1);

        var r = hall.Reject(HallCommand.Finish(5) with { TicketService = Registration }, 2, QueueError.InvalidArgument);

        Assert.Equal("TicketService (1) names the item of the ticket the terminal shows: name that ticket too (Ticket), or leave TicketService unset.", r.Message);
    }

    [Fact]
    public void Finish_AnotherTicketAtTheWindow_RefusedNamingTheTicketsAsBefore()
    {
        var hall = Open(Visits(), 5);
        var a = hall.Issue(0, Registration);
        hall.Issue(0, Registration);
        hall.Serve(5, 1);
        hall.Do(HallCommand.FinishAndCallNext(5, a) with { TicketService = Registration }, 2);

        var r = hall.Reject(HallCommand.FinishAndCallNext(5, a) with { TicketService = Registration }, 2, QueueError.TicketWrongState);

        Assert.Equal("Window 5 has A002, not A001: A001 was finished already.", r.Message);
    }

    [Fact]
    public void TicketService_ItemZero_IsAnItemLikeAnyOther()
    {
        // Item ids start at 0: null, not 0, means "any item".
        var hall = Open(Visits(d => d with
        {
            Services = [new() { Id = 0, Category = "A", Name = "Counter" }, .. d.Services],
            Windows = [.. d.Windows.Select(w => w with { Skills = [new() { Service = 0 }, .. w.Skills] })],
        }), 5);
        var a = hall.Issue(0, new ServiceItemList([0, Registration]));
        hall.Serve(5, 1);
        hall.Do(HallCommand.FinishAndCallNext(5, a) with { TicketService = 0 }, 2);

        var r = hall.Reject(HallCommand.FinishAndCallNext(5, a) with { TicketService = 0 }, 2, QueueError.TicketWrongState);

        Assert.Equal("Window 5 has A001 for Registration now, not for Counter: Counter was finished already.", r.Message);
    }

    [Fact]
    public void TicketService_OnAnIssueOrUnset_IsNull()
    {
        Assert.Null(HallCommand.IssueTicket(new ServiceItemList([Registration, Passports])).TicketService);
        Assert.Null(HallCommand.FinishAndCallNext(5, 23).TicketService);
        Assert.Equal(0, (HallCommand.FinishAndCallNext(5, 23) with { TicketService = 0 }).TicketService);
        Assert.Null((HallCommand.FinishAndCallNext(5, 23) with { TicketService = 2 } with { TicketService = null }).TicketService);
    }

    private static HallDefinition Visits(Func<HallDefinition, HallDefinition> tweak) => tweak(Visits());
}
