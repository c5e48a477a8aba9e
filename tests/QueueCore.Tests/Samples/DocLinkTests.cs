using System.Text.RegularExpressions;

namespace QueueCore.Tests.Samples;

/// <summary>
/// The root README and the docs it links to (docs/*.md) link to each other and into the repository by relative
/// paths: each must name a file that is there, and an anchor a heading of that file, so moving a section cannot
/// leave a newcomer at a dead link.
/// </summary>
public partial class DocLinkTests
{
    public static TheoryData<string> Documents() =>
        [.. new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Readmes.Root, "docs"), "*.md").Order().Select(f => $"docs/{Path.GetFileName(f)}"))];

    [Theory]
    [MemberData(nameof(Documents))]
    public void RelativeLinks_Resolve(string document)
    {
        var broken = new List<string>();
        foreach (Match link in Link().Matches(Readmes.Read(document)))
        {
            var target = link.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var (file, anchor) = target.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? (target[..hash], target[(hash + 1)..]) : (target, "");
            var path = file.Length == 0 ? document : Path.GetRelativePath(Readmes.Root, Path.GetFullPath(Path.Combine(Readmes.Root, Path.GetDirectoryName(document)!, file)));
            var full = Path.Combine(Readmes.Root, path);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                broken.Add($"{target} (no {path})");
            }
            else if (anchor.Length > 0 && !Readmes.Read(path).Split('\n').Where(l => l.StartsWith('#')).Select(Slug).Contains(anchor))
            {
                broken.Add($"{target} (no heading '{anchor}' in {path})");
            }
        }

        Assert.True(broken.Count == 0, $"{document} has links that do not resolve:\n  " + string.Join("\n  ", broken));
    }

    /// <summary>A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Slug(string heading) =>
        NotInSlug().Replace(heading.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotInSlug();
}
