namespace QueueCore.Grpc.Security;

/// <summary>The roles a device credential can carry; each gRPC service admits the roles that belong there.</summary>
public static class DeviceRoles
{
    /// <summary>A ticket kiosk: lists services and issues tickets in its halls.</summary>
    public const string Kiosk = "kiosk";

    /// <summary>A clerk's terminal: drives one window (or, with no window set, any window of its halls).</summary>
    public const string Terminal = "terminal";

    /// <summary>A call screen: reads the display stream of its halls.</summary>
    public const string Display = "display";

    /// <summary>An evaluator pad at a window: rates the service just finished there.</summary>
    public const string Evaluator = "evaluator";

    /// <summary>A read-only hall dashboard: snapshots, queues and figures of its halls.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>
    /// A hall administrator: everything above in its halls, plus adding, changing and removing halls (a window it is bound
    /// to binds what it does as a terminal or pad, not these changes).
    /// </summary>
    public const string Admin = "admin";

    /// <summary>Every role, for validating configuration.</summary>
    public static readonly IReadOnlyList<string> All = [Kiosk, Terminal, Display, Evaluator, Dashboard, Admin];
}
