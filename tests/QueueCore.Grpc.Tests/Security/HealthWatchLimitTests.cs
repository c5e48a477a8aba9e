using Grpc.Core;
using Grpc.Health.V1;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// Health checking needs no key (load balancers and orchestrators probe without one), so an anonymous client could hold
/// any number of <c>Health/Watch</c> streams: they are capped by QueueCoreServer:MaxHealthWatchStreams, all clients
/// together; <c>Check</c>, a unary call, is not.
/// </summary>
public class HealthWatchLimitTests(ITestOutputHelper output)
{
    private Task<ServerKit> StartAsync(int cap) => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Settings["QueueCoreServer:MaxHealthWatchStreams"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });

    [Fact]
    public async Task Watch_OneOverTheCap_ResourceExhaustedNamingTheSetting_CheckStillAnswers_OneClosedLetsTheNextIn()
    {
        const int cap = 2;
        await using var server = await StartAsync(cap);
        var health = new Health.HealthClient(server.As((string?)null));
        var watches = new List<AsyncServerStreamingCall<HealthCheckResponse>>();
        try
        {
            for (var i = 0; i < cap; i++)
            {
                watches.Add(health.Watch(new HealthCheckRequest()));
                Assert.True(await watches[^1].ResponseStream.MoveNext().WaitAsync(Rpc.Timeout)); // open: its first status came
            }

            using (var over = health.Watch(new HealthCheckRequest()))
            {
                var e = await over.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
                Assert.Contains($"{cap} health watch streams", e.Status.Detail, StringComparison.Ordinal);
                Assert.Contains("QueueCoreServer:MaxHealthWatchStreams", e.Status.Detail, StringComparison.Ordinal);
            }

            for (var probe = 0; probe < cap + 3; probe++)
            {
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest()).Bounded()).Status);
            }

            // A watcher that goes away frees its place (the server sees the cancel a moment later).
            watches[0].Dispose();
            watches.RemoveAt(0);
            await Rpc.EventuallyAsync(async () =>
            {
                var again = health.Watch(new HealthCheckRequest());
                try
                {
                    Assert.True(await again.ResponseStream.MoveNext().WaitAsync(Rpc.Timeout));
                }
                catch
                {
                    again.Dispose();
                    throw;
                }

                watches.Add(again);
            });
        }
        finally
        {
            watches.ForEach(w => w.Dispose());
        }
    }
}
