extern alias server;

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueCore.Grpc.V1;
using QueueCoreServer = server::QueueCore.Grpc.Hosting.QueueCoreServer;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>
/// A real hall server on loopback (Kestrel, an ephemeral port): gRPC over cleartext HTTP/2 (or HTTPS), and a second,
/// HTTP/1.1 endpoint for /metrics. Clients act as one of <see cref="TestDevices"/> by sending its key.
/// </summary>
internal sealed class ServerKit : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly ConcurrentQueue<string> _logs;
    private bool _stopped;

    private ServerKit(WebApplication app, Uri grpcAddress, Uri webAddress, GrpcChannel channel, ConcurrentQueue<string> logs)
    {
        _app = app;
        _logs = logs;
        GrpcAddress = grpcAddress;
        WebAddress = webAddress;
        _channel = channel;
    }

    /// <summary>The gRPC endpoint (h2c, or https when the setup has a certificate).</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The HTTP/1.1 endpoint (/metrics, /).</summary>
    public Uri WebAddress { get; }

    /// <summary>The channel every client of this kit shares.</summary>
    public GrpcChannel Channel => _channel;

    /// <summary>What the server logged at the setup's <see cref="ServerSetup.LogLevel"/> (Warning) or above so far.</summary>
    public IReadOnlyCollection<string> Logs => _logs;

    /// <summary>What the server logged at Error level or above so far (ordinary traffic should log none).</summary>
    public IReadOnlyCollection<string> ErrorLogs => [.. _logs.Where(l => l.StartsWith("[Error]", StringComparison.Ordinal) || l.StartsWith("[Critical]", StringComparison.Ordinal))];

    /// <summary>The server's services (for tests that need to look inside, e.g. the lifetime).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// The bound of the warm-up: the test process's first server start and first calls, which JIT-compile the host,
    /// Kestrel, gRPC on both sides and the engine.
    /// </summary>
    private static readonly TimeSpan ColdStart = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A server started and called once in the test process before any test's server (every test's start awaits it).
    /// The first start and call of a process compile what every later one reuses: on the loaded two-core test machine
    /// (load 28 to 35) they took 4 to 5 s and 3 to 7 s, against the 10 s each await of the first tests has. That cost is
    /// the process's, not the test's: paid here, bounded by <see cref="ColdStart"/>, so a test's bound is its own.
    /// </summary>
    private static readonly Lazy<Task> WarmUp = new(WarmUpAsync);

    /// <summary>Starts a server with the test devices and the demo hall, changed by <paramref name="setup"/>.</summary>
    public static async Task<ServerKit> StartAsync(Action<ServerSetup>? setup = null)
    {
        await WarmUp.Value;
        var options = new ServerSetup();
        setup?.Invoke(options);
        return await StartAsync(options, StartBound);
    }

    /// <summary>
    /// The bound of a test's own server start, after the warm-up: longer than a call's, since a start builds a host and
    /// an engine, and under the whole test run (every test project at once on two cores) one took over 10 s.
    /// </summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);

    private static async Task WarmUpAsync()
    {
        try
        {
            await using var server = await StartAsync(new ServerSetup(), ColdStart);
            var kiosk = server.Kiosk();
            await kiosk.ListServicesAsync(new() { Hall = TestHalls.Demo }).ResponseAsync.WaitAsync(ColdStart);
            await kiosk.TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }).ResponseAsync.WaitAsync(ColdStart);
            using var screen = server.Display().Watch(new() { Hall = TestHalls.Demo });
            using var timeout = new CancellationTokenSource(ColdStart);
            await screen.ResponseStream.MoveNext(timeout.Token);
        }
        catch (Exception e) when (e is RpcException or TimeoutException or OperationCanceledException)
        {
            // Only a warm-up: whatever failed here fails again, and is reported, in the test that meets it.
        }
    }

    private static async Task<ServerKit> StartAsync(ServerSetup options, TimeSpan bound)
    {
        ListenOptions? grpcListen = null, webListen = null;
        var logs = new ConcurrentQueue<string>();
        var app = QueueCoreServer.Build([], builder =>
        {
            // Only what the test says: not the server's appsettings.json (copied beside the tests), whose fixed ports
            // would clash between servers.
            foreach (var file in builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList())
            {
                builder.Configuration.Sources.Remove(file);
            }

            builder.Configuration.AddInMemoryCollection(Configuration(options));
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new TestOutputLoggerProvider(options.Output, logs, options.LogLevel));
            if (options.LogLevel < LogLevel.Information)
            {
                builder.Logging.SetMinimumLevel(options.LogLevel); // the host's default filter drops Debug before any provider
            }

            if (options.Time is { } time)
            {
                builder.Services.AddSingleton<TimeProvider>(time);
            }

            options.Services?.Invoke(builder.Services);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    if (options.Certificate is { } certificate)
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps(certificate);
                    }
                    else
                    {
                        listen.Protocols = HttpProtocols.Http2; // cleartext gRPC needs HTTP/2 with prior knowledge
                    }

                    grpcListen = listen;
                });
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    webListen = listen;
                });
            });
        });

        try
        {
            await app.StartAsync().WaitAsync(bound);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // Kestrel writes the bound endpoint back into the listen options.
        var scheme = options.Certificate is null ? "http" : "https";
        var grpcAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{grpcListen!.IPEndPoint!.Port}"));
        var webAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{webListen!.IPEndPoint!.Port}"));
        var channelOptions = new GrpcChannelOptions { MaxSendMessageSize = null };
        if (options.Certificate is { } trusted)
        {
            channelOptions.HttpHandler = TrustingHandler(trusted);
        }

        return new ServerKit(app, grpcAddress, webAddress, GrpcChannel.ForAddress(grpcAddress, channelOptions), logs);
    }

    /// <summary>A handler that trusts exactly <paramref name="certificate"/> (a self-signed test certificate).</summary>
    public static HttpClientHandler TrustingHandler(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span),
    };

    /// <summary>Calls made with this invoker carry <paramref name="device"/>'s key.</summary>
    public CallInvoker As(TestDevice device) => As(device.Key);

    /// <summary>Calls made with this invoker carry <paramref name="key"/> as <c>x-api-key</c> (null: no key).</summary>
    public CallInvoker As(string? key) => key is null
        ? _channel.CreateCallInvoker()
        : _channel.Intercept(metadata =>
        {
            metadata.Add("x-api-key", key);
            return metadata;
        });

    public Kiosk.KioskClient Kiosk(TestDevice? device = null) => new(As(device ?? TestDevices.Kiosk));

    public Terminal.TerminalClient Terminal(TestDevice? device = null) => new(As(device ?? TestDevices.Terminal));

    public Display.DisplayClient Display(TestDevice? device = null) => new(As(device ?? TestDevices.Display));

    public Evaluator.EvaluatorClient Evaluator(TestDevice? device = null) => new(As(device ?? TestDevices.Evaluator));

    public Dashboard.DashboardClient Dashboard(TestDevice? device = null) => new(As(device ?? TestDevices.Dashboard));

    public Admin.AdminClient Admin(TestDevice? device = null) => new(As(device ?? TestDevices.Admin));

    /// <summary>Stops the server gracefully (streams are ended, in-flight calls complete), bounded.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync().WaitAsync(Rpc.Timeout);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_stopped)
            {
                await StopAsync();
            }
        }
        finally
        {
            _channel.Dispose();
            await _app.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Configuration(ServerSetup setup)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // One shard that sleeps when idle: many servers share the test machine's cores.
            ["QueueCore:Engine:ShardCount"] = "1",
            ["QueueCore:Engine:IngressCapacity"] = "1024",
            ["QueueCore:Engine:WaitStrategy"] = "Blocking",
        };
        for (var i = 0; i < setup.Devices.Count; i++)
        {
            var device = setup.Devices[i];
            var prefix = $"QueueCoreServer:Devices:{i}:";
            settings[prefix + "Id"] = device.Id;
            settings[prefix + "Role"] = device.Role;
            settings[prefix + "Key"] = device.Key;
            settings[prefix + "Window"] = device.Window.ToString(CultureInfo.InvariantCulture);
            for (var h = 0; h < device.Halls.Count; h++)
            {
                settings[$"{prefix}Halls:{h}"] = device.Halls[h];
            }
        }

        for (var i = 0; i < setup.Halls.Count; i++)
        {
            foreach (var (key, value) in Flatten(HallConfiguration.ToJson(setup.Halls[i])))
            {
                settings[$"QueueCore:Halls:{i}:{key}"] = value;
            }
        }

        foreach (var (key, value) in setup.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A hall's JSON as configuration keys, as appsettings.json would give them.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Flatten(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable()
            .Where(pair => !string.IsNullOrEmpty(pair.Value))
            .ToList();
    }

    private sealed class TestOutputLoggerProvider(ITestOutputHelper? output, ConcurrentQueue<string> logs, LogLevel level) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, logs, categoryName, level);

        public void Dispose()
        {
        }
    }

    private sealed class TestOutputLogger(ITestOutputHelper? output, ConcurrentQueue<string> logs, string category, LogLevel level) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= level && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}";
            logs.Enqueue(line);

            try
            {
                output?.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}
