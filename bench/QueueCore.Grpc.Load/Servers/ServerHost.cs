extern alias server;

using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>Starts either server with the same halls and the same listener: loopback, a free port, HTTP/2 without TLS.</summary>
internal static class ServerHost
{
    public static Task<RunningServer> StartAsync(ServerKind kind, int halls, EngineChoice engine, IReadOnlyList<KeyValuePair<string, string?>> configuration) => kind switch
    {
        ServerKind.Real => RealServer.StartAsync(halls, engine, configuration),
        _ => BareServer.StartAsync(),
    };

    /// <summary>
    /// Both servers' only endpoint, carrying as many streams per connection as the hall server does by default (Kestrel's
    /// own default is 100), so the display streams share connections alike on both.
    /// </summary>
    public static void Listen(KestrelServerOptions kestrel)
    {
        kestrel.Limits.Http2.MaxStreamsPerConnection = server::QueueCore.Grpc.Hosting.QueueCoreServer.DefaultMaxStreamsPerConnection;
        kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
    }

    /// <summary>
    /// An empty folder as both servers' content root, so no appsettings.json (the hall server's is copied next to this
    /// program, with its public endpoints and Information logging) is read.
    /// </summary>
    public static string ContentRoot { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "queuecore-grpc-load-root")).FullName;
}
