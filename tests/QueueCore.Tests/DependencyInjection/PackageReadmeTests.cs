using System.Text.RegularExpressions;

namespace QueueCore.Tests.DependencyInjection;

/// <summary>The package README's appsettings sample is configuration that reads and gives valid halls.</summary>
public partial class PackageReadmeTests
{
    [Fact]
    public void PackageReadme_AppSettingsSample_ReadsToValidHalls()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "QueueCore", "README.md"));
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
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "QueueCore", "README.md"));

        Assert.All(MarkdownLink().Matches(readme), m => Assert.StartsWith("https://", m.Groups[1].Value, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QueueCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QueueCore.sln not found above the test binaries.");
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"\]\(([^)]*)\)")]
    private static partial Regex MarkdownLink();
}
