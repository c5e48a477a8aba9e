namespace QueueCore.Benchmarks.Scenarios;

/// <summary>One citizen at the kiosk: the service item asked for, and the attributes the hall's class rules read.</summary>
/// <param name="Service">The service item id.</param>
/// <param name="Age">The citizen's age (65 and over is elderly under the default rules).</param>
/// <param name="Flags">Kiosk flags (green channel, disabled, ...).</param>
internal readonly record struct Arrival(int Service, byte Age, TicketFlags Flags);
