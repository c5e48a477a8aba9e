using Google.Protobuf.Reflection;
using Grpc.Core;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>Calls any method of the contracts by its descriptor with a request as bytes: for tests that go over every method.</summary>
internal static class RawCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Calls <paramref name="method"/> (unary, or a stream read to its first message); the status it failed with, or null.</summary>
    public static async Task<RpcException?> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] request)
    {
        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var call = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var options = new CallOptions(deadline: DateTime.UtcNow + Rpc.Timeout);
        try
        {
            if (method.IsServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(call, null, options, request);
                await stream.ResponseStream.MoveNext(CancellationToken.None); // its first message is enough
            }
            else
            {
                using var unary = invoker.AsyncUnaryCall(call, null, options, request);
                await unary.ResponseAsync;
            }

            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }
}
