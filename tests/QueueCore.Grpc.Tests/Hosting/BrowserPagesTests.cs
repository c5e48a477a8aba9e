using System.Net;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>The browser pages are served on the HTTP/1.1 endpoint without a key (their calls carry the device's key).</summary>
public class BrowserPagesTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("/screen/city-center", "text/html", "/web/screen.js")]
    [InlineData("/terminal/city-center/5", "text/html", "/web/terminal.js")]
    [InlineData("/kiosk/city-center", "text/html", "/web/kiosk.js")]
    [InlineData("/evaluator/city-center/5", "text/html", "/web/evaluator.js")]
    [InlineData("/dashboard/city-center", "text/html", "/web/dashboard.js")]
    [InlineData("/web/dashboard.js", "text/javascript", "")]
    [InlineData("/web/screen.js", "text/javascript", "")]
    [InlineData("/web/pages.css", "text/css", "")]
    public async Task Get_PageOrAsset_ServedWithoutAKey(string path, string contentType, string contains)
    {
        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Page_OnlyItsOwnScriptsAndNeverFramed()
    {
        using var response = await GetAsync("/terminal/city-center/1");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/web/nothing.js")]
    [InlineData("/web/screen.html")]
    [InlineData("/web/..%2Fappsettings.json")]
    public async Task Get_NotAPageOrAsset_NotServed(string path)
    {
        using var response = await GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
    }

    [Theory]
    [InlineData("/terminal/city-center/five")]
    [InlineData("/terminal/city-center/99999999999")]
    [InlineData("/terminal/city-center")]
    [InlineData("/screen/")]
    [InlineData("/kiosk/")]
    [InlineData("/evaluator/city-center")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/city-center/5")]
    [InlineData("/screens/city-center")] // a page's name mistyped: a bare 401 with no text before
    [InlineData("/kiosks/city-center")]
    [InlineData("/screen-city-center")]
    public async Task Get_MalformedPageAddress_NotFoundSayingWhatTheAddressesAre(string path)
    {
        using var response = await GetAsync(path + "?key=a-device-key-0123456789");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("/terminal/{hall}/{window}", page, StringComparison.Ordinal);
        Assert.Contains("/dashboard/{hall}", page, StringComparison.Ordinal);
        // A page, not text: its script takes the key out of the address bar (tests/browser-e2e runs it).
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/web/notfound.js", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/screen/city-center", HttpStatusCode.OK)]
    [InlineData("/web/screen.js", HttpStatusCode.OK)]
    [InlineData("/screens/city-center", HttpStatusCode.NotFound)]
    public async Task Head_PageOrAsset_AnsweredAsItsGetWithoutABody(string path, HttpStatusCode expected)
    {
        // Uptime monitors and link checkers ask with HEAD: a screen's page answered 401 as if it needed a key.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        using var http = new HttpClient { BaseAddress = server.WebAddress, Timeout = Rpc.Timeout };

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_UnknownAddress_StillNeedsAKey()
    {
        // The 404 page answers GETs only: a call to an address that is no service is refused as before.
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        using var http = new HttpClient { BaseAddress = server.WebAddress, Timeout = Rpc.Timeout };

        using var response = await http.PostAsync("/screens/city-center", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>GETs <paramref name="path"/> from a fresh server's web endpoint (the body read before the server stops).</summary>
    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        await using var server = await ServerKit.StartAsync(s => s.Output = output);
        using var http = new HttpClient { BaseAddress = server.WebAddress, Timeout = Rpc.Timeout };
        var response = await http.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
