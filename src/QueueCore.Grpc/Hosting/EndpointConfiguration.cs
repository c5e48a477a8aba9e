using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Checks the endpoints under <c>Kestrel:Endpoints</c> before Kestrel binds them, naming the key an operator edits.
/// Kestrel said only "Specified argument was out of the range of valid values. (Parameter 'port')" for a port over
/// 65535; it read a port that is not a number (<c>http://127.0.0.1:508O</c>) as part of the host and listened on every
/// interface at port 80; and it took a <c>Protocols</c> value it could not read as the default, HTTP/1.1 and HTTP/2,
/// on which a cleartext gRPC client (HTTP/2 with prior knowledge) is refused.
/// </summary>
internal static class EndpointConfiguration
{
    private const string Section = "Kestrel:Endpoints";

    /// <exception cref="InvalidOperationException">
    /// An endpoint's Url or Protocols that Kestrel would misread or refuse, or a certificate file that is missing or that
    /// its password does not open (relative paths are taken from <paramref name="contentRoot"/>, as Kestrel takes them).
    /// </exception>
    public static void Validate(IConfiguration configuration, string contentRoot)
    {
        CheckCertificate(configuration.GetSection("Kestrel:Certificates:Default"), contentRoot);
        foreach (var endpoint in configuration.GetSection(Section).GetChildren())
        {
            CheckCertificate(endpoint.GetSection("Certificate"), contentRoot);
            if (endpoint["Url"] is { } url && UrlProblem(url) is { } problem)
            {
                throw new InvalidOperationException($"Configuration value '{url}' at '{endpoint.Path}:Url' is invalid: {problem}");
            }

            if (endpoint["Protocols"] is { Length: > 0 } protocols && !Enum.TryParse<HttpProtocols>(protocols, ignoreCase: true, out _))
            {
                throw new InvalidOperationException(
                    $"Configuration value '{protocols}' at '{endpoint.Path}:Protocols' is invalid: it is none of {string.Join(", ", Enum.GetNames<HttpProtocols>())} (cleartext gRPC needs Http2).");
            }
        }
    }

    /// <summary>
    /// Kestrel said only "Could not find file '...'" for a certificate that is not there, and "The certificate data cannot
    /// be read with the provided password, the password may be incorrect." for a wrong password, naming neither the key
    /// nor the file: an operator with several endpoints or a secret store could not tell which value to fix.
    /// </summary>
    private static void CheckCertificate(IConfigurationSection certificate, string contentRoot)
    {
        if (certificate["Path"] is not { Length: > 0 } file)
        {
            return; // none, or one from the certificate store, which Kestrel names itself
        }

        var path = Existing(certificate, "Path", contentRoot);
        if (certificate["KeyPath"] is { Length: > 0 })
        {
            Existing(certificate, "KeyPath", contentRoot); // a PEM certificate and its key: Kestrel reads the pair
            return;
        }

        if (X509Certificate2.GetCertContentType(path) != X509ContentType.Pkcs12)
        {
            return; // not a PFX: Kestrel says what it lacks
        }

        try
        {
            using var opened = X509CertificateLoader.LoadPkcs12FromFile(path, certificate["Password"]);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"Configuration value at '{certificate.Path}:Password' is invalid: it does not open the certificate file '{file}' at '{certificate.Path}:Path' ({path}): {e.Message}", e);
        }
    }

    /// <summary>The full path of the file <paramref name="certificate"/>'s <paramref name="key"/> names, which must exist.</summary>
    private static string Existing(IConfigurationSection certificate, string key, string contentRoot)
    {
        var file = certificate[key]!;
        var path = Path.GetFullPath(file, contentRoot);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Configuration value '{file}' at '{certificate.Path}:{key}' is invalid: there is no file {path} (a relative path is taken from the server's content root, {contentRoot}).");
    }

    private static string? UrlProblem(string url)
    {
        const string rule = "an endpoint's Url is http:// or https://, a host (a name, an IP address, [an IPv6 address], * or +) and a port from 0 to 65535, e.g. \"http://0.0.0.0:5080\".";
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return $"it is not an address; {rule}";
        }

        if (address.IsNamedPipe || address.IsUnixPipe)
        {
            return null; // a socket file or a named pipe: no host nor port to check
        }

        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase) && !string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase))
        {
            return $"its scheme is '{address.Scheme}'; {rule}";
        }

        if (address.Port is < 0 or > 65535)
        {
            return $"its port {address.Port} is out of range; {rule}";
        }

        // Kestrel keeps a port it cannot read as a number in the host ("127.0.0.1:508O"), then listens on every interface
        // at the scheme's default port; an IPv6 address is the only host with a colon, and it is in brackets.
        return address.Host.Contains(':', StringComparison.Ordinal) && !address.Host.StartsWith('[')
            ? $"its port '{address.Host[(address.Host.LastIndexOf(':') + 1)..]}' is not a number; {rule}"
            : null;
    }
}
