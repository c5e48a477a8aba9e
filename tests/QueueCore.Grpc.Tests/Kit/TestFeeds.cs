extern alias server;

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using server::QueueCore.Grpc.Feeds;
using server::QueueCore.Grpc.Hosting;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>A hall's feed built straight over an engine, without a server: for tests of the feed's own protocol.</summary>
internal static class TestFeeds
{
    /// <summary>Adds a small hall <paramref name="id"/> to <paramref name="engine"/> and starts its feed with default server options.</summary>
    public static HallFeed Create(QueueEngine engine, string id)
    {
        var hall = engine.AddHall(TestHalls.Small(id));
        var options = new ServerOptions();
        return new HallFeed(hall, new HallDirectory(engine, Options.Create(options), Options.Create(new QueueCoreOptions()), NullLogger<HallDirectory>.Instance), options, NullLogger.Instance);
    }
}
