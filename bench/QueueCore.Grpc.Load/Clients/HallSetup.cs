using Grpc.Net.Client;
using QueueCore.Grpc.Load.Servers;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Clients;

/// <summary>Gets halls ready through the API, as their devices would: windows opened by the terminal, tickets taken at the kiosk.</summary>
internal static class HallSetup
{
    private static readonly ParallelOptions InFlight = new() { MaxDegreeOfParallelism = 64 };

    public static Task OpenWindowsAsync(GrpcChannel[] channels, string[] halls)
    {
        var terminals = channels.Select(c => new Terminal.TerminalClient(c)).ToArray();
        return Parallel.ForEachAsync(Enumerable.Range(0, halls.Length * LoadHalls.Windows), InFlight, async (i, ct) =>
        {
            var request = new OpenWindowRequest { Hall = halls[i / LoadHalls.Windows], Window = (i % LoadHalls.Windows) + 1 };
            await terminals[i % terminals.Length].OpenWindowAsync(request, Devices.Terminal, cancellationToken: ct);
        });
    }

    /// <summary>Takes <paramref name="perHall"/> tickets in each hall, services in turn.</summary>
    public static Task IssueAsync(GrpcChannel[] channels, string[] halls, int perHall)
    {
        var kiosks = channels.Select(c => new Kiosk.KioskClient(c)).ToArray();
        return Parallel.ForEachAsync(Enumerable.Range(0, halls.Length * perHall), InFlight, async (i, ct) =>
        {
            var request = new TakeTicketRequest { Hall = halls[i % halls.Length], Services = { LoadHalls.Services[i / halls.Length % LoadHalls.Services.Length] } };
            await kiosks[i % kiosks.Length].TakeTicketAsync(request, Devices.Kiosk, cancellationToken: ct);
        });
    }
}
