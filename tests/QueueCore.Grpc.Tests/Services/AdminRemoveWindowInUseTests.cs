using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>Removing a window still in use is refused naming its ticket and the way out; done that way, it succeeds.</summary>
public class AdminRemoveWindowInUseTests(ITestOutputHelper output)
{
    private const string Hall = "hall-r";

    [Fact]
    public async Task RemoveWindow_ServingATicket_RefusalNamesTheTicketAndTheWayOut()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
        });
        await server.OpenAsync(Hall, 2);
        var called = await server.CallAsync(Hall, 2);
        await server.Terminal().StartServingAsync(new() { Hall = Hall, Window = 2 }).Bounded();

        var e = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 2 }));
        Assert.Equal("DefinitionInUse", e.Reason());
        Assert.Contains($"window 2 is serving {called.Number} but not in the definition; finish {called.Number}, park or transfer it at the window, then close the window before removing it",
            e.Status.Detail, StringComparison.Ordinal);

        await server.Terminal().FinishAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await server.Terminal().CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        var info = await server.Admin().RemoveWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        Assert.Equal(1, info.Windows);
    }
}
