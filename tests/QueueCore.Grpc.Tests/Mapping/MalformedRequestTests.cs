using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>Bytes that are no request at all get a clear refusal, and the hall goes on as if they never came.</summary>
public class MalformedRequestTests(ITestOutputHelper output)
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    [Theory]
    [InlineData("queuecore.v1.Kiosk", "TakeTicket")]
    [InlineData("queuecore.v1.Terminal", "CallNext")]
    [InlineData("queuecore.v1.Admin", "AddHall")]
    public async Task GarbageBytes_RefusedAndTheHallUnharmed(string service, string method)
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var random = new Random(42);
        var call = new Method<byte[], byte[]>(MethodType.Unary, service, method, Raw, Raw);
        for (var i = 0; i < 50; i++)
        {
            var garbage = new byte[random.Next(1, 200)];
            random.NextBytes(garbage);
            var invoker = server.As(TestDevices.Admin);
            try
            {
                await invoker.AsyncUnaryCall(call, null, new CallOptions(), garbage).ResponseAsync.WaitAsync(Rpc.Timeout);
            }
            catch (RpcException e)
            {
                // Bytes that are no protobuf message fail in grpc-dotnet before any of the server's code runs: it answers
                // Unknown ("Exception was thrown by handler."); bytes that happen to parse get the request's own checks.
                Assert.True(e.StatusCode is StatusCode.Unknown or StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.PermissionDenied or StatusCode.ResourceExhausted, $"{e.StatusCode}: {e.Status.Detail}");
                Assert.False(string.IsNullOrEmpty(e.Status.Detail));
            }
        }

        // The server still serves, and the hall is as it was: the first ticket is still A001.
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }).Bounded();
        Assert.Equal("A001", ticket.Number);
    }
}
