using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>
/// The request ids of admin devices' last successful changes and the answers they got, so a hall manager's tool that
/// retries after a timeout (the change was made, the answer lost) gets the first answer instead of AlreadyExists, a
/// NotFound, or a second change over another admin's since. Per device; bounded (the oldest id is forgotten first).
/// With a journal they are kept beside it (<see cref="FileName"/>, written before the answer is sent), so a retry
/// across a server restart, the likeliest reason an answer was lost, still gets its first answer; without one they are
/// kept in memory. Used under the <see cref="AdminGate"/>, so a retry waits for its first attempt and never runs beside
/// it.
/// </summary>
public sealed class AdminRequests
{
    /// <summary>How many request ids are remembered (for all admin devices together).</summary>
    public const int Capacity = 1024;

    /// <summary>The file's name in the journal's directory.</summary>
    public const string FileName = "admin-requests.json";

    private readonly Dictionary<(string Device, Guid Id), Entry> _entries = [];
    private readonly Queue<(string Device, Guid Id)> _order = new();
    private readonly Lock _gate = new();
    private readonly string? _path;
    private readonly ILogger _logger;

    /// <summary>Reads the ids kept beside the journal, when there is one.</summary>
    public AdminRequests(IOptions<QueueCoreOptions> options, ILogger<AdminRequests> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        var journal = options.Value.Engine.Journal;
        if (journal.IsEnabled && journal.Directory is { Length: > 0 } directory)
        {
            _path = Path.Combine(directory, FileName);
            Load(_path);
        }
    }

    /// <summary>
    /// The first answer to a retry of <paramref name="request"/> (its content without its request id) from
    /// <paramref name="device"/>, or null when the id is new. The same id with another call or other content is
    /// refused (AlreadyExists, reason <see cref="QueueError.RequestIdReused"/>), as a command's id used for another command is.
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
                : throw GrpcErrors.Create(
                    global::Grpc.Core.StatusCode.AlreadyExists,
                    $"request_id {requestId} was already used for a different request ({entry.Method}).",
                    nameof(QueueError.RequestIdReused));
        }
    }

    /// <summary>
    /// Refuses <paramref name="device"/>'s request id when it names another of its admin calls, or this call with other
    /// content (AlreadyExists, reason <see cref="QueueError.RequestIdReused"/>), for the manager's calls whose ids the hall
    /// keeps (<c>PauseWindow</c>, <c>ResumeWindow</c>): the hall knows only its own commands' ids, so an id a definition
    /// change had used was carried out as a new pause, and a pause's id as a new change. A retry of the same call goes on
    /// to the hall, which answers it as the first time.
    /// </summary>
    public void RefuseIfReused(string device, Guid? id, string method, IMessage request) => _ = Retried(device, id, method, request);

    /// <summary>
    /// Remembers that <paramref name="device"/>'s request id named a hall command that succeeded (the hall keeps its
    /// answer), so the definition changes refuse it (<see cref="Retried"/>).
    /// </summary>
    public void RememberHallCommand(string device, Guid? id, string method, IMessage request) =>
        Remember(device, id, method, request, new HallInfo());

    /// <summary>Remembers the answer to a successful change (and, with a journal, writes it beside it before returning).</summary>
    public void Remember(string device, Guid? id, string method, IMessage request, HallInfo answer)
    {
        if (id is not { } requestId)
        {
            return;
        }

        lock (_gate)
        {
            Add(device, requestId, new Entry(method, Content(request), answer.Clone()));
            Save();
        }
    }

    private void Add(string device, Guid id, Entry entry)
    {
        if (_entries.Count >= Capacity && _order.TryDequeue(out var oldest))
        {
            _entries.Remove(oldest);
        }

        if (_entries.TryAdd((device, id), entry))
        {
            _order.Enqueue((device, id));
        }
    }

    /// <summary>A hash of the request's fields, its request id left out (a hall's JSON may be a megabyte).</summary>
    private static byte[] Content(IMessage request)
    {
        var copy = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        copy.Descriptor.FindFieldByName("request_id")?.Accessor.Clear(copy);
        return SHA256.HashData(copy.ToByteArray());
    }

    private void Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            foreach (var stored in JsonSerializer.Deserialize<List<StoredEntry>>(stream) ?? [])
            {
                Add(stored.Device, stored.Id, new Entry(stored.Method, stored.Content, HallInfo.Parser.ParseFrom(stored.Answer)));
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // None kept yet.
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidProtocolBufferException or ArgumentNullException)
        {
            // The server serves on; a retry of a change made before the restart is then a new request, as the log says.
            _entries.Clear();
            _order.Clear();
            Log.AdminRequestsNotRead(_logger, path, e.Message);
        }
    }

    /// <summary>Writes the entries, oldest first (under the gate), through <see cref="DurableFile"/>.</summary>
    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            var stored = _order.Select(key =>
            {
                var entry = _entries[key];
                return new StoredEntry(key.Device, key.Id, entry.Method, entry.Content, entry.Answer.ToByteArray());
            }).ToList();
            DurableFile.Replace(_path, stream => JsonSerializer.Serialize(stream, stored));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.AdminRequestsNotWritten(_logger, _path, e.Message);
        }
    }

    private sealed record Entry(string Method, byte[] Content, HallInfo Answer);

    /// <summary>An entry as the file keeps it (the answer as its protobuf bytes).</summary>
    private sealed record StoredEntry(string Device, Guid Id, string Method, byte[] Content, byte[] Answer);
}
