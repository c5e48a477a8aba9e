using MessagePack;
using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Halls.Operations;

/// <summary>A kiosk or terminal that retries with the same request id gets the first result, not a second ticket or call.</summary>
public class RequestIdTests
{
    private static readonly Guid Press = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void IssueTicket_RetriedWithTheSameId_ReturnsTheFirstTicket()
    {
        var hall = Open(OneItem(), 1);
        var command = HallCommand.IssueTicket(1).WithRequestId(Press);
        var first = hall.Do(command, 0);
        var sequence = hall.Sequence;
        var retry = hall.Do(command, 1);
        Assert.Equal(first, retry);
        Assert.Empty(hall.Events());
        Assert.Equal(sequence, hall.Sequence);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void IssueTicket_RetriedLater_AnswersWithTheFirstIssueTime()
    {
        // The kiosk prints the time from the answer: a retry's answer is the ticket issued at the first press.
        var hall = Open(OneItem(), 1);
        var command = HallCommand.IssueTicket(1).WithRequestId(Press);

        Assert.Equal(At(2), hall.Do(command, 2).IssuedAt);
        Assert.Equal(At(2), hall.Do(command, 5).IssuedAt);
        Assert.Equal(At(2), hall.Query(hall.Do(command, 5).Ticket, 6).IssuedAt); // every result names its ticket's issue time
    }

    [Fact]
    public void RequestId_StateSavedBeforeIssueTimesWereKept_RetryTakesTheTicketsOwn()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var command = HallCommand.IssueTicket(1).WithRequestId(Press);
        var first = hall.Do(command, 2);
        var saved = hall.SaveState();
        var old = saved with { Requests = [.. saved.Requests.Select(r => r with { IssuedAt = 0 })] }; // as an older version saved it

        var restored = Hall.Restore(d, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(old)));

        var retried = restored.Do(command, 5);
        Assert.Equal(At(2), retried.IssuedAt);
        Assert.Equal(first, retried);
    }

    [Fact]
    public void RequestId_StateSavedBeforeClassesWereKept_RetryTakesTheTicketsClass()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var command = HallCommand.IssueTicket(1, age: 75).WithRequestId(Press);
        var first = hall.Do(command, 2);
        var saved = hall.SaveState();
        var old = saved with { Requests = [.. saved.Requests.Select(r => r with { PriorityClass = null })] }; // as an older version saved it

        var restored = Hall.Restore(d, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(old)));

        var retried = restored.Do(command, 5);
        Assert.Equal(PriorityPolicy.Elderly, retried.PriorityClass);
        Assert.Equal(first, retried);
    }

    [Fact]
    public void CallNext_RetriedWithTheSameId_NoSecondCall()
    {
        var hall = Open(OneItem(), 1);
        var a = hall.Issue(0);
        hall.Issue(0);
        var call = HallCommand.CallNext(1).WithRequestId(Press);
        Assert.Equal(a, hall.Do(call, 1).Ticket);
        Assert.Equal(a, hall.Do(call, 2).Ticket); // not "window busy", not another ticket
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void RequestId_ReusedForAnotherCommand_RefusedAsRequestIdReused()
    {
        // Its own kind, not InvalidArgument: the command itself is valid, its id is not this command's.
        var hall = Open(OneItem(), 1);
        hall.Do(HallCommand.IssueTicket(1).WithRequestId(Press), 0);
        var sequence = hall.Sequence;
        var r = hall.Reject(HallCommand.CallNext(1).WithRequestId(Press), 1, QueueError.RequestIdReused);
        Assert.Contains(Press.ToString(), r.Message, StringComparison.Ordinal);
        hall.Reject(HallCommand.IssueTicket(1, age: 80).WithRequestId(Press), 2, QueueError.RequestIdReused); // other content
        Assert.Equal(sequence, hall.Sequence);
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void RequestId_RefusedCommand_NotRemembered()
    {
        var hall = Open(OneItem(), 1);
        var call = HallCommand.CallNext(1).WithRequestId(Press);
        hall.Reject(call, 0, QueueError.NothingWaiting); // refused: it changed nothing, so the retry runs again
        var a = hall.Issue(1);
        Assert.Equal(a, hall.Do(call, 2).Ticket);
    }

    [Fact]
    public void RequestId_SurvivesSaveAndRestore()
    {
        var d = OneItem();
        var hall = Open(d, 1);
        var command = HallCommand.IssueTicket(1).WithRequestId(Press);
        var first = hall.Do(command, 0);
        var restored = Hall.Restore(d, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));
        Assert.Equal(first, restored.Do(command, 1));
        Assert.Equal(1, restored.TotalWaiting);
    }

    [Fact]
    public void TryGetRequestResult_FirstResultOfARememberedId_NoneForARefusedOrUnknownOne()
    {
        // What a caller that resolves part of a command before submitting it (the server's "rate the last service
        // finished here") reads to make its retry the same command.
        var d = OneItem();
        var hall = Open(d, 1);
        var first = hall.Do(HallCommand.IssueTicket(1).WithRequestId(Press), 0);
        Assert.True(hall.TryGetRequestResult(Press, out var remembered));
        Assert.Equal(first, remembered);

        var refused = Guid.NewGuid();
        hall.Reject(HallCommand.Rate(999, 3).WithRequestId(refused), 1, QueueError.UnknownTicket);
        Assert.False(hall.TryGetRequestResult(refused, out _));
        Assert.False(hall.TryGetRequestResult(Guid.NewGuid(), out _));
        var restored = Hall.Restore(d, MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState())));
        Assert.True(restored.TryGetRequestResult(Press, out var afterRestore));
        Assert.Equal(first.Ticket, afterRestore.Ticket);
    }

    [Fact]
    public void RequestId_OldestForgottenPastTheLimit()
    {
        var hall = Open(OneItem(d => d with { RememberedRequests = 2 }), 1);
        var ids = Enumerable.Range(1, 3).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        var first = hall.Do(HallCommand.IssueTicket(1).WithRequestId(ids[0]), 0);
        hall.Do(HallCommand.IssueTicket(1).WithRequestId(ids[1]), 0);
        hall.Do(HallCommand.IssueTicket(1).WithRequestId(ids[2]), 0);
        Assert.NotEqual(first.Ticket, hall.Do(HallCommand.IssueTicket(1).WithRequestId(ids[0]), 1).Ticket); // forgotten: a new ticket
        Assert.Equal(4, hall.TotalWaiting);
    }

    [Fact]
    public void RequestId_RetriedAfterRestoreAndRedefine_GetsTheFirstTicket()
    {
        // The remembered ids are the day's, whatever the hall went through: a kiosk's retry after the server restored the
        // hall and an administrator redefined it still gets its first ticket, not a second one.
        var d = Small();
        var hall = Open(d, 1);
        var id = Guid.NewGuid();
        var first = hall.Do(HallCommand.IssueTicket(1).WithRequestId(id), 0);
        hall = Hall.Restore(d, hall.SaveState());
        Assert.Equal(first, hall.Do(HallCommand.IssueTicket(1).WithRequestId(id), 1));
        hall = hall.Redefine(d with { Windows = [.. d.Windows, new() { Id = 7, Comprehensive = true }] }, At(2));
        Assert.Equal(first, hall.Do(HallCommand.IssueTicket(1).WithRequestId(id), 3));
        Assert.Equal(1, hall.TotalWaiting);
    }

    [Fact]
    public void RequestId_RememberedRequestsLoweredByRedefine_KeepsTheLatest()
    {
        var d = Small(d => d with { RememberedRequests = 8 });
        var hall = Open(d, 1);
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var results = ids.Select((id, i) => hall.Do(HallCommand.IssueTicket(1).WithRequestId(id), i)).ToArray();
        hall = hall.Redefine(d with { RememberedRequests = 2 }, At(7));
        Assert.Equal(results[5], hall.Do(HallCommand.IssueTicket(1).WithRequestId(ids[5]), 8));
        Assert.Equal(results[4], hall.Do(HallCommand.IssueTicket(1).WithRequestId(ids[4]), 8));
        Assert.Equal(6, hall.TotalWaiting);
    }
}
