using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Tests.Engine;

public class QueueCoreServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddQueueCore_ConfiguredHalls_ResolvesAStartedEngineOnTheContainersClock()
    {
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddLogging()
            .AddQueueCore(o =>
            {
                o.Engine = EngineTestKit.Options(shards: 1);
                o.Halls.Add(EngineTestKit.Hall("city"));
            });
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<QueueEngine>();

        Assert.Same(engine, provider.GetRequiredService<QueueEngine>());
        Assert.Same(time, engine.TimeProvider);
        Assert.True(engine.TryGetHall("city", out var hall));
        Assert.True((await hall.OpenDayAsync().Bounded()).IsSuccess);
        Assert.Equal(EngineTestKit.Morning, (await hall.GetSnapshotAsync().Bounded()).Time);
    }

    [Fact]
    public async Task AddQueueCore_NoClockRegistered_UsesSystemClockAndDisposesWithContainer()
    {
        QueueEngine engine;
        await using (var provider = new ServiceCollection().AddQueueCore(o => o.Engine = EngineTestKit.Options(shards: 1)).BuildServiceProvider())
        {
            engine = provider.GetRequiredService<QueueEngine>();
            Assert.Same(TimeProvider.System, engine.TimeProvider);
        }

        Assert.Equal(QueueError.UnknownHall, (await engine.SubmitAsync("x", HallCommand.Tick()).Bounded()).Error);
        Assert.Throws<ObjectDisposedException>(engine.Start);
    }

    [Theory]
    [InlineData("engine", "Engine", "QueueCoreOptions.Engine is null")]
    [InlineData("halls", "Halls", "QueueCoreOptions.Halls is null")]
    [InlineData("entry", "Halls", "QueueCoreOptions.Halls[1] is null")]
    [InlineData("id", "Halls", "QueueCoreOptions.Halls[1] has no Id")]
    public async Task AddQueueCore_NullSetInCode_FailsNamingTheMember(string what, string? member, string message)
    {
        await using var provider = new ServiceCollection().AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1);
            o.Halls.Add(EngineTestKit.Hall("city"));
            switch (what)
            {
                case "engine": o.Engine = null!; break;
                case "halls": o.Halls = null!; break;
                case "entry": o.Halls.Add(null!); break;
                default: o.Halls.Add(EngineTestKit.Hall() with { Id = null! }); break;
            }
        }).BuildServiceProvider();

        var error = Assert.ThrowsAny<ArgumentException>(() => provider.GetRequiredService<QueueEngine>());

        Assert.Equal(member, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddQueueCore_TwoHallsWithOneId_FailsNamingBothEntries()
    {
        // Configured twice (a hall copied in appsettings.json and its id left as it was): the start said the id was
        // "already in the engine", of an engine just created, naming neither entry.
        await using var provider = new ServiceCollection().AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1);
            o.Halls.Add(EngineTestKit.Hall("city"));
            o.Halls.Add(EngineTestKit.Hall("town"));
            o.Halls.Add(EngineTestKit.Hall("city"));
        }).BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<QueueEngine>());

        Assert.Equal("Halls", error.ParamName);
        Assert.StartsWith("QueueCoreOptions.Halls[2] has the id 'city' of Halls[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddQueueCore_TwoHallsWhoseIdsDifferOnlyInLetterCase_FailsNamingBothEntries()
    {
        await using var provider = new ServiceCollection().AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1);
            o.Halls.Add(EngineTestKit.Hall("city"));
            o.Halls.Add(EngineTestKit.Hall("City"));
        }).BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<QueueEngine>());

        Assert.Equal("Halls", error.ParamName);
        Assert.StartsWith("QueueCoreOptions.Halls[1] has the id 'City', which differs from Halls[0]'s 'city' only in letter case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddQueueCore_BlankHallId_FailsNamingTheEntry()
    {
        // "Id": " " in the second of several configured halls: the start said "The hall needs an id." and left the
        // reader to find which of the halls had none.
        await using var provider = new ServiceCollection().AddQueueCore(o =>
        {
            o.Engine = EngineTestKit.Options(shards: 1);
            o.Halls.Add(EngineTestKit.Hall("city"));
            o.Halls.Add(EngineTestKit.Hall() with { Id = " " });
        }).BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<QueueEngine>());

        Assert.Equal("Halls", error.ParamName);
        Assert.StartsWith("QueueCoreOptions.Halls[1] has no Id", error.Message, StringComparison.Ordinal);
    }
}
