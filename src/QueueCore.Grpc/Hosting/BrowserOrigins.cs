using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The CORS policy for gRPC-Web from pages of other origins (an integrator's dashboard served by its own web server),
/// from <see cref="ServerOptions.CorsOrigins"/>: none by default, so only the server's own pages can call it from a
/// browser. An allowed origin may send any request header (the device's key as <c>authorization</c> or
/// <c>x-api-key</c>, gRPC-Web's own) with POST, and reads the gRPC status headers of a trailers-only answer (a refusal
/// before any service runs, no key or a role outside its scope, or by a service before any message, such as the kiosk
/// rate limit), which a browser otherwise hides.
/// Keys, not cookies, authenticate, so no credentials mode is allowed and "*" gives a page nothing it could not do
/// from a script outside a browser.
/// </summary>
internal sealed class BrowserOrigins(IOptions<ServerOptions> server) : IConfigureOptions<CorsOptions>
{
    /// <summary>
    /// The response headers a gRPC-Web client reads: the status, its message and details, the encodings, and when a
    /// kiosk over its rate may retry.
    /// </summary>
    public static readonly string[] ExposedHeaders = ["Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "Grpc-Status-Details-Bin", "Retry-After"];

    /// <summary>How long a browser may keep a preflight's answer: a dashboard's calls do not each wait for one.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    /// <inheritdoc/>
    public void Configure(CorsOptions options)
    {
        var origins = server.Value.CorsOrigins;
        options.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]); // none: every cross-origin request is refused (no CORS headers)
            }

            policy.WithMethods("POST").AllowAnyHeader().WithExposedHeaders(ExposedHeaders).SetPreflightMaxAge(PreflightMaxAge);
        });
    }
}
