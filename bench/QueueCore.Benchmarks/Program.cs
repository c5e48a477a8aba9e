using BenchmarkDotNet.Running;
using QueueCore.Benchmarks.Load;

// `-- load [halls] [shards] [producers] [seconds]` runs the engine load test; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "load")
{
    await LoadGenerator.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
