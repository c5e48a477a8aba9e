using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The browser pages (call screen, clerk terminal, kiosk, evaluator pad, dashboard): static files built from <c>web/</c> by the server's build
/// and copied beside the server as <c>browser/</c>. The pages themselves hold no secret and are served without a key;
/// every call they make is gRPC-Web with the device's own key, checked like any other client's.
/// </summary>
public static class BrowserPages
{
    /// <summary>The folder, under the server's base directory, that holds the built pages.</summary>
    public const string Folder = "browser";

    /// <summary>The URL prefix of the pages' scripts and styles.</summary>
    public const string AssetPrefix = "/web";

    // The pages keep a device key in localStorage: they run only their own scripts, talk only to this server, and are
    // never framed, so an injected script or a framing page has nothing to read the key with.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>What a malformed page address is answered with.</summary>
    public const string PageAddresses =
        "No such page. The pages are /screen/{hall} (?windows=5 for some windows), /terminal/{hall}/{window} (the window's number), /kiosk/{hall}, /evaluator/{hall}/{window} and /dashboard/{hall}.";

    /// <summary>
    /// Maps /screen/{hall}, /terminal/{hall}/{window}, /kiosk/{hall}, /evaluator/{hall}/{window}, /dashboard/{hall}, the assets under /web, and a 404 page for any other
    /// GET that matches no endpoint.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints) => Map(endpoints, Path.Combine(AppContext.BaseDirectory, Folder));

    /// <summary>Maps the pages served from <paramref name="root"/>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints, string root)
    {
        // GET and HEAD alike: uptime monitors and link checkers ask with HEAD (Kestrel sends the headers only), and a HEAD
        // that matched nothing got the 401 of an address that needs a key.
        endpoints.MapMethods("/screen/{hall}", GetOrHead, (HttpContext http) => Serve(http, root, "screen.html")).AllowAnonymous();
        endpoints.MapMethods("/terminal/{hall}/{window:int}", GetOrHead, (HttpContext http) => Serve(http, root, "terminal.html")).AllowAnonymous();
        endpoints.MapMethods("/kiosk/{hall}", GetOrHead, (HttpContext http) => Serve(http, root, "kiosk.html")).AllowAnonymous();
        endpoints.MapMethods("/evaluator/{hall}/{window:int}", GetOrHead, (HttpContext http) => Serve(http, root, "evaluator.html")).AllowAnonymous();
        endpoints.MapMethods("/dashboard/{hall}", GetOrHead, (HttpContext http) => Serve(http, root, "dashboard.html")).AllowAnonymous();

        // A page address with a part missing or a window that is not a number: say what the addresses are, rather
        // than the bare 401 an unmatched path gets (every other path needs a key). An HTML page, whose script takes a
        // ?key= given with the address out of the address bar, as the pages do: a plain-text answer left the key there.
        foreach (var page in (string[])["screen", "terminal", "kiosk", "evaluator", "dashboard"])
        {
            endpoints.MapMethods($"/{page}/{{**rest}}", GetOrHead, (HttpContext http) => NotFoundPage(http, root)).AllowAnonymous();
        }

        // Any other address a browser asks for (a page's name mistyped: /screens/city-center, /kiosks/...): the same
        // page, which a user reads and whose script takes a ?key= out of the address bar; it got a bare 401 with no
        // text. Only GETs (and HEADs) that match nothing else: gRPC and gRPC-Web calls are POSTs and keep their answers.
        endpoints.MapFallback("{**path}", (HttpContext http) => NotFoundPage(http, root))
            .WithMetadata(new HttpMethodMetadata(GetOrHead))
            .AllowAnonymous();
        endpoints.MapMethods(AssetPrefix + "/{file:regex(^[a-z0-9][a-z0-9.-]*$)}", GetOrHead, (HttpContext http, string file) =>
            file.EndsWith(".html", StringComparison.Ordinal) ? Results.NotFound() : Serve(http, root, file)).AllowAnonymous();
    }

    /// <summary>
    /// The 404 page for a malformed page address: <c>notfound.html</c> with <see cref="PageAddresses"/> in it, or the
    /// sentence alone as text when the pages were not built.
    /// </summary>
    private static IResult NotFoundPage(HttpContext http, string root)
    {
        var path = Path.Combine(root, "notfound.html");
        if (!File.Exists(path))
        {
            return Results.Text(PageAddresses, statusCode: StatusCodes.Status404NotFound);
        }

        var html = File.ReadAllText(path); // a few hundred bytes, read on each request as the other pages are
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store"; // the address it answers may carry a key
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Results.Content(
            html.Replace("<!-- PageAddresses -->", System.Net.WebUtility.HtmlEncode(PageAddresses), StringComparison.Ordinal),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult Serve(HttpContext http, string root, string file)
    {
        var path = Path.Combine(root, file);
        if (!ContentTypes.TryGetContentType(file, out var type))
        {
            return Results.NotFound();
        }

        if (!File.Exists(path))
        {
            return Results.Text(
                $"The browser pages were not built ({path} is missing): build the server with Node.js and npm on the PATH (see the README).",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache"; // revalidated on every load (ETag), so a screen reloading after an upgrade gets the new bundle
        if (type == "text/html")
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        var modified = File.GetLastWriteTimeUtc(path);
        var charset = type.StartsWith("text/", StringComparison.Ordinal) ? "; charset=utf-8" : "";
        return Results.File(path, type + charset, lastModified: modified, entityTag: new EntityTagHeaderValue($"\"{modified.Ticks:x}\""));
    }
}
