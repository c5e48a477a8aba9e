using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// Server reflection needs no key (grpcurl and buf curl list the contracts without one), and its call is a stream that
/// stays open until the client ends it: without a cap an anonymous client could hold any number of them, as with
/// health's Watch. They are capped by QueueCoreServer:MaxReflectionStreams (default 32), all clients together.
/// </summary>
public class ReflectionStreamLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ServerReflectionInfo_OneOverTheCap_ResourceExhaustedNamingTheSetting_OneClosedLetsTheNextIn()
    {
        const int cap = 32; // QueueCoreServer:MaxReflectionStreams's default
        await using var server = await ServerKit.StartAsync(s => s.Output = output); // the default cap
        var reflection = new ServerReflection.ServerReflectionClient(server.As((string?)null));
        var open = new List<AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse>>();
        try
        {
            for (var i = 0; i < cap; i++)
            {
                open.Add(await OpenAsync(reflection)); // answered, and left open as an idle tool (or an attacker) leaves it
            }

            using (var over = reflection.ServerReflectionInfo())
            {
                try
                {
                    await WriteListServicesAsync(over);
                }
                catch (RpcException)
                {
                    // Refused before the request went out: the status is read below.
                }

                var e = await over.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
                Assert.Contains($"{cap} reflection streams", e.Status.Detail, StringComparison.Ordinal);
                Assert.Contains("QueueCoreServer:MaxReflectionStreams", e.Status.Detail, StringComparison.Ordinal);
                Assert.Equal("TooManyStreams", e.Reason());
            }

            // The roles' calls and health are not held up by it.
            Assert.Equal("A001", (await server.Kiosk().TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }).Bounded()).Number);

            // A client that goes away frees its place (the server sees the cancel a moment later).
            open[0].Dispose();
            open.RemoveAt(0);
            await Rpc.EventuallyAsync(async () => open.Add(await OpenAsync(reflection)));
        }
        finally
        {
            open.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task ServerReflectionInfo_StreamsEndedByTheirClients_NeverUseUpTheCap()
    {
        const int cap = 32; // QueueCoreServer:MaxReflectionStreams's default
        await using var server = await ServerKit.StartAsync(s => s.Output = output); // the default cap
        var reflection = new ServerReflection.ServerReflectionClient(server.As((string?)null));

        // As grpcurl uses it: ask, complete, read to the end. Many in a row, one at a time.
        for (var i = 0; i < cap + 5; i++)
        {
            using var call = reflection.ServerReflectionInfo();
            await WriteListServicesAsync(call);
            await call.RequestStream.CompleteAsync().WaitAsync(Rpc.Timeout);
            Assert.Contains("queuecore.v1.Kiosk", (await call.ResponseStream.NextAsync()).ListServicesResponse.Service.Select(s => s.Name));
            using var timeout = new CancellationTokenSource(Rpc.Timeout);
            Assert.False(await call.ResponseStream.MoveNext(timeout.Token));
        }
    }

    private static async Task<AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse>> OpenAsync(
        ServerReflection.ServerReflectionClient reflection)
    {
        var call = reflection.ServerReflectionInfo();
        try
        {
            await WriteListServicesAsync(call);
            Assert.NotNull((await call.ResponseStream.NextAsync()).ListServicesResponse);
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static Task WriteListServicesAsync(AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse> call) =>
        call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }).WaitAsync(Rpc.Timeout);
}
