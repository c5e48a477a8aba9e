using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QueueCore.Tests.DependencyInjection;

namespace QueueCore.Tests.Audit;

/// <summary>Second audit: configuration as hosts layer it (a file, then environment overrides) and AddQueueCore called twice.</summary>
public class ConfigurationLayersAuditTests
{
    private static QueueCoreOptions Read(IConfiguration configuration, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<QueueCoreOptions>>().Value;
    }

    [Fact]
    public void EnvironmentOverrideOfOneListEntry_MergesIntoTheFilesList()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ConfigurationKit.AppSettings())))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["QueueCore:Halls:0:Services:1:DailyCap"] = "7" })
            .Build();

        var hall = Read(configuration, s => s.AddQueueCore(configuration.GetSection("QueueCore"))).Halls.Single();

        Assert.Equal([101, 102, 301, 302], hall.Services.Select(s => s.Id));
        Assert.Equal(7, hall.Services[1].DailyCap);
        Assert.Equal(200, hall.Services[0].DailyCap);
    }

    [Fact]
    public void AddQueueCoreWithTheSectionTwice_OneHallNotADuplicate()
    {
        var configuration = ConfigurationKit.Json(ConfigurationKit.AppSettings());
        var section = configuration.GetSection("QueueCore");

        var options = Read(configuration, s => s.AddQueueCore(section).AddQueueCore(section));

        Assert.Single(options.Halls);
        Assert.Equal(2, options.Halls[0].Windows.Count);
    }

    [Fact]
    public void SectionThenCode_CodeAddsAHall()
    {
        var configuration = ConfigurationKit.Json(ConfigurationKit.AppSettings());

        var options = Read(configuration, s => s.AddQueueCore(configuration.GetSection("QueueCore"), o => o.Halls.Add(Engine.EngineTestKit.Hall("code"))));

        Assert.Equal(["county-center", "code"], options.Halls.Select(h => h.Id));
    }
}
