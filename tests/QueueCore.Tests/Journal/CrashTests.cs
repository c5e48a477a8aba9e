using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace QueueCore.Tests.Journal;

/// <summary>
/// Issue 12: an engine host (tests/QueueCore.CrashHost) in its own process, under load from many clients, killed with
/// SIGKILL at random moments and restarted each time. Every ticket whose issue was acknowledged is still there, in
/// the same order, with the same number, and nothing was called twice.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Rounds = 20;
    /// <summary>
    /// The bound of a host's start (and of the dump): only ends a host that hangs. A start is a new process that compiles
    /// the engine again: 3 to 4 s on a quiet machine, up to 42 s seen under the whole test run on the loaded two-core CI
    /// machine (load 40 to 60), too near the 60 s this once was.
    /// </summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    [Trait("Category", "Crash")]
    public async Task KilledHost_RestartedTwentyTimes_KeepsEveryAcknowledgedTicketAndCallsNothingTwice()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("QUEUECORE_CRASH_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        var host = HostPath();
        var directory = Path.Combine(Path.GetTempPath(), "queuecore-crash-" + Guid.NewGuid().ToString("N"));
        var why = $"seed {seed} (rerun with QUEUECORE_CRASH_SEED={seed}), data in {directory}";
        var clock = Stopwatch.StartNew();
        var rounds = new List<Round>();

        for (var round = 1; round <= Rounds; round++)
        {
            var run = await RunUntilKilled(host, directory, random.Next(), TimeSpan.FromMilliseconds(random.Next(150, 801)), $"round {round}, {why}");
            rounds.Add(run);
            output.WriteLine($"round {round}: {run.Ready}, {run.Issued.Count} issues and {run.Called.Count} calls acknowledged, {run.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(run.Damage.Count == 0, $"round {round}: the journal was damaged, not just torn: {string.Join("; ", run.Damage)}; {why}");
            Assert.True(round == 1 || run.RecoveredHalls == 1, $"round {round}: the restart recovered {run.RecoveredHalls} halls ({run.Ready}); {why}");
        }

        var dump = await Dump(host, directory, why);
        output.WriteLine($"{Rounds} rounds and the dump in {clock.Elapsed.TotalSeconds:F1} s; {dump.Count} tickets in the hall");
        Check(rounds, dump, why);
        Directory.Delete(directory, recursive: true); // kept when the test fails, as evidence
    }

    [Fact]
    [Trait("Category", "Crash")]
    public async Task KilledHost_BatchedMode_RestartedFiveTimes_KeepsEveryAcknowledgedTicketAndCallsNothingTwice()
    {
        // Batched mode acknowledges once a record is written to the operating system, not fsynced: a killed process
        // loses nothing acknowledged (the kernel still writes its page cache); only a power loss may.
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var host = HostPath();
        var directory = Path.Combine(Path.GetTempPath(), "queuecore-crash-batched-" + Guid.NewGuid().ToString("N"));
        var why = $"batched, seed {seed}, data in {directory}";
        var rounds = new List<Round>();
        for (var round = 1; round <= 5; round++)
        {
            var run = await RunUntilKilled(host, directory, random.Next(), TimeSpan.FromMilliseconds(random.Next(150, 801)), $"round {round}, {why}", JournalMode.Batched);
            rounds.Add(run);
            Assert.True(run.Damage.Count == 0, $"round {round}: the journal was damaged, not just torn: {string.Join("; ", run.Damage)}; {why}");
        }

        Check(rounds, await Dump(host, directory, why), why);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    [Trait("Category", "Crash")]
    public async Task FileSizeLimit_HostRefusesWhatItCannotJournal_InsteadOfDying_KeepsEveryAcknowledgedTicket()
    {
        // An operator runs the server under a file size limit (ulimit -f, systemd's LimitFSIZE). The journal's segment
        // reached it and the process was killed by SIGXFSZ (exit code 153): where a full disk makes the engine refuse
        // commands with Unavailable and say why, the server simply died.
        if (!OperatingSystem.IsLinux())
        {
            return; // the limit is set through bash's ulimit
        }

        var host = HostPath();
        var directory = Path.Combine(Path.GetTempPath(), "queuecore-fsize-" + Guid.NewGuid().ToString("N"));
        var why = $"data in {directory}";
        using var process = Start(host, directory, "1", fileSizeLimitKiB: 512);
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        });
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringBuilder();
        var errorReader = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (errors)
                {
                    errors.AppendLine(line);
                }

                if (line.StartsWith("issue refused: Unavailable", StringComparison.Ordinal))
                {
                    refused.TrySetResult(line);
                }
            }

            refused.TrySetResult("");
        });

        var first = await refused.Task.WaitAsync(ReadyTimeout);
        await Task.Delay(200);
        var exited = process.HasExited;
        var code = exited ? process.ExitCode : 0;
        Kill(process);
        await process.WaitForExitAsync();
        await Task.WhenAll(reader, errorReader);
        string stderr;
        lock (errors)
        {
            stderr = errors.ToString();
        }

        Assert.False(exited, $"The host died (exit code {code}; 153 is SIGXFSZ) instead of refusing commands; {why}; stderr:\n{stderr[..Math.Min(stderr.Length, 2000)]}");
        Assert.Contains("journal cannot write", first, StringComparison.Ordinal);
        var round = Round.Parse(lines, stderr, TimeSpan.Zero, why);
        Assert.NotEmpty(round.Issued);

        var dump = await Dump(host, directory, why); // without the limit, as after the operator raised it
        foreach (var ack in round.Issued)
        {
            Assert.True(dump.TryGetValue(ack.Id, out var ticket) && ticket.Number == ack.Number, $"acknowledged ticket {ack.Id} ({ack.Number}) is lost; {why}");
        }

        Directory.Delete(directory, recursive: true);
    }

    private static void Check(List<Round> rounds, Dictionary<long, Dumped> dump, string why)
    {
        var problems = new List<string>();
        var numbers = new Dictionary<string, long>();
        foreach (var (id, ticket) in dump)
        {
            if (!numbers.TryAdd(ticket.Number, id))
            {
                problems.Add($"number {ticket.Number} is on tickets {numbers[ticket.Number]} and {id}");
            }
        }

        long lastRoundMax = 0;
        var called = new Dictionary<long, int>();
        var issued = 0;
        for (var r = 0; r < rounds.Count; r++)
        {
            long roundMax = 0;
            var lastOfProducer = new Dictionary<int, (long Id, long Serial)>();
            foreach (var ack in rounds[r].Issued)
            {
                issued++;
                if (!dump.TryGetValue(ack.Id, out var ticket))
                {
                    problems.Add($"round {r + 1}: acknowledged ticket {ack.Id} ({ack.Number}) is lost");
                    continue;
                }

                if (ticket.Number != ack.Number)
                {
                    problems.Add($"round {r + 1}: acknowledged ticket {ack.Id} was {ack.Number}, is now {ticket.Number}");
                }

                if (ticket.Serial <= lastRoundMax)
                {
                    problems.Add($"round {r + 1}: ticket {ack.Id} has serial {ticket.Serial}, not after the earlier rounds' acknowledged tickets (up to {lastRoundMax})");
                }

                if (lastOfProducer.TryGetValue(ack.Producer, out var before) && ticket.Serial <= before.Serial)
                {
                    problems.Add($"round {r + 1}: producer {ack.Producer} was acknowledged ticket {before.Id} then {ack.Id}, but their serials are {before.Serial} and {ticket.Serial}");
                }

                lastOfProducer[ack.Producer] = (ack.Id, ticket.Serial);
                roundMax = Math.Max(roundMax, ticket.Serial);
            }

            lastRoundMax = Math.Max(lastRoundMax, roundMax);
            foreach (var (id, window) in rounds[r].Called)
            {
                if (called.TryGetValue(id, out var first))
                {
                    problems.Add($"ticket {id} was called twice: in round {first} and in round {r + 1} (window {window})");
                    continue;
                }

                called[id] = r + 1;
                if (!dump.TryGetValue(id, out var ticket))
                {
                    problems.Add($"round {r + 1}: called ticket {id} is not in the hall");
                }
                else if (ticket.State is not (TicketState.Called or TicketState.Serving or TicketState.Completed))
                {
                    problems.Add($"round {r + 1}: ticket {id}'s call was acknowledged at window {window}, but it is {ticket.State}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems; {why}:\n{string.Join('\n', problems.Take(50))}");
        Assert.True(issued >= rounds.Count, $"only {issued} issues were acknowledged over {rounds.Count} rounds: the load did not run; {why}");
        Assert.True(called.Count >= rounds.Count / 2, $"only {called.Count} calls were acknowledged over {rounds.Count} rounds: the clerks did not run; {why}");
    }

    /// <summary>Starts the host, waits for READY, lets it run for <paramref name="run"/>, kills it with SIGKILL.</summary>
    private static async Task<Round> RunUntilKilled(string host, string directory, int seed, TimeSpan run, string why, JournalMode mode = JournalMode.Durable)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(host, directory, seed.ToString(CultureInfo.InvariantCulture), journalMode: mode);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            // Whole lines only: the kill may cut the host's last write in the middle of a line, which is dropped.
            var buffer = new char[16 << 10];
            var pending = new StringBuilder();
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                var start = 0;
                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        continue;
                    }

                    pending.Append(buffer, start, i - start);
                    var line = pending.ToString();
                    pending.Clear();
                    start = i + 1;
                    lines.Add(line);
                    if (line.StartsWith("READY ", StringComparison.Ordinal))
                    {
                        ready.TrySetResult(line);
                    }
                }

                pending.Append(buffer, start, n - start);
            }

            ready.TrySetException(new InvalidOperationException("The host's output ended before READY."));
        });
        var errors = process.StandardError.ReadToEndAsync();

        try
        {
            await ready.Task.WaitAsync(ReadyTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            Kill(process);
            await process.WaitForExitAsync();
            Assert.Fail($"The host did not print READY within {ReadyTimeout.TotalSeconds} s ({ex.Message}); {why}; stderr:\n{await errors}\nstdout:\n{string.Join('\n', lines.Take(20))}");
        }

        await Task.Delay(run);
        if (process.HasExited)
        {
            Assert.Fail($"The host exited by itself (code {process.ExitCode}); {why}; stderr:\n{await errors}");
        }

        Kill(process);
        await process.WaitForExitAsync();
        await reader; // the pipe's end: every line the host wrote before it died
        var stderr = await errors;
        return Round.Parse(lines, stderr, clock.Elapsed, why);
    }

    private static async Task<Dictionary<long, Dumped>> Dump(string host, string directory, string why)
    {
        using var process = Start(host, directory, "dump");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            Assert.Fail($"The dump did not finish within {ReadyTimeout.TotalSeconds} s; {why}");
        }

        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"The dump failed (exit code {process.ExitCode}); {why}; stderr:\n{await stderr}");
        var tickets = new Dictionary<long, Dumped>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            Assert.True(f[0] == "T" && f.Length == 5, $"Unexpected dump line '{line}'; {why}");
            var id = long.Parse(f[1], CultureInfo.InvariantCulture);
            Assert.True(tickets.TryAdd(id, new Dumped(f[2], Enum.Parse<TicketState>(f[3]), long.Parse(f[4], CultureInfo.InvariantCulture))), $"The dump lists ticket {id} twice; {why}");
        }

        return tickets;
    }

    private static Process Start(string host, string directory, string mode, int fileSizeLimitKiB = 0, JournalMode journalMode = JournalMode.Durable)
    {
        var info = new ProcessStartInfo(fileSizeLimitKiB > 0 ? "bash" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.Environment["QUEUECORE_CRASH_MODE"] = journalMode.ToString();
        if (fileSizeLimitKiB > 0)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"ulimit -f {fileSizeLimitKiB} && exec dotnet \"$@\""));
            info.ArgumentList.Add("dotnet");
            info.Environment["DOTNET_EnableWriteXorExecute"] = "0"; // W^X maps code through a file the limit would refuse
        }

        info.ArgumentList.Add(host);
        info.ArgumentList.Add(directory);
        info.ArgumentList.Add(mode);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: false); // SIGKILL on Linux: no shutdown, no flush, no fsync
        }
        catch (InvalidOperationException)
        {
            // it had already exited
        }
    }

    /// <summary>
    /// The host's dll: next to the tests (if copied there), else in its own output folder of the same configuration
    /// and target framework (tests/QueueCore.CrashHost/bin/Release/net10.0 beside tests/QueueCore.Tests/bin/Release/net10.0).
    /// </summary>
    private static string HostPath()
    {
        const string Dll = "QueueCore.CrashHost.dll";
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var beside = Path.Combine(here.FullName, Dll);
        if (File.Exists(beside))
        {
            return beside;
        }

        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName; // net10.0 <- Release <- bin <- QueueCore.Tests <- tests
        var own = Path.Combine(tests, "QueueCore.CrashHost", "bin", configuration, framework, Dll);
        Assert.True(File.Exists(own), $"The crash host is not built: neither {beside} nor {own} exists (build QueueCore.sln).");
        return own;
    }

    private sealed record Issue(long Id, string Number, int Producer);

    private sealed record Dumped(string Number, TicketState State, long Serial);

    private sealed record Round(string Ready, int RecoveredHalls, List<Issue> Issued, List<(long Id, int Window)> Called, List<string> Damage, TimeSpan Elapsed)
    {
        public static Round Parse(List<string> lines, string stderr, TimeSpan elapsed, string why)
        {
            var issued = new List<Issue>();
            var called = new List<(long, int)>();
            var damage = new List<string>();
            string? ready = null;
            var halls = -1;
            foreach (var line in lines)
            {
                var f = line.Split(' ');
                switch (f[0])
                {
                    case "READY":
                        ready = line;
                        halls = int.Parse(f[1], CultureInfo.InvariantCulture);
                        break;
                    case "DAMAGE":
                        damage.Add(line);
                        break;
                    case "I" when f.Length == 4:
                        issued.Add(new Issue(long.Parse(f[1], CultureInfo.InvariantCulture), f[2], int.Parse(f[3], CultureInfo.InvariantCulture)));
                        break;
                    case "C" when f.Length == 3:
                        called.Add((long.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)));
                        break;
                    default:
                        Assert.Fail($"Unexpected host line '{line}'; {why}; stderr:\n{stderr}");
                        break;
                }
            }

            Assert.True(ready is not null, $"No READY line; {why}");
            return new Round(ready, halls, issued, called, damage, elapsed);
        }
    }
}
