using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>What the server offers besides the roles' services: health, reflection, metrics, TLS.</summary>
public class EndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HealthCheck_WithoutKey_Serving()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var health = new Health.HealthClient(server.As((string?)null));
        var reply = await health.CheckAsync(new HealthCheckRequest()).ResponseAsync.WaitAsync(Rpc.Timeout);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task HealthCheck_EachRoleServiceByItsName_ReportsTheEngine_AnUnknownNameNotFound()
    {
        // The gRPC health protocol: a probe may name the service it depends on (grpc_health_probe -service=..., a
        // Kubernetes probe's service, a load balancer's grpcServiceName); a server registers each of its services.
        // Only "" answered; every role's name was NOT_FOUND, which a probe reads as "not served here".
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var health = new Health.HealthClient(server.As((string?)null));
        foreach (var service in new[] { "", "queuecore.v1.Kiosk", "queuecore.v1.Terminal", "queuecore.v1.Display", "queuecore.v1.Evaluator", "queuecore.v1.Dashboard", "queuecore.v1.Admin" })
        {
            var reply = await health.CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync.WaitAsync(Rpc.Timeout);
            Assert.True(reply.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"'{service}': {reply.Status}");
        }

        // The refusal says what was wrong and what to ask for: it came with an empty message, and an operator who had
        // typed "queuecore.Kiosk" into a probe read nothing.
        var unknown = await Rpc.FailsAsync(StatusCode.NotFound, () => health.CheckAsync(new HealthCheckRequest { Service = "queuecore.v1.NoSuchService" }));
        Assert.Equal(
            "The server reports no health for service 'queuecore.v1.NoSuchService'; ask for '' (the server) or one of queuecore.v1.Kiosk, queuecore.v1.Terminal, queuecore.v1.Display, queuecore.v1.Evaluator, queuecore.v1.Dashboard, queuecore.v1.Admin.",
            unknown.Status.Detail);
    }

    [Fact]
    public async Task HealthCheck_EngineDegraded_StillServing_TheProtocolCarriesNoReason()
    {
        // The engine's check reads Degraded after recovery cut damage or lost a hall (numbers may be handed out twice).
        // The gRPC health protocol has SERVING and NOT_SERVING only, and a degraded server still serves: what recovery
        // found reaches an operator through the log, not this answer (the READMEs say so).
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Services = services => services.AddHealthChecks().AddCheck("degraded", () => HealthCheckResult.Degraded("as after damage"));
        });
        var health = new Health.HealthClient(server.As((string?)null));
        var reply = await health.CheckAsync(new HealthCheckRequest()).ResponseAsync.WaitAsync(Rpc.Timeout);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task HealthCheck_OneHallFaulted_StillServing_TheReportNamesTheHall()
    {
        // A faulted hall refuses its own calls; the others serve. The engine's check read Unhealthy, so the server
        // answered NOT_SERVING and a load balancer took every hall offline for one.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(TestHalls.Demo, out var hall));
        HallFaults.FailNextCommand(hall);
        Assert.Equal("HallFaulted", (await Rpc.FailsAsync(StatusCode.Internal, () => server.Kiosk().TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }))).Reason());

        var health = new Health.HealthClient(server.As((string?)null));
        foreach (var service in new[] { "", "queuecore.v1.Kiosk", "queuecore.v1.Terminal" })
        {
            var reply = await health.CheckAsync(new HealthCheckRequest { Service = service }).Bounded();
            Assert.True(reply.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"'{service}': {reply.Status}");
        }

        var report = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Rpc.Timeout);
        var engine = report.Entries["queuecore"];
        Assert.Equal(HealthStatus.Degraded, engine.Status);
        Assert.Contains($"faulted halls: {TestHalls.Demo}", engine.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_OnceShutdownBegins_NotServing()
    {
        // A load balancer drains a server whose probe says NOT_SERVING. Once shutdown began, Watch said NOT_SERVING but
        // Check went on answering SERVING (only the engine was asked, and it drains last), so a probe kept sending
        // kiosks and terminals to a server that was going away.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var health = new Health.HealthClient(server.As((string?)null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest()).Bounded()).Status);

        // Shutdown begins (SIGTERM, Ctrl+C): the test's host is started, not run, so nothing stops it before the test does.
        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        foreach (var service in new[] { "", "queuecore.v1.Kiosk" })
        {
            var reply = await health.CheckAsync(new HealthCheckRequest { Service = service }).Bounded();
            Assert.True(reply.Status == HealthCheckResponse.Types.ServingStatus.NotServing, $"'{service}': {reply.Status}");
        }
    }

    [Fact]
    public async Task DisplayStreams_MoreThanAHundredOnOneConnection_EveryOneServed()
    {
        // A hall's screens behind one client that keeps to one connection (as a gateway does): Kestrel's default of
        // 100 streams a connection left the 101st waiting for a free stream, showing nothing.
        const int screens = 150;
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var display = new Display.DisplayClient(channel);
        var headers = new Metadata { { "x-api-key", TestDevices.Display.Key } };
        var streams = new List<AsyncServerStreamingCall<DisplayUpdate>>();
        try
        {
            for (var i = 0; i < screens; i++)
            {
                streams.Add(display.Watch(new() { Hall = TestHalls.Demo }, headers));
            }

            var first = await Task.WhenAll(streams.Select(s => s.ResponseStream.NextAsync()));
            Assert.All(first, update => Assert.NotNull(update.Snapshot));

            await server.OpenAsync(TestHalls.Demo, 1);
            var called = await server.CallAsync(TestHalls.Demo, window: 1, service: 101);
            var seen = await Task.WhenAll(streams.Select(s => s.ResponseStream.NextMatchingAsync(u => u.Call is not null)));
            Assert.All(seen, update => Assert.Equal(called.Id, update.Call.Ticket));
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Reflection_WithoutKey_ListsTheRoleServices()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        var reflection = new ServerReflection.ServerReflectionClient(server.As((string?)null));
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }).WaitAsync(Rpc.Timeout);
        await call.RequestStream.CompleteAsync().WaitAsync(Rpc.Timeout);

        var reply = await call.ResponseStream.NextAsync();
        var services = reply.ListServicesResponse.Service.Select(s => s.Name).ToList();
        foreach (var role in new[] { "Kiosk", "Terminal", "Display", "Evaluator", "Dashboard", "Admin" })
        {
            Assert.Contains($"queuecore.v1.{role}", services);
        }
    }

    [Fact]
    public async Task Metrics_OverHttp11_CarryTheEnginesCounters()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        await server.TakeAsync(TestHalls.Demo, service: 101);

        using var http = new HttpClient { BaseAddress = server.WebAddress, Timeout = Rpc.Timeout };
        await Rpc.EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version11, response.Version);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("queuecore_commands", text, StringComparison.Ordinal);
            Assert.Contains("queuecore_events", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Metrics_AfterCalls_CarryAspNetCoresAndGrpcsOwnFigures()
    {
        // gRPC's own server figures (grpc-dotnet counts calls in its EventSource and has no Meter): /metrics had ASP.NET
        // Core's and Kestrel's but nothing of gRPC's, whatever the calls did.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        await server.TakeAsync(TestHalls.Demo, service: 101);
        await Rpc.FailsAsync(StatusCode.NotFound, () => server.Kiosk().ListServicesAsync(new() { Hall = "nowhere" }));

        using var http = new HttpClient { BaseAddress = server.WebAddress, Timeout = Rpc.Timeout };
        await Rpc.EventuallyAsync(async () =>
        {
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal); // ASP.NET Core's
            Assert.Contains("kestrel_active_connections", text, StringComparison.Ordinal);
            Assert.True(Figure(text, "grpc_server_calls_total") >= 2, text);
            Assert.True(Figure(text, "grpc_server_calls_failed_total") >= 1, text);
            Assert.True(Figure(text, "grpc_server_messages_received_total") >= 2, text);
            Assert.Contains("grpc_server_calls_active", text, StringComparison.Ordinal);
        });

        static double Figure(string text, string name) => text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1)
            .Max();
    }

    [Fact]
    public async Task GrpcWeb_OverHttp11_CallSucceedsAndRefusalsKeepTheirStatus()
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        using var channel = GrpcChannel.ForAddress(server.WebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var headers = new Metadata { { "x-api-key", TestDevices.Kiosk.Key } };

        var ticket = await new Kiosk.KioskClient(channel).TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }, headers).Bounded();
        Assert.Equal("A001", ticket.Number);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => new Terminal.TerminalClient(channel).CallNextAsync(new() { Hall = TestHalls.Demo, Window = 1 }, headers));
        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => new Kiosk.KioskClient(channel).ListServicesAsync(new() { Hall = TestHalls.Demo }));
    }

    [Fact]
    public async Task GrpcWeb_KioskOverItsRate_ResourceExhaustedInAGrpcWebResponse()
    {
        // A browser client checks the content type before the status (connect-web: "unexpected response content type",
        // Internal), so the refusal must read as gRPC-Web for the browser kiosk to tell the citizen "This kiosk is busy"
        // (the rate limiter once wrote its refusal itself, before any gRPC code ran), and its retry-after must be a header.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings["QueueCoreServer:KioskTicketsPerMinute"] = "1";
            s.Settings["QueueCoreServer:KioskTicketBurst"] = "1";
        });
        using var http = new HttpClient { Timeout = Rpc.Timeout };
        var body = new TakeTicketRequest { Hall = TestHalls.Demo, Services = { 101 } }.ToByteArray();
        var framed = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), body.Length);
        body.CopyTo(framed, 5);
        async Task<HttpResponseMessage> TakeAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.WebAddress, "/queuecore.v1.Kiosk/TakeTicket"))
            {
                Version = HttpVersion.Version11,
                Content = new ByteArrayContent(framed),
            };
            request.Content.Headers.ContentType = new("application/grpc-web+proto");
            request.Headers.TryAddWithoutValidation("x-api-key", TestDevices.Kiosk.Key);
            return await http.SendAsync(request);
        }

        using (var first = await TakeAsync())
        {
            Assert.Equal("application/grpc-web", first.Content.Headers.ContentType?.MediaType); // as the server answers any call
        }

        using var refused = await TakeAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("application/grpc-web", refused.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal("8", refused.Headers.GetValues("grpc-status").Single()); // ResourceExhausted
        Assert.Contains("takes tickets faster than 1 per minute", refused.Headers.GetValues("grpc-message").Single(), StringComparison.Ordinal);
        Assert.Contains("retry in 60 s", refused.Headers.GetValues("grpc-message").Single(), StringComparison.Ordinal);
        Assert.Equal("60", refused.Headers.GetValues("retry-after").Single()); // HTTP's own, in seconds
    }

    [Fact]
    public async Task Tls_SelfSignedCertificate_CallSucceedsOverHttpsForAClientThatTrustsIt()
    {
        using var certificate = SelfSigned();
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Certificate = certificate;
        });
        Assert.Equal("https", server.GrpcAddress.Scheme);

        var list = await server.Kiosk().ListServicesAsync(new() { Hall = TestHalls.Demo }).Bounded();
        Assert.Equal(TestHalls.Demo, list.Hall);

        // A client that does not trust the certificate is refused by its own TLS, before any call is made.
        using var untrusting = GrpcChannel.ForAddress(server.GrpcAddress);
        var e = await Assert.ThrowsAsync<RpcException>(() => new Kiosk.KioskClient(untrusting)
            .ListServicesAsync(new() { Hall = TestHalls.Demo }, new Metadata { { "x-api-key", TestDevices.Kiosk.Key } })
            .ResponseAsync.WaitAsync(Rpc.Timeout));
        Assert.Contains("certificate", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_CertificateFileInConfiguration_OneHttpsEndpointServesGrpcGrpcWebAndMetrics()
    {
        // As the README says to configure it (standard Kestrel configuration, a PFX file and its password), not in code:
        // one TLS endpoint, HTTP/2 by ALPN for gRPC and HTTP/1.1 for gRPC-Web and /metrics.
        using var certificate = SelfSigned();
        var file = Path.Combine(Path.GetTempPath(), $"queuecore-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(file, certificate.Export(X509ContentType.Pfx, "test-only-password"));
        try
        {
            await using var server = await ServerKit.StartAsync(s =>
            {
                s.Output = output;
                s.Settings["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0";
                s.Settings["Kestrel:Endpoints:Https:Certificate:Path"] = file;
                s.Settings["Kestrel:Endpoints:Https:Certificate:Password"] = "test-only-password";
            });
            var https = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Single(a => a.StartsWith("https:", StringComparison.Ordinal)));
            var headers = new Metadata { { "x-api-key", TestDevices.Kiosk.Key } };

            using var grpc = GrpcChannel.ForAddress(https, new GrpcChannelOptions { HttpHandler = ServerKit.TrustingHandler(certificate) });
            var list = await new Kiosk.KioskClient(grpc).ListServicesAsync(new() { Hall = TestHalls.Demo }, headers).Bounded();
            Assert.Equal(TestHalls.Demo, list.Hall);

            using var web = GrpcChannel.ForAddress(https, new GrpcChannelOptions
            {
                HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, ServerKit.TrustingHandler(certificate)),
                HttpVersion = HttpVersion.Version11,
                HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            });
            Assert.Equal("A001", (await new Kiosk.KioskClient(web).TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }, headers).Bounded()).Number);

            using var http = new HttpClient(ServerKit.TrustingHandler(certificate)) { BaseAddress = https, Timeout = Rpc.Timeout };
            await Rpc.EventuallyAsync(async () =>
                Assert.Contains("queuecore_commands", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("no file", "Configuration value 'no-such-certificate.pfx' at 'Kestrel:Endpoints:Https:Certificate:Path' is invalid: there is no file ")]
    [InlineData("wrong password", "Configuration value at 'Kestrel:Endpoints:Https:Certificate:Password' is invalid: it does not open the certificate file ")]
    public async Task Tls_CertificateFileMissingOrItsPasswordWrong_StartFailsNamingTheKey(string mistake, string expected)
    {
        // Kestrel said "Could not find file '...'" and "The certificate data cannot be read with the provided password, the
        // password may be incorrect.": neither named the setting to fix, the second not even the file.
        using var certificate = SelfSigned();
        var file = Path.Combine(Path.GetTempPath(), $"queuecore-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(file, certificate.Export(X509ContentType.Pfx, "test-only-password"));
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => ServerKit.StartAsync(s =>
            {
                s.Output = output;
                s.Settings["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0";
                s.Settings["Kestrel:Endpoints:Https:Certificate:Path"] = mistake == "no file" ? "no-such-certificate.pfx" : file;
                s.Settings["Kestrel:Endpoints:Https:Certificate:Password"] = mistake == "wrong password" ? "not-the-password" : "test-only-password";
            }));

            Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-password", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A self-signed server certificate for 127.0.0.1, through a password-protected PFX as a file would be.</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=queuecore-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server auth
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        const string password = "test-only-password";
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, password), password);
    }
}
