using System.Net;
using Google.Protobuf;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// gRPC-Web from a page of another origin (an integrator's dashboard served by its own web server): the browser asks
/// first (a CORS preflight) and shows the page only the answers the server allows it to read. The server had no CORS:
/// its preflight answered 401 with no CORS headers, so a browser refused every call of such a page before it was made.
/// </summary>
public class CrossOriginTests(ITestOutputHelper output)
{
    private const string Dashboard = "http://dashboard.example.org:8080";

    /// <summary>The headers a gRPC-Web client (connect-web, grpc-web) sends besides the device's key.</summary>
    private const string RequestedHeaders = "content-type,x-grpc-web,x-user-agent,grpc-timeout,authorization,x-api-key";

    private static readonly string[] GrpcWebHeaders = ["grpc-status", "grpc-message", "grpc-encoding", "grpc-accept-encoding", "grpc-status-details-bin"];

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_AnsweredWithTheKeyHeadersAllowed()
    {
        await using var server = await StartAsync(Dashboard);
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(Preflight(server, Dashboard));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal(Dashboard, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("post", Values(answer, "Access-Control-Allow-Methods"));
        var allowed = Values(answer, "Access-Control-Allow-Headers");
        Assert.Contains("authorization", allowed);
        Assert.Contains("x-api-key", allowed);
        Assert.Contains("x-grpc-web", allowed);
    }

    [Theory]
    [InlineData("http://elsewhere.example.org:8080")]
    [InlineData("http://dashboard.example.org:8081")]
    [InlineData("https://dashboard.example.org:8080")]
    public async Task Preflight_FromAnotherOrigin_NotAllowed(string origin)
    {
        await using var server = await StartAsync(Dashboard);
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(Preflight(server, origin));

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"), answer.ToString());
    }

    [Fact]
    public async Task Preflight_NoOriginsConfigured_NoOriginAllowed()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(Preflight(server, Dashboard));

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"), answer.ToString());
    }

    [Fact]
    public async Task GrpcWebCall_FromAnAllowedOrigin_CarriesTheCorsHeaders_TheStatusReadable()
    {
        await using var server = await StartAsync(Dashboard, "http://localhost:3000");
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(GrpcWebCall(server, Dashboard, TestDevices.Kiosk.Key));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Dashboard, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = Values(answer, "Access-Control-Expose-Headers");
        Assert.All(GrpcWebHeaders, header => Assert.Contains(header, exposed));
        Assert.Contains("retry-after", exposed); // a rate-limited kiosk page reads when to try again
        var body = await answer.Content.ReadAsByteArrayAsync();
        Assert.Equal(TestHalls.Demo, ServiceList.Parser.ParseFrom(body.AsSpan(5, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1)))).Hall);
    }

    [Fact]
    public async Task GrpcWebCall_FromAnAllowedOriginWithoutAKey_TheRefusalsStatusIsExposed()
    {
        // A refusal before any service runs is a trailers-only answer: its status is in the HTTP headers, which a browser
        // hides from the page unless they are exposed (the page would see a network error instead of Unauthenticated).
        await using var server = await StartAsync(Dashboard);
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(GrpcWebCall(server, Dashboard, key: null));

        Assert.Equal(Dashboard, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(((int)StatusCode.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.GetValues("grpc-status").Single());
        Assert.True(answer.Headers.Contains("grpc-status-details-bin"));
        Assert.All(GrpcWebHeaders, header => Assert.Contains(header, Values(answer, "Access-Control-Expose-Headers")));
    }

    [Fact]
    public async Task GrpcWebCall_FromAnotherOrigin_NoCorsHeaders()
    {
        await using var server = await StartAsync(Dashboard);
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(GrpcWebCall(server, "http://elsewhere.example.org", TestDevices.Kiosk.Key));

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(answer.Headers.Contains("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task AnyOrigin_Star_AllowsAPageOfAnyOrigin()
    {
        await using var server = await StartAsync("*");
        using var http = new HttpClient { Timeout = Rpc.Timeout };

        using var answer = await http.SendAsync(Preflight(server, "http://anywhere.example.org"));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("http://dashboard.example.org/", "a browser never sends it so")]
    [InlineData("https://dashboard.example.org:443", "a browser never sends it so")]
    [InlineData("https://dashboard.example.org/screens", "a browser never sends it so")]
    [InlineData("dashboard.example.org", "it is not an http or https address")]
    [InlineData("ftp://dashboard.example.org", "it is not an http or https address")]
    public async Task CorsOrigin_ThatNoBrowserSends_StartFailsNamingTheKey(string origin, string expected)
    {
        // Such an entry matched no page, so the dashboard it was meant for was refused by its browser without a word.
        var e = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync("http://localhost:3000", origin));

        Assert.Contains($"Configuration value '{origin}' at 'QueueCoreServer:CorsOrigins:1' is invalid: {expected}", e.Message, StringComparison.Ordinal);
    }

    private Task<ServerKit> StartAsync(params string[] origins) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        for (var i = 0; i < origins.Length; i++)
        {
            s.Settings[$"QueueCoreServer:CorsOrigins:{i}"] = origins[i];
        }
    });

    private static HttpRequestMessage Preflight(ServerKit server, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(server.WebAddress, "/queuecore.v1.Kiosk/ListServices")) { Version = HttpVersion.Version11 };
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", RequestedHeaders);
        return request;
    }

    /// <summary>Kiosk.ListServices of the demo hall as a browser's gRPC-Web client sends it.</summary>
    private static HttpRequestMessage GrpcWebCall(ServerKit server, string origin, string? key)
    {
        var message = new ListServicesRequest { Hall = TestHalls.Demo }.ToByteArray();
        var framed = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), message.Length);
        message.CopyTo(framed, 5);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.WebAddress, "/queuecore.v1.Kiosk/ListServices"))
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(framed),
        };
        request.Content.Headers.ContentType = new("application/grpc-web+proto");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("x-grpc-web", "1");
        if (key is not null)
        {
            request.Headers.Add("authorization", "Bearer " + key);
        }

        return request;
    }

    /// <summary>A comma-separated header's values, lower case.</summary>
    private static string[] Values(HttpResponseMessage answer, string header) => answer.Headers.TryGetValues(header, out var values)
        ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(v => v.ToLowerInvariant())]
        : [];
}
