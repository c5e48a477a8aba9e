using Microsoft.Extensions.Hosting;
using QueueCore;

namespace QueueCore.Tests.Samples;

/// <summary>The package README's host registration, as it stands there (<see cref="ReadmeSampleTests"/>).</summary>
internal static class HostSample
{
    public static HostApplicationBuilder Create(string[] args)
    {
        #region src/QueueCore/README.md: Halls from appsettings.json, in a host #1
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddQueueCore(builder.Configuration.GetSection("QueueCore"));
        #endregion
        return builder;
    }
}
