using QueueCore.Tests.Engine;
using QueueCore.Tests.Journal;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// A command's free texts (a reason, an appointment reference) are bounded as the server bounds them: a longer one is
/// refused naming the field and the limit, and the hall keeps nothing of it.
/// </summary>
public sealed class CommandTextLimitTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private static readonly string Reason = new('r', HallCommand.MaxReasonLength);
    private static readonly string Overlong = Reason + "r";

    public static TheoryData<string> ReasonCommands() => ["pause", "finish and pause", "park", "cancel"];

    /// <summary>A hall where each command of <see cref="ReasonCommands"/> would succeed: window 1 serves a ticket, window 2 is idle, one ticket waits.</summary>
    private static (Hall Hall, HallCommand Command) Ready(string what, string reason)
    {
        var hall = Open(OneItem(), 1, 2);
        hall.Issue(0);
        hall.Serve(1, 1);
        var waits = hall.Issue(1);
        return (hall, what switch
        {
            "pause" => HallCommand.PauseWindow(2, reason),
            "finish and pause" => HallCommand.FinishAndPause(1, reason),
            "park" => HallCommand.Park(1, reason),
            _ => HallCommand.Cancel(waits, reason),
        });
    }

    [Theory]
    [MemberData(nameof(ReasonCommands))]
    public void Apply_ReasonOverTheLimit_RefusedNamingTheFieldAndTheLimit(string what)
    {
        var (hall, command) = Ready(what, Overlong);

        var r = hall.Reject(command, 2, QueueError.InvalidArgument);

        Assert.Equal($"Reason is {HallCommand.MaxReasonLength + 1} characters long; at most {HallCommand.MaxReasonLength} are accepted.", r.Message);
    }

    [Theory]
    [MemberData(nameof(ReasonCommands))]
    public void Apply_ReasonAtTheLimit_Applied(string what)
    {
        var (hall, command) = Ready(what, Reason);

        hall.Do(command, 2);
    }

    /// <summary><paramref name="count"/> times <paramref name="character"/>: characters as a person counts them.</summary>
    private static string Times(int count, string character) => string.Concat(Enumerable.Repeat(character, count));

    public static TheoryData<string, string> CharactersOfSeveralUnits() => new()
    {
        { "pause", "😀" }, // outside the BMP: two UTF-16 code units
        { "park", "𠀀" }, // a CJK character outside the BMP
        { "cancel", "e\u0301" }, // a letter and its accent, typed as two code points
        { "finish and pause", "👍🏽" }, // an emoji with a skin tone: four code units
    };

    [Theory]
    [MemberData(nameof(CharactersOfSeveralUnits))]
    public void Apply_ReasonOfCharactersOfSeveralCodeUnitsWithinTheLimit_AppliedAndKeptThroughARestore(string what, string character)
    {
        // 150 emoji were refused as "Reason is 300 characters long": the limit counted UTF-16 code units.
        var reason = Times(150, character);
        var (hall, command) = Ready(what, reason);

        hall.Do(command, 2);

        var state = hall.SaveState();
        if (what != "cancel")
        {
            Assert.Contains(reason, state.Tickets.Select(t => t.Note).Concat(state.Windows.Select(w => w.PauseReason))); // a park's note, a pause's reason
        }

        Hall.Restore(OneItem(), state); // its state check counts the same way
    }

    [Theory]
    [MemberData(nameof(CharactersOfSeveralUnits))]
    public void Apply_ReasonOfCharactersOfSeveralCodeUnitsOverTheLimit_RefusedCountingCharacters(string what, string character)
    {
        var (hall, command) = Ready(what, Times(HallCommand.MaxReasonLength + 1, character));

        var r = hall.Reject(command, 2, QueueError.InvalidArgument);

        Assert.Equal($"Reason is {HallCommand.MaxReasonLength + 1} characters long; at most {HallCommand.MaxReasonLength} are accepted.", r.Message);
    }

    [Fact]
    public void Apply_ReasonOfFewCharactersInVeryManyCodeUnits_RefusedSayingSo()
    {
        // One letter under 2,000 combining marks is one character: the code units stay bounded all the same.
        var (hall, command) = Ready("pause", "a" + new string('\u0301', 2_000));

        var r = hall.Reject(command, 2, QueueError.InvalidArgument);

        Assert.Equal($"Reason is 1 characters long but takes 2001 UTF-16 code units; at most {HallCommand.MaxReasonLength * 8} are accepted.", r.Message);
    }

    [Fact]
    public void IssueTicket_AppointmentOverTheLimit_RefusedNamingTheFieldAndTheLimit()
    {
        var hall = Open(OneItem(), 1);
        var reference = new string('x', HallCommand.MaxAppointmentLength);

        var r = hall.Reject(HallCommand.IssueTicket(1, appointment: reference + "x", appointmentSlot: At(0)), 0, QueueError.InvalidArgument);

        Assert.Equal($"Appointment is {HallCommand.MaxAppointmentLength + 1} characters long; at most {HallCommand.MaxAppointmentLength} are accepted.", r.Message);
        hall.Do(HallCommand.IssueTicket(1, appointment: reference, appointmentSlot: At(0)), 0);
    }

    [Fact]
    public void IssueTicket_PriorityClassOverTheLimit_RefusedNamingTheFieldAndTheLimitBeforeTheClockMoves()
    {
        var hall = Open(OneItem(), 1);
        var before = hall.Now;

        var r = hall.Reject(HallCommand.IssueTicket(1, priorityClass: new string('c', HallCommand.MaxPriorityClassLength + 1)), 5, QueueError.InvalidArgument);

        Assert.Equal($"PriorityClass is {HallCommand.MaxPriorityClassLength + 1} characters long; at most {HallCommand.MaxPriorityClassLength} are accepted.", r.Message);
        Assert.Equal(before, hall.Now);
    }

    [Fact]
    public async Task SubmitAsync_OverlongPriorityClass_RefusedAndNotWrittenToTheJournal()
    {
        await using var engine = _kit.Engine();
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync().Bounded();

        var r = await hall.IssueTicketAsync(hall.Definition.Services[0].Id, priorityClass: new string('c', 1 << 20)).Bounded(); // 1 MiB

        Assert.Equal(QueueError.InvalidArgument, r.Error);
        Assert.Contains("PriorityClass", r.Message, StringComparison.Ordinal);
        Assert.True(_kit.Segments().Sum(f => new FileInfo(f).Length) < 64 << 10, "the refused class was written to the journal");
    }

    [Fact]
    public async Task SubmitAsync_OverlongReason_RefusedAndNotWrittenToTheJournal()
    {
        await using var engine = _kit.Engine();
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync().Bounded();
        var window = hall.Definition.Windows[0].Id;
        await hall.OpenWindowAsync(window).Bounded();

        var r = await hall.PauseWindowAsync(window, new string('r', 1 << 20)).Bounded(); // 1 MiB

        Assert.Equal(QueueError.InvalidArgument, r.Error);
        Assert.Contains("Reason", r.Message, StringComparison.Ordinal);
        Assert.True(_kit.Segments().Sum(f => new FileInfo(f).Length) < 64 << 10, "the refused reason was written to the journal");
    }
}
