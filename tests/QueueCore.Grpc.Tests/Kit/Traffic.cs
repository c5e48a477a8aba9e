using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>Hall traffic as devices make it: tickets taken, windows opened, calls made.</summary>
internal static class Traffic
{
    /// <summary>Settings that lift the kiosk rate limit, for tests that take many tickets.</summary>
    public static void Unlimited(ServerSetup setup)
    {
        setup.Settings["QueueCoreServer:KioskTicketsPerMinute"] = "1000000";
        setup.Settings["QueueCoreServer:KioskTicketBurst"] = "1000000";
    }

    /// <summary>A kiosk takes a ticket for <paramref name="service"/>.</summary>
    public static Task<Ticket> TakeAsync(this ServerKit server, string hall, int service = 1, string requestId = "") =>
        server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { service }, RequestId = requestId }).Bounded();

    /// <summary>The terminal opens the windows.</summary>
    public static async Task OpenAsync(this ServerKit server, string hall, params int[] windows)
    {
        foreach (var window in windows)
        {
            await server.Terminal().OpenWindowAsync(new() { Hall = hall, Window = window }).Bounded();
        }
    }

    /// <summary>
    /// One call: a ticket is taken and <paramref name="window"/> finishes what it had and calls it (the one "Next"
    /// key). Returns the called ticket.
    /// </summary>
    public static async Task<Ticket> CallAsync(this ServerKit server, string hall, int window, int service = 1)
    {
        var taken = await server.TakeAsync(hall, service);
        var called = await server.Terminal().FinishAndCallNextAsync(new() { Hall = hall, Window = window }).Bounded();
        Assert.Equal(taken.Id, called.Id);
        return called;
    }
}
