using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace QueueCore.Tests.Samples;

/// <summary>
/// A newcomer pastes a README's C# blocks, in order, into a console app's Program.cs (implicit usings on, the
/// using directives moved to the top as the compiler demands) that references the QueueCore package: that program
/// must compile. The samples (<see cref="ReadmeSampleTests"/>) compile copies inside methods, whose parameters can
/// hide a name the README never declares; this compiles the README's own text.
/// </summary>
public class ReadmeCompileTests
{
    /// <summary>The usings of <c>dotnet new console</c> (ImplicitUsings enable).</summary>
    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private static readonly string[] Compiled = [.. Readmes.Paths.Where(p => p is "README.md" or "src/QueueCore/README.md")];

    public static TheoryData<string> ReadmePaths() => [.. Compiled];

    [Theory]
    [MemberData(nameof(ReadmePaths))]
    public void ReadmeBlocks_PastedInOrder_CompileAsAConsoleApp(string path)
    {
        var blocks = Readmes.CSharpBlocks(path).ToList();
        Assert.NotEmpty(blocks);
        var usings = blocks.SelectMany(b => b.Lines.Where(IsUsingDirective)).Distinct().ToList();
        var body = blocks.SelectMany(b => b.Lines.Where(l => !IsUsingDirective(l)).Append(""));
        var program = string.Join('\n', usings.Concat(body));

        var errors = Compile(program);
        Assert.True(
            errors.Count == 0,
            $"{path}'s C# blocks, pasted in order into a console app, do not compile:\n" +
            string.Join('\n', errors.Select(e => $"  {Where(blocks, e)}: {e.Id} {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
    }

    /// <summary>The C# blocks that open with using directives: each is shown as the start of a program.</summary>
    public static TheoryData<string> ProgramStarts() =>
        [.. Compiled.SelectMany(Readmes.CSharpBlocks).Where(b => IsUsingDirective(b.Lines[0])).Select(b => b.Key)];

    [Theory]
    [MemberData(nameof(ProgramStarts))]
    public void ReadmeBlock_OpeningWithUsings_PastedAlone_CompilesAsAConsoleApp(string key)
    {
        // A reader who embeds the engine in a host reads that section alone: its block, which brings its own using
        // directive, compiled only after the first section's 'using QueueCore;' (AddQueueCore is in that namespace).
        var block = Compiled.SelectMany(Readmes.CSharpBlocks).Single(b => b.Key == key);

        var errors = Compile(string.Join('\n', block.Lines));

        Assert.True(
            errors.Count == 0,
            $"{key}, pasted alone into a console app, does not compile:\n" +
            string.Join('\n', errors.Select(e => $"  line {block.Line + e.Location.GetLineSpan().StartLinePosition.Line}: {e.Id} {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
    }

    /// <summary>The errors of <paramref name="program"/> as a console app's Program.cs, with the implicit usings.</summary>
    private static List<Diagnostic> Compile(string program) =>
        CSharpCompilation.Create(
            "Newcomer",
            [CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(LanguageVersion.Latest), path: "Program.cs"),
             CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Latest), path: "GlobalUsings.g.cs")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable))
        .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The framework, and QueueCore with the packages it brings (and Microsoft.Extensions.Hosting, for a host).</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var packages = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f).StartsWith("QueueCore.", StringComparison.Ordinal) is false || Path.GetFileName(f) == "QueueCore.dll")
            .Where(f => Path.GetFileName(f) != Path.GetFileName(Assembly.GetExecutingAssembly().Location));
        return framework.Concat(packages)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => MetadataReference.CreateFromFile(g.First()));
    }

    /// <summary>The README line of an error in the pasted program.</summary>
    private static string Where(List<(string Key, int Line, string[] Lines)> blocks, Diagnostic error)
    {
        var line = error.Location.GetLineSpan().StartLinePosition.Line; // 0-based, in the pasted program
        var usings = blocks.SelectMany(b => b.Lines.Where(IsUsingDirective)).Distinct().Count();
        if (line < usings)
        {
            return "the using directives";
        }

        var offset = usings;
        foreach (var block in blocks)
        {
            var code = block.Lines.Select((l, i) => (l, i)).Where(x => !IsUsingDirective(x.l)).ToList();
            if (line < offset + code.Count)
            {
                return $"{block.Key}, README line {block.Line + code[line - offset].i}";
            }

            offset += code.Count + 1;
        }

        return "Program.cs";
    }

    private static bool IsUsingDirective(string line) =>
        line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal) && line.EndsWith(';');
}
