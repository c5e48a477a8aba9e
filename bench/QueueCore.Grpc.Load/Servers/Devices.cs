using System.Text.Json.Nodes;
using Grpc.Core;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>
/// The load's devices: one kiosk, one terminal (any window) and one display, each allowed every hall. The bare
/// server ignores the keys; the real server authenticates every call with them.
/// </summary>
internal static class Devices
{
    private const string KioskKey = "load-kiosk-key-000000000001";
    private const string TerminalKey = "load-terminal-key-0000000001";
    private const string DisplayKey = "load-display-key-00000000001";

    public static readonly Metadata Kiosk = Headers(KioskKey);
    public static readonly Metadata Terminal = Headers(TerminalKey);
    public static readonly Metadata Display = Headers(DisplayKey);

    /// <summary>The <c>QueueCoreServer:Devices</c> section.</summary>
    public static JsonArray Configuration() =>
    [
        Device("load-kiosk", "kiosk", KioskKey),
        Device("load-terminal", "terminal", TerminalKey),
        Device("load-display", "display", DisplayKey),
    ];

    private static JsonObject Device(string id, string role, string key) => new()
    {
        ["Id"] = id,
        ["Role"] = role,
        ["Halls"] = new JsonArray("*"),
        ["Key"] = key,
    };

    private static Metadata Headers(string key) => new() { { "x-api-key", key } };
}
