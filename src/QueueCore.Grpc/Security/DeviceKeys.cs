using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using QueueCore.Grpc.Hosting;

namespace QueueCore.Grpc.Security;

/// <summary>
/// The devices the server accepts now. Built from <c>QueueCoreServer:Devices</c> at start and again whenever that
/// configuration changes (appsettings.json is watched), so a lost kiosk's key is revoked, or a new terminal added,
/// without restarting the hall server and the screens of every hall with it. Calls made after the change use the
/// new devices. When a device was changed or removed, streams already open are woken (<see cref="Changed"/>) and each
/// checks its device again against the new devices (<see cref="StreamAccess"/>): a stream whose key was removed, or
/// whose device may no longer watch what it watches, ends at once instead of running until it reconnects. A device
/// left unchanged keeps its identity, so its streams' check is a set lookup.
/// </summary>
public sealed partial class DeviceKeys : IDisposable
{
    private readonly ILogger<DeviceKeys> _logger;
    private readonly IDisposable? _subscription;
    private readonly bool _demo;
    private DeviceRegistry _current;
    private long _version;

    /// <summary>
    /// Builds the devices from <paramref name="options"/> (demo keys when none are configured) and follows the changes of
    /// <c>QueueCoreServer:Devices</c> in <paramref name="configuration"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A configured device is invalid at start; the message names it.</exception>
    public DeviceKeys(IOptions<ServerOptions> options, IConfiguration configuration, ILogger<DeviceKeys> logger)
    {
        _logger = logger;
        var devices = options.Value.Devices;
        _demo = devices.Count == 0;
        _current = new DeviceRegistry(_demo ? DemoDevices.Create() : devices);

        // The devices section alone, bound here rather than through the options' own reload: there, an entry that does not
        // bind (a Window of "two"), or any other QueueCoreServer setting that is invalid, threw on the configuration's
        // reload thread, where nobody saw it, and the devices stayed as they were; a key the operator had just revoked
        // went on opening the hall without a word in the log.
        var section = configuration.GetSection($"{QueueCoreServer.Section}:Devices");
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => Reload(section));
    }

    /// <summary>The devices accepted now.</summary>
    public DeviceRegistry Current => Volatile.Read(ref _current);

    /// <summary>
    /// How many times a device was changed or removed since start: a stream that checked its device at one version
    /// checks again when it reads another. Raised before <see cref="Changed"/> runs.
    /// </summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>
    /// Raised after a device was changed or removed (on the configuration's reload thread): open streams must check
    /// their device again.
    /// </summary>
    public event Action? Changed;

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    private void Reload(IConfigurationSection section)
    {
        List<DeviceCredential> devices;
        try
        {
            devices = ServerConfiguration.Devices(section);
        }
        catch (InvalidOperationException e)
        {
            // The message names the key and, for a value that does not convert, the value. (Key and KeySha256 are
            // strings, which always convert: no key is ever in it.)
            KeptOnError(_logger, e.Message);
            return;
        }

        if (devices.Count == 0)
        {
            if (!_demo)
            {
                // Deleting every device is far likelier a half-saved file than a wish to let nobody in, or everyone in
                // with demo keys: keep the devices that were accepted.
                KeptOnEmpty(_logger, Current.Devices.Count);
            }

            return;
        }

        try
        {
            var before = Current;
            var next = new DeviceRegistry(devices, before);
            Volatile.Write(ref _current, next);
            Reloaded(_logger, next.Devices.Count);
            if (next.KeepsEveryIdentityOf(before))
            {
                // Only devices added, or none changed (the options reload on any change of the configuration): no open
                // stream's device changed, so none is woken to check it.
                return;
            }

            Interlocked.Increment(ref _version); // after the new devices: a stream that sees the version sees them
            Changed?.Invoke();
        }
        catch (InvalidOperationException e)
        {
            // A typo in one entry must not lock every kiosk and terminal out: the devices accepted so far stay.
            KeptOnError(_logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "QueueCoreServer:Devices changed: {Count} devices accepted from now on")]
    private static partial void Reloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "QueueCoreServer:Devices changed but is invalid, so the devices accepted before stay: {Message}")]
    private static partial void KeptOnError(ILogger logger, string message);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "QueueCoreServer:Devices changed to no devices at all; the {Count} devices accepted before stay (restart the server for the demo keys)")]
    private static partial void KeptOnEmpty(ILogger logger, int count);
}
