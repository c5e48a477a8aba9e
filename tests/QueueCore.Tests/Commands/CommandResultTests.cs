using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Commands;

public class CommandResultTests
{
    [Fact]
    public async Task ToString_ResultsWithAndWithoutATicket_SayWhatTheCommandDid()
    {
        var (engine, hall) = EngineTestKit.Started();
        await using var lifetime = engine;

        var day = await hall.OpenDayAsync().Bounded();
        var window = await hall.OpenWindowAsync(1, clerk: 7).Bounded();
        var ticket = await hall.IssueTicketAsync(1).Bounded();
        var refused = await hall.OpenDayAsync().Bounded();

        Assert.Equal($"OK (sequence {day.Sequence})", day.ToString()); // not "OK ticket  (0) None window 0 ..."
        Assert.Equal($"OK window 1 (sequence {window.Sequence})", window.ToString());
        Assert.Equal($"OK ticket A001 ({ticket.Ticket}) Waiting window 0 position 0 wait {ticket.EstimatedWait}", ticket.ToString());
        Assert.Equal($"DayWrongState: {refused.Message}", refused.ToString());
    }

    [Fact]
    public void Fail_ErrorAndMessage_IsAFailureThatSaysSo()
    {
        var result = CommandResult.Fail(QueueError.Overloaded, "busy");

        Assert.False(result.IsSuccess);
        Assert.Equal("Overloaded: busy", result.ToString());
    }

    [Fact]
    public void Fail_NoneOrNullMessage_ThrowsNamingTheArgument()
    {
        Assert.Equal("error", Assert.Throws<ArgumentOutOfRangeException>(() => CommandResult.Fail(QueueError.None, "not a failure")).ParamName);
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => CommandResult.Fail(QueueError.Closed, null!)).ParamName);
    }
}
