extern alias server;

using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using server::QueueCore.Grpc.Feeds;

namespace QueueCore.Grpc.Tests.Feeds;

/// <summary>
/// A removed hall's feed (its log of updates, its screens' model, its recent calls) is released when the hall goes, not
/// kept, completed, until a hall of that id is added again.
/// </summary>
public sealed class HallFeedsTests(ITestOutputHelper output)
{
    private const string Hall = "hall-r";

    [Fact]
    public async Task HallRemovedThroughTheEngine_ItsScreensEndNotFoundAndItsFeedIsReleased()
    {
        // Only Admin.RemoveHall let the feed go; a hall removed otherwise (the host's own code on the engine, or a stream's
        // Get racing the removal, which started a feed of the hall just removed) left its feed held for the server's life.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
            s.Halls.Add(TestHalls.Small("hall-kept"));
        });
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        var feeds = server.Services.GetRequiredService<HallFeeds>();
        Assert.True(feeds.Holds(Hall));

        Assert.True(await server.Services.GetRequiredService<QueueEngine>().RemoveHallAsync(Hall).AsTask().WaitAsync(Rpc.Timeout));

        var ended = await screen.ResponseStream.EndsWithAsync(StatusCode.NotFound);
        Assert.Equal("HallRemoved", ended.Reason());
        await Rpc.EventuallyAsync(() =>
        {
            Assert.False(feeds.Holds(Hall), "the removed hall's feed is still held");
            return Task.CompletedTask;
        });
        Assert.True(feeds.Holds("hall-kept"));
    }

    [Fact]
    public async Task RemoveHall_ItsScreensEndNotFoundAndItsFeedIsReleased()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall));
        });
        using var screen = server.Display().Watch(new() { Hall = Hall });
        await screen.ResponseStream.NextAsync();
        var feeds = server.Services.GetRequiredService<HallFeeds>();

        await server.Admin().RemoveHallAsync(new() { Hall = Hall }).Bounded();

        Assert.Equal("HallRemoved", (await screen.ResponseStream.EndsWithAsync(StatusCode.NotFound)).Reason());
        Assert.False(feeds.Holds(Hall));
    }
}
