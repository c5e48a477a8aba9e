using Microsoft.AspNetCore.StaticFiles;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The browser pages (call screen, clerk terminal, kiosk): static files built from <c>web/</c> by the server's build
/// and copied beside the server as <c>browser/</c>. The pages themselves hold no secret and are served without a key;
/// every call they make is gRPC-Web with the device's own key, checked like any other client's.
/// </summary>
public static class BrowserPages
{
    /// <summary>The folder, under the server's base directory, that holds the built pages.</summary>
    public const string Folder = "browser";

    /// <summary>The URL prefix of the pages' scripts, styles and sounds.</summary>
    public const string AssetPrefix = "/web";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Maps /screen/{hall}, /terminal/{hall}/{window}, /kiosk/{hall} and the assets under /web.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) => Map(endpoints, Path.Combine(AppContext.BaseDirectory, Folder));

    /// <summary>Maps the pages served from <paramref name="root"/>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints, string root)
    {
        endpoints.MapGet("/screen/{hall}", () => Page(root, "screen.html")).AllowAnonymous();
        endpoints.MapGet("/terminal/{hall}/{window:int}", () => Page(root, "terminal.html")).AllowAnonymous();
        endpoints.MapGet("/kiosk/{hall}", () => Page(root, "kiosk.html")).AllowAnonymous();
        endpoints.MapGet(AssetPrefix + "/{file:regex(^[a-z0-9][a-z0-9.-]*$)}", (string file) => Asset(root, file)).AllowAnonymous();
    }

    private static IResult Page(string root, string page) => File(root, page, "text/html; charset=utf-8");

    private static IResult Asset(string root, string file) =>
        file.EndsWith(".html", StringComparison.Ordinal) || !ContentTypes.TryGetContentType(file, out var type)
            ? Results.NotFound()
            : File(root, file, type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal) ? type + "; charset=utf-8" : type);

    private static IResult File(string root, string file, string contentType)
    {
        var path = Path.Combine(root, file);
        if (!System.IO.File.Exists(path))
        {
            return Results.Text(
                $"The browser pages were not built ({path} is missing): build the server with Node.js and npm on the PATH (see the README).",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        // Revalidated on every load (ETag / Last-Modified), so a screen that reloads after an upgrade gets the new bundle.
        return Results.File(path, contentType, enableRangeProcessing: false, lastModified: System.IO.File.GetLastWriteTimeUtc(path),
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{System.IO.File.GetLastWriteTimeUtc(path).Ticks:x}\""));
    }
}
