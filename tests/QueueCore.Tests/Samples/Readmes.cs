namespace QueueCore.Tests.Samples;

/// <summary>The repository's READMEs that document the engine, read from the source tree, and their C# blocks.</summary>
internal static class Readmes
{
    /// <summary>The READMEs (and the docs the root README moved its deeper sections to) whose C# blocks are checked-in samples, as paths from the repository root.</summary>
    public static readonly string[] Paths = ["README.md", "src/QueueCore/README.md", "docs/journal.md"];

    /// <summary>The repository's root: the first directory above the test binaries with QueueCore.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the repository, by its path from the root (forward slashes).</summary>
    public static string Read(string path) => File.ReadAllText(Path.Combine(Root, path)).ReplaceLineEndings("\n");

    /// <summary>
    /// Every <c>```csharp</c> block of <paramref name="path"/>, keyed as a sample's region names it:
    /// <c>path: heading #n</c>, the n-th C# block under the nearest <c>## </c> heading above it.
    /// </summary>
    public static IEnumerable<(string Key, int Line, string[] Lines)> CSharpBlocks(string path)
    {
        var lines = Read(path).Split('\n');
        var heading = "";
        var inHeading = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                heading = lines[i][3..];
                inHeading = 0;
            }
            else if (lines[i].StartsWith("```csharp", StringComparison.Ordinal))
            {
                var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                Assert.True(end > i, $"{path}: the C# block at line {i + 1} is not closed.");
                yield return ($"{path}: {heading} #{++inHeading}", i + 2, lines[(i + 1)..end]);
                i = end;
            }
        }
    }

    private static string FindRoot()
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
}
