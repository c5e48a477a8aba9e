using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// An admin device may also act as a kiosk, a terminal or a pad. common.proto: "The same id from the same device on a
/// different command is ALREADY_EXISTS (reason RequestIdReused), and changes nothing": that holds between those calls
/// (whose ids the hall keeps) and its definition changes (whose ids the server keeps), either way round, across a
/// restart on the journal too.
/// </summary>
public class AdminRequestIdAcrossServicesTests(ITestOutputHelper output)
{
    private const string Hall = "hall-ids";

    private void Setup(ServerSetup s)
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
    }

    private static PutServiceRequest PutThree(string id) => new() { Hall = Hall, Service = new() { Id = 3, Name = "Three", Category = "a" }, RequestId = id };

    [Fact]
    public async Task PutService_IdOfTheAdminsTerminalCall_AlreadyExistsAndTheServiceIsNotPut()
    {
        await using var server = await ServerKit.StartAsync(Setup);
        var id = Guid.NewGuid().ToString();
        await server.Terminal(TestDevices.Admin).OpenWindowAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Admin().PutServiceAsync(PutThree(id)));

        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        Assert.Contains("Terminal.OpenWindow", e.Status.Detail, StringComparison.Ordinal);
        var hall = await server.Admin().ListHallsAsync(new()).Bounded();
        Assert.Equal(2, hall.Halls.Single(h => h.Hall == Hall).Services); // not put
    }

    [Fact]
    public async Task CallNext_IdOfADefinitionChange_AlreadyExistsAndNothingCalled()
    {
        await using var server = await ServerKit.StartAsync(Setup);
        await server.OpenAsync(Hall, 1);
        var waiting = await server.TakeAsync(Hall);
        var id = Guid.NewGuid().ToString();
        await server.Admin().PutServiceAsync(PutThree(id)).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists,
            () => server.Terminal(TestDevices.Admin).CallNextAsync(new() { Hall = Hall, Window = 1, RequestId = id }));

        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        Assert.Contains("PutService", e.Status.Detail, StringComparison.Ordinal);
        var ticket = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = waiting.Id }).Bounded();
        Assert.Equal(V1.TicketState.Waiting, ticket.State); // not called
    }

    [Fact]
    public async Task TakeTicket_IdOfADefinitionChange_AlreadyExistsAndNoTicketIssued()
    {
        await using var server = await ServerKit.StartAsync(Setup);
        var id = Guid.NewGuid().ToString();
        await server.Admin().PutServiceAsync(PutThree(id)).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists,
            () => server.Kiosk(TestDevices.Admin).TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, RequestId = id }));

        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
        var next = await server.TakeAsync(Hall);
        Assert.Equal("A001", next.Number); // none was issued
    }

    [Fact]
    public async Task TakeTicket_RetriedByTheAdmin_TheFirstTicket()
    {
        // The check across calls leaves a retry alone: the same call with the same id gets the first answer.
        await using var server = await ServerKit.StartAsync(Setup);
        var kiosk = server.Kiosk(TestDevices.Admin);
        var request = new TakeTicketRequest { Hall = Hall, Services = { 1 }, RequestId = Guid.NewGuid().ToString() };

        var first = await kiosk.TakeTicketAsync(request).Bounded();
        var retried = await kiosk.TakeTicketAsync(request).Bounded();

        Assert.Equal((first.Id, first.Number), (retried.Id, retried.Number));
    }

    [Fact]
    public async Task PutService_IdOfTheAdminsTerminalCallBeforeARestart_AlreadyExists()
    {
        using var day = new JournaledDay();
        var id = Guid.NewGuid().ToString();
        await using (var first = await day.StartAsync(Setup))
        {
            await first.Terminal(TestDevices.Admin).OpenWindowAsync(new() { Hall = Hall, Window = 1, RequestId = id }).Bounded();
        }

        await using var server = await day.StartAsync(Setup);
        var e = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Admin().PutServiceAsync(PutThree(id)));

        Assert.Equal(nameof(QueueError.RequestIdReused), e.Reason());
    }
}
