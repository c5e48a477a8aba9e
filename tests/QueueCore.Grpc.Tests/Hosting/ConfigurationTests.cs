extern alias server;

using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueCore.Grpc.Tests.Kit;
using DeviceRegistry = server::QueueCore.Grpc.Security.DeviceRegistry;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>What an operator configures is what the server does: halls from a halls file, devices by key hash.</summary>
public sealed class ConfigurationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"queuecore-halls-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task HallsFile_ItsHallsAreServed()
    {
        File.WriteAllText(_file, $$"""{ "QueueCore": { "Halls": [ {{HallConfiguration.ToJson(TestHalls.Small("from-file", windows: 2))}} ] } }""");
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings["QueueCoreServer:HallsFile"] = _file;
        });

        var services = await server.Kiosk().ListServicesAsync(new() { Hall = "from-file" }).Bounded();

        Assert.Equal([1, 2], services.Services.Select(s => s.Service));
        Assert.Equal("Hall from-file", services.HallName);
    }

    [Fact]
    public async Task HallsFile_Missing_StartFailsNamingTheKeyAndThePath()
    {
        // The start failed with the configuration library's "The configuration file 'queuecore-halls-....json' was not
        // found and is not optional", which named no key of the server's.
        var e = await StartFailsAsync(s => s.Settings["QueueCoreServer:HallsFile"] = _file);

        Assert.Contains($"Configuration value '{_file}' at 'QueueCoreServer:HallsFile' is invalid: there is no file {_file}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HallsFile_WithoutTheQueueCoreSection_StartFailsNamingTheKeyAndTheShape()
    {
        // { "Halls": [ ... ] } without the QueueCore wrapper: the file was read, its halls went nowhere, and the server
        // served its built-in demo hall instead, with a warning that no halls were configured.
        File.WriteAllText(_file, $$"""{ "Halls": [ {{HallConfiguration.ToJson(TestHalls.Small("from-file", windows: 2))}} ] }""");

        var e = await StartFailsAsync(s => s.Settings["QueueCoreServer:HallsFile"] = _file);

        Assert.Contains($"Configuration value '{_file}' at 'QueueCoreServer:HallsFile' is invalid: {_file} has no halls under QueueCore:Halls (its top-level keys: Halls)", e.Message, StringComparison.Ordinal);
        Assert.Contains("""{ "QueueCore": { "Halls": [ ... ] } }""", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HallsFile_NotJson_StartFailsNamingTheKey()
    {
        File.WriteAllText(_file, """{ "QueueCore": { "Halls": [ { "Id": "north", """);

        var e = await StartFailsAsync(s => s.Settings["QueueCoreServer:HallsFile"] = _file);

        Assert.Contains($"Configuration value '{_file}' at 'QueueCoreServer:HallsFile' is invalid: {_file} is not a JSON file the server can read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HallsFile_RelativePath_ReadBesideTheServerWhereverItIsStartedFrom()
    {
        // appsettings.json said "HallsFile": "halls.json" beside it; a service manager started the server from another
        // working directory (its content root given), and the start failed: the file was looked for in the working
        // directory, while the journal's relative directory is taken beside the server.
        var root = Path.Combine(Path.GetTempPath(), $"queuecore-root-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "halls.json"), $$"""{ "QueueCore": { "Halls": [ {{HallConfiguration.ToJson(TestHalls.Small("from-file", windows: 2))}} ] } }""");
            await using var app = server::QueueCore.Grpc.Hosting.QueueCoreServer.Build([$"--contentRoot={root}", "--QueueCoreServer:HallsFile=halls.json"]);
            Assert.NotEqual(Path.GetFullPath(root), Path.GetFullPath(Directory.GetCurrentDirectory()));
            Assert.Equal("from-file", app.Configuration["QueueCore:Halls:0:Id"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task RequestDiagnostics_OffByDefault_OnWhenConfigured()
    {
        // ASP.NET Core's hosting builds an activity and a logging scope for every request whenever its diagnostics
        // category logs at all, and a screen's stream keeps both while it is open: off unless an operator asks.
        const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";
        await using (var server = await ServerKit.StartAsync(s => s.Output = output))
        {
            await server.Kiosk().ListServicesAsync(new() { Hall = TestHalls.Demo }).Bounded();
            Assert.False(server.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category).IsEnabled(LogLevel.Critical));
        }

        await using (var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Settings[$"Logging:LogLevel:{Category}"] = "Information";
        }))
        {
            Assert.True(server.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category).IsEnabled(LogLevel.Critical));
        }
    }

    [Fact]
    public async Task DeviceWithKeySha256_IsAcceptedByItsKey()
    {
        const string key = "a-kiosk-key-known-only-by-its-hash";
        await using var server = await StartWithOneKioskAsync("KeySha256", DeviceRegistry.Hash(key));

        var ticket = await new V1.Kiosk.KioskClient(server.As(key)).TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }).Bounded();

        Assert.Equal("A001", ticket.Number);
    }

    [Theory]
    [InlineData("zzzz", "KeySha256 must be 64 hex digits")] // a hash mistyped, or a key pasted where its hash goes
    [InlineData("both", "give Key or KeySha256, not both")]
    public async Task DeviceKeyEntry_ThatCannotBeTheDevicesKey_StartFailsNamingTheEntry(string keySha256, string expected)
    {
        // A KeySha256 of 64 characters that were not hex digits was taken as it was: the device was let in by no key at
        // all, and nothing said why. A device with both kept Key and ignored KeySha256 without a word.
        const string key = "the-kiosks-secret-key-0001";
        var e = await StartFailsAsync(s =>
        {
            s.Devices = [];
            s.Settings["QueueCoreServer:Devices:0:Id"] = "kiosk-1";
            s.Settings["QueueCoreServer:Devices:0:Role"] = "kiosk";
            s.Settings["QueueCoreServer:Devices:0:Halls:0"] = "*";
            if (keySha256 == "both")
            {
                s.Settings["QueueCoreServer:Devices:0:Key"] = key;
                s.Settings["QueueCoreServer:Devices:0:KeySha256"] = DeviceRegistry.Hash(key);
            }
            else
            {
                s.Settings["QueueCoreServer:Devices:0:KeySha256"] = string.Concat(Enumerable.Repeat(keySha256, 16));
            }
        });

        Assert.Contains("QueueCoreServer:Devices:0 (kiosk-1)", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the-kiosks-secret-key-0001\n")] // read from a secret file, with its line break
    [InlineData(" the-kiosks-secret-key-0001")]
    public async Task DeviceKey_BeginningOrEndingWithWhiteSpace_StartFailsNamingTheEntry(string key)
    {
        // No device can send such a key (a bearer token is trimmed, a header value cannot end with white space): the
        // server started, and the kiosk was refused as unknown whatever it sent.
        var e = await StartFailsAsync(s =>
        {
            s.Devices = [new("kiosk-1", "kiosk", key, ["*"])];
        });

        Assert.Contains("QueueCoreServer:Devices:0 (kiosk-1): Key begins or ends with white space", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Trim(), e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("display")]
    [InlineData("kiosk")]
    [InlineData("dashboard")]
    public async Task DeviceWindow_OnADeviceItDoesNotBind_StartFailsNamingTheEntry(string role)
    {
        // The small screen over window 5, configured with Window 5, went on showing every window's calls: Window binds only
        // a terminal, an evaluator pad or an admin.
        var e = await StartFailsAsync(s =>
        {
            s.Devices = [new("over-window-5", role, "over-window-5-key-0123456789", ["*"], Window: 5)];
        });

        Assert.Contains($"QueueCoreServer:Devices:0 (over-window-5): Window binds a terminal, an evaluator pad or an admin to a window; a {role} has none", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Id", "kiosk-1", "QueueCoreServer:Devices:1 (kiosk-1): Id 'kiosk-1' is already the id of QueueCoreServer:Devices:0")]
    [InlineData("Halls:0", " ", "QueueCoreServer:Devices:1 (kiosk-2): Halls:0 is blank")]
    public async Task DeviceEntry_SecondKioskWithTheFirstsIdOrABlankHall_StartFailsNamingTheEntry(string field, string value, string expected)
    {
        // Two kiosks with one id shared one ticket budget (the rate limit goes by id) and one name in every log line; a
        // blank hall let the device into no hall at all. Both started without a word.
        var e = await StartFailsAsync(s =>
        {
            s.Devices = [];
            for (var i = 0; i < 2; i++)
            {
                s.Settings[$"QueueCoreServer:Devices:{i}:Id"] = $"kiosk-{i + 1}";
                s.Settings[$"QueueCoreServer:Devices:{i}:Role"] = "kiosk";
                s.Settings[$"QueueCoreServer:Devices:{i}:Halls:0"] = "*";
                s.Settings[$"QueueCoreServer:Devices:{i}:Key"] = $"kiosk-{i + 1}-key-0123456789";
            }

            s.Settings[$"QueueCoreServer:Devices:1:{field}"] = value;
        });

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_OfAHallOrWindowTheServerDoesNotHave_StartWarnsNamingTheEntry()
    {
        // A typo in a device's hall ("city-centre") or window let the server start without a word, and the clerk's first
        // call was refused with PermissionDenied. The start goes on (an admin may add that hall or window at run time),
        // but the log names the entry.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("hall-w", windows: 3));
            s.Devices =
            [
                new TestDevice("terminal-typo", "terminal", "terminal-typo-key-0123456789", ["city-centre"], Window: 1),
                new TestDevice("terminal-9", "terminal", "terminal-9-key-0123456789", ["hall-w"], Window: 9),
                new TestDevice("pad-7", "evaluator", "pad-7-key-0123456789", ["*"], Window: 7),
                new TestDevice("terminal-2", "terminal", "terminal-2-key-0123456789", ["hall-w"], Window: 2),
            ];
        });

        Assert.Contains(server.Logs, l => l.StartsWith("[Warning]", StringComparison.Ordinal)
            && l.Contains("QueueCoreServer:Devices:0 (terminal-typo): Halls:0 'city-centre' is no hall this server has (its halls: hall-w)", StringComparison.Ordinal));
        Assert.Contains(server.Logs, l => l.Contains("QueueCoreServer:Devices:1 (terminal-9): Window 9 is no window of hall 'hall-w'", StringComparison.Ordinal));
        Assert.Contains(server.Logs, l => l.Contains("QueueCoreServer:Devices:2 (pad-7): Window 7 is no window of any hall", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs, l => l.Contains("terminal-2", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs, l => l.Contains("-key-0123456789", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevicesChangedAtRunTime_RevokedKeyRefusedNewKeyAccepted_InvalidChangeKeepsTheDevices()
    {
        const string lost = "the-lost-kiosks-key-0001", replacement = "the-new-kiosks-key-00002";
        await using var server = await StartWithOneKioskAsync("Key", lost);
        var take = (string key) => new V1.Kiosk.KioskClient(server.As(key)).TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } });
        await take(lost).Bounded();

        // The operator replaces the lost kiosk's key in configuration (appsettings.json is watched); no restart.
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        configuration["QueueCoreServer:Devices:0:Key"] = replacement;
        configuration.Reload();

        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => take(lost));
        Assert.Equal("A002", (await take(replacement).Bounded()).Number);

        // A broken entry must not lock every device out: the devices accepted before stay.
        configuration["QueueCoreServer:Devices:0:Role"] = "no-such-role";
        configuration.Reload();
        Assert.Equal("A003", (await take(replacement).Bounded()).Number);
        Assert.Contains(server.Logs, l => l.Contains("no-such-role", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevicesChangedAtRunTime_EntryThatDoesNotBind_LoggedNamingItAndTheDevicesKept()
    {
        // A Window of "two" threw on the configuration's reload thread: nothing in the log, and the operator took the
        // change for made.
        const string key = "the-kiosks-key-00000001";
        await using var server = await StartWithOneKioskAsync("Key", key);
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();

        configuration["QueueCoreServer:Devices:0:Window"] = "two";
        configuration.Reload();

        Assert.Contains(server.Logs, l => l.Contains("'two' at 'QueueCoreServer:Devices:0:Window'", StringComparison.Ordinal));
        var ticket = await new V1.Kiosk.KioskClient(server.As(key)).TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } }).Bounded();
        Assert.Equal("A001", ticket.Number);
    }

    [Fact]
    public async Task DevicesChangedAtRunTime_AnotherServerSettingInvalid_TheRevokedKeyIsRefused()
    {
        // The whole QueueCoreServer section was bound and validated again at each change: one invalid setting that is read
        // only at start (here StreamHistory) kept a key the operator had just revoked working, without a word in the log.
        const string lost = "the-lost-kiosks-key-0001", replacement = "the-new-kiosks-key-00002";
        await using var server = await StartWithOneKioskAsync("Key", lost);
        var take = (string key) => new V1.Kiosk.KioskClient(server.As(key)).TakeTicketAsync(new() { Hall = TestHalls.Demo, Services = { 101 } });
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();

        configuration["QueueCoreServer:StreamHistory"] = "5";
        configuration["QueueCoreServer:Devices:0:Key"] = replacement;
        configuration.Reload();

        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => take(lost));
        Assert.Equal("A001", (await take(replacement).Bounded()).Number);
    }

    [Fact]
    public async Task ProfileLanguage_GivenInAnyCase_ScreensGetItsCanonicalTag()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("spoken", windows: 1));
            s.Settings["QueueCoreServer:Profiles:spoken:Language"] = "ZH-cn";
        });

        using var screen = server.Display().Watch(new() { Hall = "spoken" });

        Assert.Equal("zh-CN", (await screen.ResponseStream.NextAsync()).Snapshot.Language);
    }

    [Fact]
    public async Task ProfileLanguage_NotALanguageTag_StartFailsNamingIt()
    {
        // "english" began with "en", so it was taken, and every screen's browser failed on it as a locale.
        var e = await StartFailsAsync(s =>
        {
            s.Settings["QueueCoreServer:Profiles:city-center:Language"] = "english";
        });

        Assert.Contains("QueueCoreServer:Profiles:city-center:Language 'english'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QueueCoreServer:Profiles:city-center:Regoin", "north", "Unknown configuration key 'QueueCoreServer:Profiles:city-center:Regoin': HallProfile has no member 'Regoin' (it has Region, Language)")]
    [InlineData("QueueCoreServer:Devices:0:Kee", "a-key-in-the-wrong-place-01", "Unknown configuration key 'QueueCoreServer:Devices:0:Kee': DeviceCredential has no member 'Kee'")]
    [InlineData("QueueCoreServer:KioskTicketsPerMinute", "lots", "Failed to convert configuration value 'lots' at 'QueueCoreServer:KioskTicketsPerMinute'")]
    [InlineData("Kestrel:Limits:Http2:MaxStreamsPerConnection", "0", "Configuration value '0' at 'Kestrel:Limits:Http2:MaxStreamsPerConnection' is invalid: it must be at least 1.")]
    [InlineData("QueueCoreServer:FiguresRefresh", "-00:00:01", "QueueCoreServer:FiguresRefresh must be 00:00:00 to 1.00:00:00.")]
    [InlineData("QueueCoreServer:FiguresRefresh", "100.00:00:00", "QueueCoreServer:FiguresRefresh must be 00:00:00 to 1.00:00:00.")]
    [InlineData("QueueCoreServer:MaxStreamsPerDevice", "0", "QueueCoreServer:MaxStreamsPerDevice must be at least 1.")]
    [InlineData("QueueCoreServer:MaxHealthWatchStreams", "0", "QueueCoreServer:MaxHealthWatchStreams must be at least 1.")]
    [InlineData("QueueCoreServer:MaxReflectionStreams", "0", "QueueCoreServer:MaxReflectionStreams must be at least 1.")]
    [InlineData("Kestrel:Endpoints:Grpc:Url", "http://127.0.0.1:99999", "Configuration value 'http://127.0.0.1:99999' at 'Kestrel:Endpoints:Grpc:Url' is invalid: its port 99999 is out of range")]
    [InlineData("Kestrel:Endpoints:Grpc:Url", "http://127.0.0.1:508O", "Configuration value 'http://127.0.0.1:508O' at 'Kestrel:Endpoints:Grpc:Url' is invalid: its port '508O' is not a number")]
    [InlineData("Kestrel:Endpoints:Grpc:Url", "127.0.0.1:5080", "Configuration value '127.0.0.1:5080' at 'Kestrel:Endpoints:Grpc:Url' is invalid: it is not an address")]
    [InlineData("Kestrel:Endpoints:Grpc:Protocols", "Http 2", "Configuration value 'Http 2' at 'Kestrel:Endpoints:Grpc:Protocols' is invalid: it is none of None, Http1, Http2, Http1AndHttp2, Http3, Http1AndHttp2AndHttp3")]
    public async Task ServerSetting_UnknownKeyOrValueOutOfRange_StartFailsNamingTheKey(string key, string value, string expected)
    {
        // The start failed with "'ErrorOnUnknownConfiguration' was set and binding has failed. The likely cause is an invalid
        // configuration value." (the key somewhere in the exceptions inside it, without its path), or with Kestrel's "A value
        // greater than zero is required. (Parameter 'value')": the operator could not tell which line of appsettings.json.
        // An endpoint's port over 65535 failed with "Specified argument was out of the range of valid values. (Parameter
        // 'port')"; one that is not a number ("508O") made Kestrel listen on every interface at port 80; a Protocols value
        // it could not read became HTTP/1.1 and HTTP/2, which refuses a cleartext gRPC client.
        var e = await StartFailsAsync(s =>
        {
            s.Settings[key] = value;
        });

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-key-in-the-wrong-place-01", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredHallId_BreakingTheRule_StartFailsNamingTheKeyAndTheRule()
    {
        // Admin.AddHall refuses such an id; from appsettings.json it was served, under an address no screen could use.
        var e = await StartFailsAsync(s =>
        {
            s.Halls.Add(TestHalls.Small("city/north"));
        });

        Assert.Contains("Configuration value 'city/north' at 'QueueCore:Halls:0:Id' is invalid: it has '/' at position 5; a hall id is 1 to 128 letters, digits, '-', '_' or '.', starting with a letter or a digit.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileRegion_LongerThanARegionMayBe_StartFailsNamingIt()
    {
        // Admin.AddHall refuses a region over 128 characters; from the configuration it was taken.
        var e = await StartFailsAsync(s =>
        {
            s.Settings["QueueCoreServer:Profiles:city-center:Region"] = new string('r', 129);
        });

        Assert.Contains("QueueCoreServer:Profiles:city-center:Region 'rrrr", e.Message, StringComparison.Ordinal);
        Assert.Contains("is 129 characters long; a region is at most 128 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_OfAHallTheServerDoesNotHave_StartFailsNamingIt()
    {
        // "city-centre" for "city-center": the server started, and the hall's screens spoke English instead of Chinese.
        var e = await StartFailsAsync(s =>
        {
            s.Settings["QueueCoreServer:Profiles:city-centre:Language"] = "zh-CN";
        });

        Assert.Contains("QueueCoreServer:Profiles:city-centre names no hall this server has (its halls: city-center)", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The exception a server start with <paramref name="setup"/> fails with (the test fails if it starts).</summary>
    private Task<Exception> StartFailsAsync(Action<ServerSetup> setup) => Assert.ThrowsAnyAsync<Exception>(() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        setup(s);
    }));

    /// <summary>A server whose only device is a kiosk of every hall, configured as an operator would (Devices:0:...).</summary>
    private Task<ServerKit> StartWithOneKioskAsync(string keySetting, string key) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Devices = [];
        s.Settings["QueueCoreServer:Devices:0:Id"] = "kiosk-1";
        s.Settings["QueueCoreServer:Devices:0:Role"] = "kiosk";
        s.Settings["QueueCoreServer:Devices:0:Halls:0"] = "*";
        s.Settings[$"QueueCoreServer:Devices:0:{keySetting}"] = key;
    });
}
