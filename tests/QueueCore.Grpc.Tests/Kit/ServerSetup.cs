using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>What a test server is started with.</summary>
internal sealed class ServerSetup
{
    /// <summary>The halls (none: the server's demo hall).</summary>
    public List<HallDefinition> Halls { get; } = [];

    /// <summary>The devices (keys) the server accepts.</summary>
    public IReadOnlyList<TestDevice> Devices { get; set; } = TestDevices.All;

    /// <summary>More configuration, e.g. <c>QueueCoreServer:StreamHistory</c>.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The server's clock (null: the system clock).</summary>
    public FakeTimeProvider? Time { get; set; }

    /// <summary>When set, the gRPC endpoint is HTTPS with this certificate (HTTP/1.1 and HTTP/2 by ALPN).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>More services for the server (e.g. an interceptor that parks calls at a known point).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; set; }

    /// <summary>Where the server's warnings and errors go (the test's output), if anywhere.</summary>
    public ITestOutputHelper? Output { get; set; }

    /// <summary>
    /// The lowest level the kit keeps (<see cref="ServerKit.Logs"/>, <see cref="Output"/>): warnings and errors unless a
    /// test asks for more, e.g. Debug to see what a quiet retry logs.
    /// </summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
