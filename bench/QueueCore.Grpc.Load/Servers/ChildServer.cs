using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>A server in a child process of its own (this program's <c>serve</c> command), whose memory can be read alone.</summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private ChildServer(Process process, int port)
    {
        _process = process;
        Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
    }

    public Uri Address { get; }

    public static async Task<ChildServer> StartAsync(ServerKind kind, int halls, EngineChoice engine, IReadOnlyList<KeyValuePair<string, string?>> configuration)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location); // run as `dotnet QueueCore.Grpc.Load.dll`
        }

        foreach (var arg in new[] { "serve", "--server", kind.ToString(), "--memory-halls", halls.ToString(CultureInfo.InvariantCulture),
            "--shards", engine.ShardCount.ToString(CultureInfo.InvariantCulture), "--wait", engine.Wait.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in configuration)
        {
            start.ArgumentList.Add("--server-config");
            start.ArgumentList.Add($"{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        var ready = await ReadLineAsync(process, ServeCommand.Ready);
        return new ChildServer(process, int.Parse(ready, CultureInfo.InvariantCulture));
    }

    public async Task<MemoryReading> MeasureAsync()
    {
        await _process.StandardInput.WriteLineAsync("mem");
        await _process.StandardInput.FlushAsync();
        return MemoryReading.Parse(await ReadLineAsync(_process, ServeCommand.Memory));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>The rest of the first output line that starts with <paramref name="prefix"/> (other lines are the server's own log).</summary>
    private static async Task<string> ReadLineAsync(Process process, string prefix)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }

            Console.WriteLine($"  [server] {line}");
        }

        throw new InvalidOperationException($"The server process ended before it printed '{prefix.Trim()}'.");
    }
}
