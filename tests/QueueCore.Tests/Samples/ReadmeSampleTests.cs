using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Samples;

/// <summary>
/// Every C# block of the READMEs is a sample in this folder that the test project compiles, as the README has it (a
/// region of the sample holds the block, its usings are the file's), so the docs cannot drift from the API; those that
/// run on their own (no /var/lib) are run.
/// </summary>
public partial class ReadmeSampleTests
{
    private const string SampleFolder = "tests/QueueCore.Tests/Samples";

    public static TheoryData<string> Blocks() => [.. Readmes.Paths.SelectMany(Readmes.CSharpBlocks).Select(b => b.Key)];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void ReadmeBlock_IsACompiledSample(string key)
    {
        var block = Readmes.Paths.SelectMany(Readmes.CSharpBlocks).Single(b => b.Key == key);
        var usings = block.Lines.TakeWhile(IsUsingDirective).ToArray();
        var code = block.Lines.Skip(usings.Length).SkipWhile(l => l.Length == 0).ToArray();
        var samples = Samples().Where(s => s.Keys.Contains(key)).ToList();
        Assert.True(samples.Count == 1, $"{key} (line {block.Line}) is in {samples.Count} samples under {SampleFolder}; put it in one, in a '#region {key}'.");
        var sample = samples[0];

        for (var i = 0; i < Math.Max(code.Length, sample.Lines.Length); i++)
        {
            var readme = i < code.Length ? code[i] : "(end of block)";
            var compiled = i < sample.Lines.Length ? sample.Lines[i] : "(end of region)";
            Assert.True(
                readme == compiled,
                $"{key} (line {block.Line + block.Lines.Length - code.Length + i}) differs from {sample.File}: the README has\n  {readme}\nthe sample\n  {compiled}\nChange both.");
        }

        Assert.All(usings, u => Assert.True(sample.Usings.Contains(u), $"{key}: '{u}' is not a using directive of {sample.File}."));
    }

    [Fact]
    public void SampleRegions_NameReadmeBlocks()
    {
        var keys = Readmes.Paths.SelectMany(Readmes.CSharpBlocks).Select(b => b.Key).ToHashSet();

        Assert.All(
            Samples().SelectMany(s => s.Keys.Select(k => (s.File, Key: k))),
            s => Assert.True(keys.Contains(s.Key), $"{s.File} names '{s.Key}', which no README has (a block moved, or its heading changed)."));
    }

    [Fact]
    public async Task EmbeddingSample_Runs() => await EmbeddingSample.RunAsync().WaitAsync(EngineTestKit.Timeout);

    [Fact]
    public async Task PackageHallSample_Runs() => await PackageHallSample.RunAsync().WaitAsync(EngineTestKit.Timeout);

    [Fact]
    public async Task EventLoopSample_EndsWhenTheEngineStops()
    {
        var (engine, hall) = EngineTestKit.Started(EngineTestKit.Options(shards: 1));
        var loop = EventLoopSample.RunAsync(hall);
        await EngineTestKit.OpenAsync(hall, 1);
        Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1])).Bounded()).IsSuccess);
        Assert.True((await hall.CallNextAsync(1).Bounded()).IsSuccess);

        await engine.DisposeAsync();

        await loop.WaitAsync(EngineTestKit.Timeout);
    }

    [Fact]
    public async Task HostSample_StartsThePackageReadmesHall()
    {
        var builder = HostSample.Create([]);
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PackageReadmeJson()))); // read at start
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(EngineTestKit.Timeout);

        Assert.True(host.Services.GetRequiredService<QueueEngine>().TryGetHall("county-center", out _));
        await host.StopAsync().WaitAsync(EngineTestKit.Timeout);
    }

    private static string PackageReadmeJson() =>
        Readmes.Read("src/QueueCore/README.md").Split("```json\n")[1].Split("\n```")[0];

    private static bool IsUsingDirective(string line) =>
        line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal) && line.EndsWith(';');

    /// <summary>Each sample file's regions: the README blocks it names, the region's lines (de-indented) and the file's usings.</summary>
    private static IEnumerable<(string File, string[] Keys, string[] Lines, HashSet<string> Usings)> Samples()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Readmes.Root, SampleFolder), "*.cs"))
        {
            var relative = $"{SampleFolder}/{Path.GetFileName(file)}";
            var lines = Readmes.Read(relative).Split('\n');
            var usings = lines.Where(IsUsingDirective).ToHashSet();
            for (var i = 0; i < lines.Length; i++)
            {
                if (Region().Match(lines[i]) is not { Success: true } region)
                {
                    continue;
                }

                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "#endregion");
                Assert.True(end > i, $"{relative}: the region at line {i + 1} is not closed.");
                var indent = region.Groups[1].Value.Length;
                var body = lines[(i + 1)..end].Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart()).ToArray();
                yield return (relative, region.Groups[2].Value.Split("; "), body, usings);
                i = end;
            }
        }
    }

    [GeneratedRegex(@"^( *)#region (.+)$")]
    private static partial Regex Region();
}
