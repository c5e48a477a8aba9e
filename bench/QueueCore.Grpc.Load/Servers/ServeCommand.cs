namespace QueueCore.Grpc.Load.Servers;

/// <summary>
/// <c>serve --server real|bare</c>: the memory scenario's child process. It starts one server, prints
/// <c>ready &lt;port&gt;</c>, then answers each <c>mem</c> line on standard input with <c>mem &lt;managed&gt;
/// &lt;working set&gt;</c>, and stops at <c>quit</c> or the end of input. The server alone in a process, so its
/// memory is not mixed with the clients'.
/// </summary>
internal static class ServeCommand
{
    public const string Ready = "ready ";
    public const string Memory = "mem ";

    public static async Task<int> RunAsync(LoadSettings settings)
    {
        await using var server = await ServerHost.StartAsync(settings.Server, settings.MemoryHalls, settings.Engine, settings.ServerConfiguration);
        Console.WriteLine($"{Ready}{server.Address.Port}");
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            if (line == "mem")
            {
                Console.WriteLine($"{Memory}{MemoryReading.Take()}");
            }
        }

        return 0;
    }
}
