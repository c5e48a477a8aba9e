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
                // Bytes that are no protobuf message are refused as unparsable; bytes that happen to parse get the
                // request's own checks. Never Unknown: that would be the server failing, not the request.
                Assert.True(e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.PermissionDenied or StatusCode.ResourceExhausted, $"{e.StatusCode}: {e.Status.Detail}");
                Assert.False(string.IsNullOrEmpty(e.Status.Detail));
            }
        }

        // The server still serves, and the hall is as it was: the first ticket is still A001.
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }).Bounded();
        Assert.Equal("A001", ticket.Number);
        Assert.Empty(server.ErrorLogs);
    }

    [Theory]
    [InlineData("ff ff ff ff 0f")] // a tag of field 536870911 with no wire type
    [InlineData("0a 50 41")] // a string of 80 bytes cut off after one
    [InlineData("0a 02 c3 28 12 01 65")] // a hall id that is not UTF-8
    public async Task TakeTicket_UnparsableBody_InvalidArgumentAndNoErrorLogged(string hex)
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var call = new Method<byte[], byte[]>(MethodType.Unary, "queuecore.v1.Kiosk", "TakeTicket", Raw, Raw);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            server.As(TestDevices.Kiosk).AsyncUnaryCall(call, null, new CallOptions(), Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)))
                .ResponseAsync.WaitAsync(Rpc.Timeout));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("could not be parsed", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("InvalidArgument", e.Reason());
        Assert.Empty(server.ErrorLogs);
    }

    [Fact]
    public async Task WatchFigures_UnparsableBody_StreamEndsWithInvalidArgument()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var call = new Method<byte[], byte[]>(MethodType.ServerStreaming, "queuecore.v1.Dashboard", "WatchFigures", Raw, Raw);

        using var stream = server.As(TestDevices.Dashboard).AsyncServerStreamingCall(call, null, new CallOptions(), [0x0a, 0x50, 0x41]);

        var e = await stream.ResponseStream.EndsWithAsync(StatusCode.InvalidArgument);
        Assert.Contains("could not be parsed", e.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(server.ErrorLogs);
    }
}
