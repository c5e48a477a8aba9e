extern alias server;

using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using TicketReplies = server::QueueCore.Grpc.Mapping.TicketReplies;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>
/// A service finds the hall and submits a command to it: an admin may remove the hall in between (Admin.RemoveHall), and
/// add one with the same id again (Admin.AddHall). The command reaches the removed hall, whose refusal named library
/// calls ("use the handle QueueEngine.AddHall returned or QueueEngine.TryGetHall gives") a gRPC client cannot make.
/// </summary>
public class StaleHallReplyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TicketAndWindowCommands_HallRemovedAfterTheServiceFoundIt_NotFoundInTheContractsTerms(bool addedAgain)
    {
        await using var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1 });
        engine.Start();
        var stale = engine.AddHall(TestHalls.Small("again"));
        Assert.True(await engine.RemoveHallAsync("again").AsTask().WaitAsync(Rpc.Timeout));
        if (addedAgain)
        {
            engine.AddHall(TestHalls.Small("again"));
        }

        var issued = await stale.SubmitAsync(HallCommand.IssueTicket(new ServiceItemList([1]))).AsTask().WaitAsync(Rpc.Timeout);
        var opened = await stale.SubmitAsync(HallCommand.OpenWindow(1)).AsTask().WaitAsync(Rpc.Timeout);

        foreach (var e in new[] { Assert.Throws<RpcException>(() => TicketReplies.ToTicket(issued, stale)), Assert.Throws<RpcException>(() => TicketReplies.ToWindowReply(opened, stale, 1, QueueCore.WindowState.Idle)) })
        {
            Assert.Equal((StatusCode.NotFound, "UnknownHall"), (e.StatusCode, e.Reason()));
            ContractTerms.Assert(e.Status.Detail, "Hall 'again'", "Admin.RemoveHall");
        }
    }
}
