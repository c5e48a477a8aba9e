using Microsoft.Extensions.Options;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Refuses a <c>QueueCoreServer:CorsOrigins</c> entry that can never match a browser's Origin header (a path, even a
/// trailing "/", a scheme's default port, another scheme), naming the key an operator edits: such an entry left the
/// dashboard it was meant for refused without a word.
/// </summary>
internal sealed class CorsOriginValidation : IValidateOptions<ServerOptions>
{
    private const string Key = $"{QueueCoreServer.Section}:{nameof(ServerOptions.CorsOrigins)}";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.CorsOrigins.Count; i++)
        {
            if (Problem(options.CorsOrigins[i]) is { } problem)
            {
                failures.Add($"Configuration value '{Mapping.RequestFields.Clip(options.CorsOrigins[i] ?? "")}' at '{Key}:{i}' is invalid: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why <paramref name="origin"/> can never match a browser's Origin header, or null when it can.</summary>
    private static string? Problem(string? origin)
    {
        const string rule = "an origin is \"*\" (any) or a scheme, a host and a port only when it is not the scheme's default, as a browser sends it in its Origin header (e.g. \"https://dashboard.example.org\", \"http://localhost:8080\"), with no path, not even \"/\".";
        if (origin == "*")
        {
            return null;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"it is not an http or https address; {rule}";
        }

        return string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase) && uri.UserInfo.Length == 0
            ? null
            : $"a browser never sends it so; {rule}";
    }
}
