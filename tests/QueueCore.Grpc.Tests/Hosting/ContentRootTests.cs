using System.Diagnostics;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// The server started from another working directory, as a service manager starts it (systemd's default is <c>/</c>), or
/// as <c>dotnet /opt/queuecore/QueueCore.Grpc.dll</c>: it read no appsettings.json, since ASP.NET Core takes the working
/// directory as the content root, and ran without a journal (every ticket lost at the next restart) on localhost:5000,
/// without a word.
/// </summary>
public sealed class ContentRootTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("queuecore-cwd-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Start_FromAnotherWorkingDirectory_ReadsTheAppsettingsBesideTheServer()
    {
        // appsettings.json beside the server (the server's own, copied beside the tests) journals durably in data/journal;
        // a journal directory of this test's own, relative as that one, keeps the tests' directory clean. Ports: any free.
        var journal = $"journal-{Guid.NewGuid():N}";
        var expected = Path.Combine(AppContext.BaseDirectory, journal);
        try
        {
            var said = await StartAndStopAsync(
                "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0", "--Kestrel:Endpoints:Web:Url=http://127.0.0.1:0",
                "--QueueCore:Engine:Journal:Directory=" + journal);

            Assert.Contains($"journal: Durable, data directory: {expected}", said, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening on: http://localhost:5000", said, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(expected))
            {
                Directory.Delete(expected, recursive: true);
            }
        }
    }

    /// <summary>The server as its own process in an empty working directory, until it listens; returns what it wrote.</summary>
    private async Task<string> StartAndStopAsync(params string[] configuration)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "QueueCore.Grpc.dll") },
        };
        foreach (var setting in configuration)
        {
            info.ArgumentList.Add(setting);
        }

        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        info.Environment.Remove("ASPNETCORE_CONTENTROOT");
        info.Environment.Remove("DOTNET_CONTENTROOT");
        var said = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new Process { StartInfo = info };
        void Read(object sender, DataReceivedEventArgs e)
        {
            lock (said)
            {
                said.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Now listening", StringComparison.Ordinal) == true || e.Data?.Contains("could not start", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        }

        server.OutputDataReceived += Read;
        server.ErrorDataReceived += Read;
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(listening.Task, server.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        lock (said)
        {
            output.WriteLine(said.ToString());
            return said.ToString();
        }
    }
}
