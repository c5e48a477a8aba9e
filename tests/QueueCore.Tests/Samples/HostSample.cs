using Microsoft.Extensions.Hosting;

namespace QueueCore.Tests.Samples;

/// <summary>The package README's host registration, as it stands there (<see cref="ReadmeSampleTests"/>).</summary>
internal static class HostSample
{
    public static void Run(HostApplicationBuilder builder)
    {
        #region src/QueueCore/README.md: Halls from appsettings.json, in a host #1
        builder.Services.AddQueueCore(builder.Configuration.GetSection("QueueCore"));
        #endregion
    }
}
