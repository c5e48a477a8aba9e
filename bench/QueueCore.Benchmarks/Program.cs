using BenchmarkDotNet.Running;
using QueueCore.Benchmarks.Load;

// `-- load ...`, `-- load-memory ...`, `-- load-halls ...`, `-- load-defaults ...` run the engine's load modes (see
// LoadGenerator); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && LoadGenerator.IsCommand(args[0]))
{
    Task run;
    try
    {
        run = LoadGenerator.RunAsync(args[0], args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Environment.ExitCode = 2;
        return;
    }

    await run;
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
