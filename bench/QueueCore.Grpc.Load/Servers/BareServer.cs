using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueCore.Grpc.Load.Servers.Bare;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>
/// The baseline: grpc-dotnet on Kestrel with the same contracts and nothing else: no authentication, rate limit,
/// interceptors, metrics or engine. Kiosk.TakeTicket returns a constant; Terminal calls publish to the hall's
/// screens through one publish loop; Display.Watch drains a Channel per stream.
/// </summary>
internal static class BareServer
{
    public static async Task<RunningServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ServerHost.ContentRoot, Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(ServerHost.Listen);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<BareHalls>();
        var app = builder.Build();
        app.MapGrpcService<BareKiosk>();
        app.MapGrpcService<BareTerminal>();
        app.MapGrpcService<BareDisplay>();
        await app.StartAsync();
        return new RunningServer(ServerKind.Bare, app);
    }
}
