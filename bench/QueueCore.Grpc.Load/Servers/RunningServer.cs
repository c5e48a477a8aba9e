using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>A started server in this process, on a loopback port of its own.</summary>
internal sealed class RunningServer(ServerKind kind, WebApplication app) : IAsyncDisposable
{
    public ServerKind Kind => kind;

    /// <summary>The server's address (h2c, prior knowledge).</summary>
    public Uri Address { get; } = new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
