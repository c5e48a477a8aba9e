using QueueCore.Grpc.Load.Report;
using QueueCore.Grpc.Load.Scenarios;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load;

/// <summary>
/// <c>dotnet run -c Release --project bench/QueueCore.Grpc.Load -- &lt;scenario&gt; [options]</c>, scenarios
/// <c>unary</c>, <c>display</c>, <c>fanout</c>, <c>memory</c>, <c>shards</c>, <c>all</c> (options: <see cref="LoadSettings"/>).
/// <c>serve real|bare</c> is the memory scenario's child process: a server alone, reporting its own memory on request.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(LoadSettings.Usage);
            return args.Length == 0 ? 2 : 0;
        }

        LoadSettings settings;
        try
        {
            settings = LoadSettings.Parse(args.AsSpan(1));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadSettings.Usage);
            return 2;
        }

        if (args[0] == "serve")
        {
            return await ServeCommand.RunAsync(settings);
        }

        Func<LoadSettings, Task>[] scenarios = args[0] switch
        {
            "unary" => [UnaryScenario.RunAsync],
            "display" => [DisplayScenario.RunAsync],
            "fanout" => [FanoutScenario.RunAsync],
            "memory" => [MemoryScenario.RunAsync],
            "shards" => [ShardsScenario.RunAsync],
            "all" => [UnaryScenario.RunAsync, DisplayScenario.RunAsync, FanoutScenario.RunAsync, MemoryScenario.RunAsync, ShardsScenario.RunAsync],
            _ => [],
        };
        if (scenarios.Length == 0)
        {
            Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
            Console.Error.WriteLine(LoadSettings.Usage);
            return 2;
        }

        if (await RealServer.CheckAsync(settings.Engine, settings.ServerConfiguration) is { } refusal)
        {
            Console.Error.WriteLine($"The real server refuses its configuration: {refusal}");
            return 2;
        }

        Console.WriteLine($"QueueCore.Grpc load: {Machine.Describe()}");
        Console.WriteLine($"settings: {settings}");
        if (args[0] != "memory")
        {
            await JitWarmup.RunAsync(settings);
        }
        foreach (var scenario in scenarios)
        {
            Console.WriteLine();
            await scenario(settings);
        }

        return 0;
    }
}
