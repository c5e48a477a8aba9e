using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace QueueCore.Tests.DependencyInjection;

/// <summary>Configuration as an application has it (appsettings JSON) and the options AddQueueCore reads from it.</summary>
internal static class ConfigurationKit
{
    /// <summary>An appsettings-like document with a <c>QueueCore</c> section holding one hall; <paramref name="hall"/> is spliced into it.</summary>
    public static string AppSettings(string hall = "", string engine = """{ "ShardCount": 1, "IngressCapacity": 1024 }""") => $$"""
        {
          "Logging": { "LogLevel": { "Default": "Warning" } },
          "QueueCore": {
            "Engine": {{engine}},
            "Halls": [
              {
                "Id": "county-center",
                "Categories": [ { "Id": "business", "Prefix": "A" }, { "Id": "social", "Prefix": "C" } ],
                "Services": [
                  { "Id": 101, "Category": "business", "Name": "Registration", "WaitLimit": "00:20:00", "DailyCap": 200,
                    "IssuingHours": [ { "From": "08:30", "To": "11:30" }, { "From": "13:30", "To": "16:30" } ] },
                  { "Id": 102, "Category": "business" },
                  { "Id": 301, "Category": "social", "QueueWarningLength": 15 },
                  { "Id": 302, "Category": "social", "DailyCap": 50 }
                ],
                "Windows": [
                  { "Id": 1, "Comprehensive": true },
                  { "Id": 2, "Skills": [ { "Service": 301 }, { "Category": "business", "Tier": "Overflow", "OverflowDelay": "00:10:00" } ] }
                ]{{(hall.Length == 0 ? "" : "," + hall)}}
              }
            ]
          }
        }
        """;

    public static IConfigurationRoot Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>The options <c>AddQueueCore(configuration.GetSection("QueueCore"))</c> produces.</summary>
    public static QueueCoreOptions Read(IConfiguration configuration, Action<QueueCoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        if (configure is null)
        {
            services.AddQueueCore(configuration.GetSection("QueueCore"));
        }
        else
        {
            services.AddQueueCore(configuration.GetSection("QueueCore"), configure);
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<QueueCoreOptions>>().Value;
    }

    public static HallDefinition ReadHall(string hall) => Read(Json(AppSettings(hall))).Halls.Single();

    /// <summary>The message of the error reading <paramref name="json"/> gives.</summary>
    public static string ErrorOf(string json) => Assert.Throws<InvalidOperationException>(() => Read(Json(json))).Message;
}
