using System.Security.Cryptography;
using Google.Protobuf;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>
/// The request ids of an admin device's last successful changes and the answers they got, so a hall manager's tool
/// that retries after a timeout (the change was made, the answer lost) gets the first answer instead of AlreadyExists, a
/// NotFound, or a second change over another admin's since. Per device; bounded (the oldest id is forgotten first);
/// in memory only: a retry across a server restart is a new request. Used under the <see cref="AdminGate"/>, so a
/// retry waits for its first attempt and never runs beside it.
/// </summary>
public sealed class AdminRequests
{
    /// <summary>How many request ids are remembered (for all admin devices together).</summary>
    public const int Capacity = 1024;

    private readonly Dictionary<(string Device, Guid Id), Entry> _entries = [];
    private readonly Queue<(string Device, Guid Id)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// The first answer to a retry of <paramref name="request"/> (its content without its request id) from
    /// <paramref name="device"/>, or null when the id is new. The same id with another call or other content is
    /// refused (InvalidArgument), as the engine refuses a command's id used for another command.
    /// </summary>
    public HallInfo? Retried(string device, Guid? id, string method, IMessage request)
    {
        if (id is not { } requestId)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_entries.TryGetValue((device, requestId), out var entry))
            {
                return null;
            }

            return entry.Method == method && entry.Content.AsSpan().SequenceEqual(Content(request))
                ? entry.Answer.Clone()
                : throw GrpcErrors.InvalidArgument($"request_id {requestId} was already used for a different request ({entry.Method}).");
        }
    }

    /// <summary>Remembers the answer to a successful change.</summary>
    public void Remember(string device, Guid? id, string method, IMessage request, HallInfo answer)
    {
        if (id is not { } requestId)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Count >= Capacity && _order.TryDequeue(out var oldest))
            {
                _entries.Remove(oldest);
            }

            _entries[(device, requestId)] = new Entry(method, Content(request), answer.Clone());
            _order.Enqueue((device, requestId));
        }
    }

    /// <summary>A hash of the request's fields, its request id left out (a hall's JSON may be a megabyte).</summary>
    private static byte[] Content(IMessage request)
    {
        var copy = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        copy.Descriptor.FindFieldByName("request_id")?.Accessor.Clear(copy);
        return SHA256.HashData(copy.ToByteArray());
    }

    private sealed record Entry(string Method, byte[] Content, HallInfo Answer);
}
