using System.Diagnostics;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// A server that cannot start (here: its journal's directory cannot be made; a full disk fails the same way) says why
/// and exits with code 1. It let the exception out of Main, which aborted the process: exit code 134 and a core dump,
/// which a service manager reports as a crash.
/// </summary>
public sealed class StartFailureTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("queuecore-start-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Start_JournalDirectoryUnusable_ExitsWithCodeOneSayingWhy()
    {
        var file = Path.Combine(_work, "not-a-directory");
        await File.WriteAllTextAsync(file, "a file where the journal's directory should be");
        var journal = Path.Combine(file, "journal");

        var (exit, said) = await RunServerAsync("--QueueCore:Engine:Journal:Directory=" + journal);

        Assert.Equal(1, exit);
        Assert.Contains("could not start, and exits with code 1", said, StringComparison.Ordinal);
        Assert.Contains(file, said, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConfiguredHallInvalid_SaysWhichEntryWithoutTheEnginesParameterName()
    {
        // The engine's definition errors carry ParamName "definition", which .NET appends to the message as
        // " (Parameter 'definition')": the operator reads the hall's entry, not the name of a parameter of the engine's.
        var (exit, said) = await RunServerAsync(
            "--QueueCore:Engine:Journal:Mode=None",
            "--QueueCore:Halls:0:Id=h",
            "--QueueCore:Halls:0:Categories:0:Id=A", "--QueueCore:Halls:0:Categories:0:Prefix=A",
            "--QueueCore:Halls:0:Services:0:Id=1", "--QueueCore:Halls:0:Services:0:Category=nope",
            "--QueueCore:Halls:0:Windows:0:Id=1", "--QueueCore:Halls:0:Windows:0:Comprehensive=true");

        Assert.Equal(1, exit);
        Assert.Contains("could not start, and exits with code 1", said, StringComparison.Ordinal);
        var reason = said.Split('\n').First(line => line.Contains("could not start", StringComparison.Ordinal)); // the log line
        Assert.Contains("service item 1 names unknown category 'nope'.", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// The server as its own process, from the tests' directory (the server's build is copied there), run in an empty
    /// directory, its content root, so it reads no appsettings.json and its fixed ports; returns its exit code and all it wrote.
    /// </summary>
    private async Task<(int Exit, string Said)> RunServerAsync(params string[] configuration)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "QueueCore.Grpc.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", _work },
        };
        foreach (var setting in configuration)
        {
            info.ArgumentList.Add(setting);
        }

        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        using var server = Process.Start(info)!;
        var stdout = server.StandardOutput.ReadToEndAsync();
        var stderr = server.StandardError.ReadToEndAsync();
        try
        {
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        var said = await stdout + await stderr;
        output.WriteLine(said);
        return (server.ExitCode, said);
    }
}
