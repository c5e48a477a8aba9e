using BenchmarkDotNet.Running;
using QueueCore.Benchmarks.Load;

// `-- load ...`, `-- load-memory ...`, `-- load-halls ...` and the other load commands run the engine's load modes (see
// LoadGenerator); `-- help` lists them; anything else goes to BenchmarkDotNet.
if (args is ["help" or "-h" or "--help" or "-?", ..])
{
    Console.WriteLine(LoadGenerator.Usage);
    Console.WriteLine("BenchmarkDotNet's options:");
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(["--help"]); // its own options
    return;
}

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

// A word BenchmarkDotNet would ignore ('memory', a mistyped 'load-jornal') showed its prompt, or ran nothing with exit 0.
if (args is [var word, ..] && !word.StartsWith('-'))
{
    Console.Error.WriteLine($"Unknown command '{word}'.");
    Console.Error.WriteLine(LoadGenerator.Usage);
    Environment.ExitCode = 2;
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
