using System.Text;
using Microsoft.Extensions.Configuration;

namespace QueueCore.Tests.Configuration;

/// <summary>
/// Large sections (hundreds of halls) are read from a copy taken in one pass; the copy must say exactly what the
/// configuration says: the same keys (up to case, as configuration keys are), values, paths and child order, later
/// sources overriding earlier ones.
/// </summary>
public class ConfigurationCopyTests
{
    private const string Json = """
        {
          "QueueCore": {
            "Halls": [
              { "Id": "a", "Services": [ { "Id": 2, "Category": "x" }, { "Id": 10, "Category": "x" } ], "Windows": [] },
              { "Id": "b", "Name": "B", "Services": [], "Windows": [ { "Id": 1, "Comprehensive": true } ] }
            ],
            "Engine": { "ShardCount": 1 }
          },
          "Other": "x"
        }
        """;

    private static IConfigurationRoot Layered()
    {
        var manager = new ConfigurationManager();
        manager.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json)));
        manager.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QueueCore:Halls:1:Name"] = "Overridden",        // a later source wins
            ["queuecore:halls:0:services:1:name"] = "Ten",    // keys ignore case
            ["QueueCore:Halls:2:Id"] = "c",                   // a hall added by another source
        });
        return manager;
    }

    [Theory]
    [InlineData("")]
    [InlineData("QueueCore")]
    [InlineData("QueueCore:Halls")]
    [InlineData("QueueCore:Halls:1")]
    public void Copy_OfRootOrSection_SaysWhatTheConfigurationSays(string path)
    {
        var root = Layered();
        IConfiguration original = path.Length == 0 ? root : root.GetSection(path);

        var copy = ConfigurationCopy.TryCreate(original);

        Assert.NotNull(copy); // the fast path is taken for a ConfigurationManager and its sections
        Assert.Equal(Flatten(original), Flatten(copy));
        Assert.Equal("Overridden", root.GetSection("QueueCore:Halls:1:Name").Value);
        Assert.Equal(original["Halls:1:Name"], copy["Halls:1:Name"]);
    }

    [Fact]
    public void Copy_FollowsAChainedConfiguration()
    {
        // A host builder chains its host settings into the application's configuration; that must not send a
        // server of hundreds of halls back to the slow path.
        var chained = new ConfigurationManager();
        chained.AddConfiguration(Layered());
        chained.AddInMemoryCollection(new Dictionary<string, string?> { ["QueueCore:Halls:0:Name"] = "After the chain" });

        var section = chained.GetSection("QueueCore");
        var copy = ConfigurationCopy.TryCreate(section);

        Assert.NotNull(copy);
        Assert.Equal(Flatten(section), Flatten(copy));
        Assert.Equal("After the chain", copy["Halls:0:Name"]);
        Assert.Equal("Overridden", copy["Halls:1:Name"]);
    }

    [Fact]
    public void ReadingTheOptions_FromTheCopy_GivesTheSameHalls()
    {
        var section = Layered().GetSection("QueueCore");

        var options = ConfigurationReader.Read<QueueCoreOptions>(section);

        Assert.Equal(["a", "b", "c"], options.Halls.Select(h => h.Id));
        Assert.Equal("Overridden", options.Halls[1].Name);
        Assert.Equal([2, 10], options.Halls[0].Services.Select(s => s.Id)); // numbered children in numeric order
        Assert.Equal("Ten", options.Halls[0].Services[1].Name);
    }

    [Fact]
    public void AnErrorFromTheCopy_NamesTheFullPath()
    {
        var manager = new ConfigurationManager();
        manager.AddInMemoryCollection(new Dictionary<string, string?> { ["QueueCore:Halls:0:Id"] = "a", ["QueueCore:Halls:0:Colour"] = "red" });

        var error = Assert.Throws<InvalidOperationException>(() => ConfigurationReader.Read<QueueCoreOptions>(manager.GetSection("QueueCore")));

        Assert.Contains("QueueCore:Halls:0:Colour", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Flatten(IConfiguration configuration)
    {
        var lines = new List<string>();
        void Walk(IConfiguration node, int depth)
        {
            foreach (var child in node.GetChildren())
            {
                // Keys compare without case: a key two sources spell differently may come out in either spelling.
                lines.Add($"{depth}|{child.Key.ToUpperInvariant()}|{child.Path.ToUpperInvariant()}|{child.Value ?? "<null>"}");
                Walk(child, depth + 1);
            }
        }

        Walk(configuration, 0);
        return lines;
    }
}
