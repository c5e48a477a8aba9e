namespace QueueCore.Grpc.Tests.Kit;

/// <summary>A device the test server knows, with the key a test sends for it.</summary>
internal sealed record TestDevice(string Id, string Role, string Key, IReadOnlyList<string> Halls, int Window = 0);

/// <summary>The devices every test server is configured with (unless a test gives its own), one per role and scope.</summary>
internal static class TestDevices
{
    /// <summary>The hall <see cref="KioskOfHallA"/> and <see cref="TerminalOfHallA"/> are scoped to.</summary>
    public const string HallA = "hall-a";

    public static readonly TestDevice Kiosk = new("kiosk-1", "kiosk", "kiosk-key-0123456789", ["*"]);
    public static readonly TestDevice KioskOfHallA = new("kiosk-a", "kiosk", "kiosk-a-key-0123456789", [HallA]);
    public static readonly TestDevice Terminal = new("terminal-any", "terminal", "terminal-key-0123456789", ["*"]);
    public static readonly TestDevice TerminalOfWindow1 = new("terminal-w1", "terminal", "terminal-w1-key-0123456789", ["*"], Window: 1);
    public static readonly TestDevice TerminalOfHallA = new("terminal-a", "terminal", "terminal-a-key-0123456789", [HallA]);
    public static readonly TestDevice Display = new("display-1", "display", "display-key-0123456789", ["*"]);
    public static readonly TestDevice Evaluator = new("evaluator-w1", "evaluator", "evaluator-w1-key-0123456789", ["*"], Window: 1);
    public static readonly TestDevice Dashboard = new("dashboard-1", "dashboard", "dashboard-key-0123456789", ["*"]);
    public static readonly TestDevice Admin = new("admin-1", "admin", "admin-key-0123456789", ["*"]);

    public static readonly IReadOnlyList<TestDevice> All =
        [Kiosk, KioskOfHallA, Terminal, TerminalOfWindow1, TerminalOfHallA, Display, Evaluator, Dashboard, Admin];
}
