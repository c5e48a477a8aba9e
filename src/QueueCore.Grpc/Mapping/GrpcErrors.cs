using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace QueueCore.Grpc.Mapping;

/// <summary>
/// Turns an engine refusal into the gRPC status a client expects, with the engine's message and, in the status
/// details (google.rpc.ErrorInfo, domain "queuecore"), the error kind, so clients can branch without parsing text.
/// </summary>
public static class GrpcErrors
{
    /// <summary>The ErrorInfo domain of QueueCore's errors.</summary>
    public const string Domain = "queuecore";

    /// <summary>The status code for an engine error.</summary>
    public static StatusCode CodeOf(QueueError error) => error switch
    {
        QueueError.UnknownHall or QueueError.UnknownService or QueueError.UnknownWindow or QueueError.UnknownTicket
            or QueueError.UnknownClass => StatusCode.NotFound,
        QueueError.InvalidArgument => StatusCode.InvalidArgument,
        QueueError.LimitReached or QueueError.Overloaded => StatusCode.ResourceExhausted,
        QueueError.Unavailable => StatusCode.Unavailable,
        QueueError.Cancelled => StatusCode.Cancelled,
        QueueError.HallFaulted => StatusCode.Internal,
        QueueError.AlreadyCheckedIn => StatusCode.AlreadyExists, // the appointment's ticket exists: the message names it
        QueueError.RequestIdReused => StatusCode.AlreadyExists, // the id is taken by another command: retrying as is will not help
        // The hall is in a state where the command does not apply (window not open, ticket not waiting, nothing
        // waiting, issuing closed, not eligible, clerk busy, day open or closed): retrying as is will not help.
        _ => StatusCode.FailedPrecondition,
    };

    /// <summary>The exception that carries a failed result to the client, with the engine's message.</summary>
    public static RpcException ToRpcException(in CommandResult result) =>
        Create(CodeOf(result.Error), result.Message ?? result.Error.ToString(), result.Error.ToString());

    /// <summary>
    /// The exception that carries a failed result of hall <paramref name="hall"/> to the client, its message in the
    /// contract's terms (the engine's names a few library calls a client cannot make: see <see cref="ContractMessages"/>).
    /// </summary>
    public static RpcException ToRpcException(in CommandResult result, string hall) =>
        Create(CodeOf(result.Error), ContractMessages.Of(result.Error, result.Message, hall), result.Error.ToString());

    /// <summary>
    /// The longest status message sent, in characters; a longer one is cut there. The message travels in the trailers
    /// twice (grpc-message, and inside grpc-status-details-bin), and a message that echoes an over-long value from the
    /// request (a 100,000-character category id) made them larger than clients accept (64 KB for .NET's HttpClient):
    /// the client then saw Unavailable ("HTTP headers length exceeded") instead of the InvalidArgument that named its
    /// mistake. Messages name the entry first, so the cut keeps what the client needs.
    /// </summary>
    public const int MaxMessageLength = 1024;

    /// <summary>An exception with a status, a message (cut to <see cref="MaxMessageLength"/>) and the error kind in the details.</summary>
    public static RpcException Create(StatusCode code, string message, string reason)
    {
        var status = new Status
        {
            Code = (int)code,
            Message = RequestFields.Clip(message, MaxMessageLength),
            Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason }) },
        };
        return status.ToRpcException();
    }

    /// <summary>An InvalidArgument status for a request field.</summary>
    public static RpcException InvalidArgument(string message) => Create(StatusCode.InvalidArgument, message, nameof(QueueError.InvalidArgument));

    /// <summary>A NotFound status for a hall the server does not know.</summary>
    public static RpcException UnknownHall(string hall) =>
        Create(StatusCode.NotFound, $"There is no hall '{RequestFields.Clip(hall, RequestFields.MaxIdLength)}'.", nameof(QueueError.UnknownHall));

    /// <summary>A NotFound status for a window hall <paramref name="hall"/> does not have (now: an admin may have removed it).</summary>
    public static RpcException UnknownWindow(string hall, int window) =>
        Create(StatusCode.NotFound, $"Hall '{hall}' has no window {window}.", nameof(QueueError.UnknownWindow));

    /// <summary>A NotFound status for a service item hall <paramref name="hall"/> does not have (now: an admin may have removed it).</summary>
    public static RpcException UnknownService(string hall, int service) =>
        Create(StatusCode.NotFound, $"Hall '{hall}' has no service {service}.", nameof(QueueError.UnknownService));

    /// <summary>
    /// <paramref name="message"/> as the <c>grpc-message</c> header value of a status the server writes itself (before any
    /// gRPC service runs: authentication, roles): percent-encoded as the gRPC protocol says, only
    /// the bytes outside printable ASCII and '%' itself. <see cref="Uri.EscapeDataString(string)"/> also encoded ':', '/',
    /// ';' and ',', which grpc-js (Node clients) leaves encoded, so its users read "authorization%3A Bearer".
    /// </summary>
    public static string HeaderMessage(string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(message);
        var encoded = new System.Text.StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>
    /// Writes a status the server gives itself, before any gRPC service runs (authentication, roles), as a trailers-only
    /// gRPC response: HTTP 200 with the status, its message and, as every other refusal has,
    /// the error kind (<paramref name="reason"/>) in <c>grpc-status-details-bin</c>.
    /// </summary>
    public static void WriteTrailersOnly(Microsoft.AspNetCore.Http.HttpResponse response, StatusCode code, string message, string reason)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = new Status
        {
            Code = (int)code,
            Message = RequestFields.Clip(message, MaxMessageLength),
            Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason }) },
        };
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = HeaderMessage(status.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }

    /// <summary>Throws the result's status when it failed, with the engine's message.</summary>
    public static void ThrowIfFailed(in CommandResult result)
    {
        if (!result.IsSuccess)
        {
            throw ToRpcException(result);
        }
    }

    /// <summary>Throws the status of a failed result of hall <paramref name="hall"/>, its message in the contract's terms.</summary>
    public static void ThrowIfFailed(in CommandResult result, string hall)
    {
        if (!result.IsSuccess)
        {
            throw ToRpcException(result, hall);
        }
    }
}
