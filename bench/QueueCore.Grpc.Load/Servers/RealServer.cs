extern alias server;

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using server::QueueCore.Grpc.Hosting;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>
/// The QueueCore hall server as it ships (<c>QueueCoreServer.Build</c>), configured only through configuration:
/// the halls (<c>QueueCore:Halls</c>), the engine options, the devices and their keys, a kiosk rate limit far above
/// the load (so it admits every call but still runs), no cap on a device's streams, and logging at Warning.
/// </summary>
internal static class RealServer
{
    public static async Task<RunningServer> StartAsync(int halls, EngineChoice engine, IReadOnlyList<KeyValuePair<string, string?>> extra)
    {
        var capacity = extra.LastOrDefault(c => c.Key == LoadHalls.TicketCapacityKey).Value is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        extra = [.. extra.Where(c => c.Key != LoadHalls.TicketCapacityKey)];
        var json = Configuration(halls, engine, capacity).ToJsonString();
        var app = QueueCoreServer.Build([$"--contentRoot={ServerHost.ContentRoot}"], builder =>
        {
            builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            // A journal directory given for the run gets a fresh subdirectory per server start: each phase starts
            // its server on new halls, as without a journal, instead of recovering the last phase's.
            builder.Configuration.AddInMemoryCollection(extra.Select(c => c.Key.Equals("QueueCore:Engine:Journal:Directory", StringComparison.OrdinalIgnoreCase) && c.Value is { Length: > 0 }
                ? new KeyValuePair<string, string?>(c.Key, Path.Combine(c.Value, Guid.NewGuid().ToString("N")))
                : c));
            builder.WebHost.ConfigureKestrel(ServerHost.Listen);
        });
        await app.StartAsync();
        return new RunningServer(ServerKind.Real, app);
    }

    /// <summary>
    /// Starts and stops the real server with one hall and the run's configuration, so that one it refuses
    /// (<c>--shards 5000</c>, a <c>--server-config</c> value it cannot read, a journal directory it cannot use) is
    /// named before anything runs: it ended the run with an unhandled exception's stack trace in the first phase, and
    /// in the memory scenario's child process as well.
    /// </summary>
    /// <returns>The server's refusal, or null when it started.</returns>
    public static async Task<string?> CheckAsync(EngineChoice engine, IReadOnlyList<KeyValuePair<string, string?>> extra)
    {
        try
        {
            // The host logs its failure to start with the stack before it throws it: not a second time here.
            await using var server = await StartAsync(1, engine, [.. extra, new("Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host", "None")]);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static JsonObject Configuration(int halls, EngineChoice engine, int ticketCapacity) => new()
    {
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
        ["QueueCore"] = new JsonObject
        {
            ["Engine"] = new JsonObject
            {
                ["ShardCount"] = engine.ShardCount,
                ["WaitStrategy"] = engine.Wait.ToString(),
                ["RunContinuationsAsynchronously"] = engine.ContinuationsOnPool,
            },
            ["Halls"] = new JsonArray([.. Enumerable.Range(0, halls).Select(i => JsonNode.Parse(HallConfiguration.ToJson(WithCapacity(LoadHalls.Definition(i), ticketCapacity))))]),
        },
        ["QueueCoreServer"] = new JsonObject
        {
            ["Devices"] = Devices.Configuration(),
            // 100,000 tickets a second sustained (one token every 10 µs) and a burst of a billion: never refuses here.
            ["KioskTicketsPerMinute"] = 6_000_000,
            ["KioskTicketBurst"] = 1_000_000_000,
            // The fanout and memory scenarios open thousands of streams with the one display key.
            ["MaxStreamsPerDevice"] = int.MaxValue,
        },
    };

    /// <summary>The hall with the ticket capacity <c>--ticket-capacity</c> asked for (0: the engine's default).</summary>
    private static HallDefinition WithCapacity(HallDefinition hall, int ticketCapacity) =>
        ticketCapacity > 0 ? hall with { InitialTicketCapacity = ticketCapacity } : hall;
}
