using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// A key is a secret: whatever a client presents (a valid key, an unknown one, one in a garbled header) and whatever an
/// operator configures (a key rotated, revoked, or given wrongly), no log line at any level and no status message
/// contains it.
/// </summary>
public class KeyNotLoggedTests(ITestOutputHelper output)
{
    private const string Hall = "hall-k";

    [Fact]
    public async Task KeysPresentedOrConfigured_NeverInTheLogAtAnyLevel_NorInAStatusMessage()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = null; // thousands of Trace lines: kept in the kit, not written out
            s.LogLevel = LogLevel.Trace;
            s.Halls.Add(TestHalls.Small(Hall));
        });
        var secrets = new List<string>();
        var details = new List<string>();

        async Task RefusedAsync(Metadata headers)
        {
            var e = await Assert.ThrowsAsync<RpcException>(() =>
                new Kiosk.KioskClient(server.Channel).ListServicesAsync(new() { Hall = Hall }, headers).ResponseAsync.WaitAsync(Rpc.Timeout));
            details.Add(e.Status.Detail);
        }

        // Presented: unknown keys in each way a client sends one, a key padded, a valid key on the wrong service.
        const string unknown = "unknown-key-Q7dX2pLm9sTz";
        secrets.Add(unknown);
        await RefusedAsync(new() { { "x-api-key", unknown } });
        await RefusedAsync(new() { { "authorization", $"Bearer {unknown}" } });
        await RefusedAsync(new() { { "authorization", $"Basic {unknown}" } });
        await RefusedAsync(new() { { "authorization", unknown } });
        secrets.AddRange(TestDevices.All.Select(d => d.Key));
        await server.Kiosk().ListServicesAsync(new() { Hall = Hall }).Bounded();
        details.Add((await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Terminal(TestDevices.Kiosk).CallNextAsync(new() { Hall = Hall, Window = 1 }))).Status.Detail);

        // A page opened once with its key in the address (docs/browser-pages.md), and a mistyped page address: the request
        // reaches the server with the key in its query, which the request log (off by default) would write out.
        using (var http = new HttpClient { BaseAddress = server.WebAddress })
        {
            foreach (var page in (string[])[$"/screen/{Hall}?key={TestDevices.Display.Key}", $"/no-such-page?key={TestDevices.Kiosk.Key}"])
            {
                using var response = await http.GetAsync(new Uri(page, UriKind.Relative)).WaitAsync(Rpc.Timeout);
                details.Add(await response.Content.ReadAsStringAsync().WaitAsync(Rpc.Timeout));
            }
        }

        // Configured: a screen's key revoked while its stream is open, a key rotated, entries given wrongly.
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        const string rotated = "display-key-rotated-Hq3vN8wK";
        const string tooShort = "short-Zk4w";
        const string padded = "padded-key-Rb6yC1nJ4uPe ";
        secrets.AddRange([rotated, tooShort, padded.Trim()]);
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        int Index(TestDevice device) => Enumerable.Range(0, 64).First(i => configuration[$"QueueCoreServer:Devices:{i}:Id"] == device.Id);
        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Display)}:Key"] = rotated;
        configuration.Reload();
        details.Add((await screen.ResponseStream.EndsWithAsync(StatusCode.Unauthenticated)).Status.Detail);
        foreach (var wrong in (string[])[tooShort, padded])
        {
            configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Evaluator)}:Key"] = wrong;
            configuration.Reload();
        }

        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Evaluator)}:Key"] = TestDevices.Evaluator.Key;
        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Evaluator)}:KeySha256"] = rotated; // a key pasted as its hash
        configuration.Reload();
        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Evaluator)}:Key"] = null;
        configuration.Reload();

        var logs = server.Logs.ToList();
        Assert.Contains(logs, l => l.Contains("is invalid", StringComparison.Ordinal)); // the wrong entries were logged
        output.WriteLine($"{logs.Count} log lines, {details.Count} status messages");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(details, d => d.Contains(secret, StringComparison.Ordinal));
        }
    }
}
