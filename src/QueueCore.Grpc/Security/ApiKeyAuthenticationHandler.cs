using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace QueueCore.Grpc.Security;

/// <summary>
/// Authenticates a device by the key it sends as <c>authorization: Bearer &lt;key&gt;</c> or <c>x-api-key: &lt;key&gt;</c>
/// (gRPC metadata is HTTP headers), giving it its role, halls and window as claims.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DeviceKeys devices)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "DeviceKey";

    /// <summary>The header a device may send its key in instead of a bearer token.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request.Headers);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = devices.Current.FindPrincipal(key);
        if (principal is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The key is not a known device's key."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The key a request carries (<c>x-api-key</c>, else a bearer token), trimmed, or null.</summary>
    internal static string? ReadKey(IHeaderDictionary headers)
    {
        // Trimmed as a bearer token is: HTTP/1.1 (gRPC-Web) strips a header value's padding and HTTP/2 keeps it, so the
        // same padded key was accepted over gRPC-Web and refused over gRPC. No key begins or ends with white space.
        var apiKey = headers[ApiKeyHeader].ToString().Trim();
        if (apiKey.Length > 0)
        {
            return apiKey;
        }

        var authorization = headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }
}
