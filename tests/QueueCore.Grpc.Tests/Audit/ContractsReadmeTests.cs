using System.Text.RegularExpressions;

namespace QueueCore.Grpc.Tests.Audit;

/// <summary>
/// The server package's README (src/QueueCore.Grpc/README.md) lists the contracts an integrator generates from: each
/// .proto file with its service and every call of it, so a call added to a .proto is added there too (Evaluator's
/// GetPad was once missing from a list).
/// </summary>
public partial class ContractsReadmeTests
{
    [Fact]
    public void ServerReadme_ContractsList_NamesEveryRpcOfEveryService()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "src/QueueCore.Grpc/README.md")).ReplaceLineEndings("\n");
        var protos = Directory.GetFiles(Path.Combine(root, "src/QueueCore.Grpc/Protos/queuecore/v1"), "*.proto").Order().ToList();
        Assert.NotEmpty(protos);

        var missing = new List<string>();
        foreach (var proto in protos)
        {
            var file = $"protos/queuecore/v1/{Path.GetFileName(proto)}";
            // The file's entry: its line and the indented lines that carry it on.
            var lines = readme.Split('\n');
            var first = Array.FindIndex(lines, l => l.StartsWith(file + " ", StringComparison.Ordinal));
            var line = first < 0 ? null : string.Join(' ', lines.Skip(first).Take(1).Concat(lines.Skip(first + 1).TakeWhile(l => l.StartsWith(' '))));
            if (line is null)
            {
                missing.Add($"{file} (not listed)");
                continue;
            }

            var text = File.ReadAllText(proto);
            foreach (Match service in Service().Matches(text))
            {
                var name = service.Groups[1].Value;
                if (!line.Contains($"queuecore.v1.{name}:", StringComparison.Ordinal))
                {
                    missing.Add($"{file}: service queuecore.v1.{name}");
                }

                missing.AddRange(Rpc().Matches(service.Groups[2].Value)
                    .Select(m => m.Groups[1].Value)
                    .Where(rpc => !Regex.IsMatch(line, $@"\b{rpc}\b"))
                    .Select(rpc => $"{file}: {name}.{rpc}"));
            }
        }

        Assert.True(missing.Count == 0, "src/QueueCore.Grpc/README.md's list of the contracts lacks:\n  " + string.Join("\n  ", missing));
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

    [GeneratedRegex(@"^service (\w+) \{(.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Service();

    [GeneratedRegex(@"^\s*rpc (\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex Rpc();
}
