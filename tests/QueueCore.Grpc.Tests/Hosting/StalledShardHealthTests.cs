using System.Reflection;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A shard stuck in a command (a hall's bug, a clock that hangs) serves none of its halls: the health endpoint must say
/// NOT_SERVING once its loop has not gone round for longer than the check's heartbeat timeout, and SERVING again once
/// it goes on, so a load balancer takes the server out and back.
/// </summary>
public class StalledShardHealthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HealthCheck_ShardStuckInACommandPastTheHeartbeatTimeout_NotServingUntilItGoesOn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Time = time;
        });
        var health = new Health.HealthClient(server.As((string?)null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest()).Bounded()).Status);

        Assert.True(server.Services.GetRequiredService<QueueEngine>().TryGetHall(TestHalls.Demo, out var hall));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        StallNextCommand(hall, entered, release);
        var stuck = Task.Run(() => hall.IssueTicketAsync(101).AsTask()); // a caller may apply it itself: not this thread
        Assert.True(entered.Wait(Rpc.Timeout), "the shard never took the command");

        time.Advance(TimeSpan.FromMinutes(5)); // past the default timeout: twice the tick interval plus 10 s
        var stalled = await health.CheckAsync(new HealthCheckRequest()).Bounded();

        release.Set();
        Assert.True((await stuck.WaitAsync(Rpc.Timeout)).IsSuccess);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, stalled.Status);
        await Rpc.EventuallyAsync(async () => // the loop's next round beats; no figure of how soon
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest()).Bounded()).Status));
    }

    /// <summary>
    /// The hall's next command blocks its shard until <paramref name="release"/> (bounded): through the engine's test hook
    /// <c>HallEntry.FailWhen</c>, which runs on the shard as the command is applied, reached by reflection as
    /// <see cref="HallFaults"/> does.
    /// </summary>
    private static void StallNextCommand(HallHandle hall, ManualResetEventSlim entered, ManualResetEventSlim release)
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
        var entry = typeof(HallHandle).GetProperty("Entry", Internal)!.GetValue(hall)!;
        var once = 0;
        entry.GetType().GetProperty("FailWhen", Internal)!.SetValue(entry, new Func<HallCommand, bool>(_ =>
        {
            if (Interlocked.Exchange(ref once, 1) == 0)
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(60));
            }

            return false;
        }));
    }
}
