using Google.Protobuf;
using Grpc.Core;

namespace QueueCore.Grpc.Mapping;

/// <summary>
/// Request marshallers that refuse bytes which are no request message with InvalidArgument. grpc-dotnet reads the
/// request before any interceptor runs, so a parse failure would otherwise reach the client as Unknown ("Exception was
/// thrown by handler.") and be logged as a server error.
/// </summary>
public static class RequestParsing
{
    /// <summary><paramref name="method"/> with its request marshaller guarded.</summary>
    public static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                // An RpcException keeps its status: grpc-dotnet logs it at Information, not as a handler error.
                throw GrpcErrors.InvalidArgument($"The request could not be parsed as {method.FullName}'s request: {e.Message}");
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }
}
