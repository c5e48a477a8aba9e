using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using QueueCore.Tests.Samples;

namespace QueueCore.Tests.DependencyInjection;

/// <summary>The package README's appsettings sample is configuration that reads and gives valid halls.</summary>
public partial class PackageReadmeTests
{
    [Fact]
    public void PackageReadme_AppSettingsSample_ReadsToValidHalls()
    {
        var readme = Readmes.Read("src/QueueCore/README.md");
        var json = JsonBlock().Match(readme);
        Assert.True(json.Success, "the package README has no json block");

        var options = ConfigurationKit.Read(ConfigurationKit.Json(json.Groups[1].Value));

        var hall = Assert.Single(options.Halls);
        Assert.Equal(3, hall.Priority.Rules.Count);
        Assert.Equal(5, hall.Priority.Classes.Count);
        _ = new Hall(hall);
    }

    [Fact]
    public void PackageReadme_Links_AreAbsolute()
    {
        var readme = Readmes.Read("src/QueueCore/README.md");

        Assert.All(MarkdownLink().Matches(readme), m => Assert.StartsWith("https://", m.Groups[1].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void PackageReadme_LogEventsAtWarningOrAbove_AreListedWithTheirIds()
    {
        // An integrator alerts on event ids: the README named two of the engine's forty-odd, so one had to read the
        // source to learn that 1019 means no command is acknowledged any more.
        var readme = Readmes.Read("src/QueueCore/README.md");
        var events = typeof(QueueEngine).Assembly.GetType("QueueCore.Log", throwOnError: true)!
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Where(a => a.Level >= LogLevel.Warning)
            .ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains($"`{e.EventName}` ({e.EventId}", readme, StringComparison.Ordinal));
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"\]\(([^)]*)\)")]
    private static partial Regex MarkdownLink();
}
