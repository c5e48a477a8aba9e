using System.Globalization;
using QueueCore.Grpc.Load.Servers;

namespace QueueCore.Grpc.Load;

/// <summary>The load generator's options (defaults are the issue's figures; <c>--quick</c> shortens every phase).</summary>
internal sealed record LoadSettings
{
    public const string Usage = """
        usage: QueueCore.Grpc.Load <unary|display|fanout|memory|shards|all> [options]
          --quick                 a few seconds per phase, smaller fan-out and memory counts (smoke test)
          --seconds N             measured seconds per phase (default 10)
          --warmup N              warm-up seconds before each measured phase (default 2; 0 for none)
          --halls N               halls configured in the servers of unary/display/shards (default 500)
          --concurrency N         calls in flight for peak unary (default 64)
          --channels N            client channels (connections) for unary calls (default 4)
          --rate N                paced unary rate per second (default 40000)
          --display-streams N     screens on the busy hall (default 20)
          --display-rate N        calls per second in the busy hall (default 10)
          --fanout-streams N      display streams in the fan-out test (default 5000)
          --fanout-halls N        halls they watch, at most the streams (default 500)
          --deliveries N          call deliveries per second offered in the fan-out test (default 100000)
          --idle-streams N        idle streams over shared connections in the memory test (default 2000)
          --idle-connections N    idle streams with a connection each in the memory test (default 500)
          --memory-halls N        halls of the memory test's servers (default 100)
          --shards N              QueueCore:Engine:ShardCount of the real server (default 1)
          --wait NAME             QueueCore:Engine:WaitStrategy: SpinThenBlock, Blocking, BusySpin (default SpinThenBlock)
          --inline-continuations  QueueCore:Engine:RunContinuationsAsynchronously=false (default true)
          --hold N                (memory) keep the streams open N more seconds after measuring, to inspect the server (default 0)
          --server-config K=V     extra configuration for the real server (repeatable), e.g. QueueCoreServer:FiguresRefresh=00:00:01
          --ticket-capacity N     InitialTicketCapacity of every hall of the real server (default: the engine's, 64)
          --server real|bare      (serve only) which server the child process runs
          --rounds N              (unary) measure the real and the bare server N times, alternated, then print the
                                  median of each figure over the rounds with its range (default 1)
        serve [options] is the memory scenario's child process: one server, its memory read through standard input.
        """;

    public bool Quick { get; init; }
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public int Halls { get; init; } = 500;
    public int Concurrency { get; init; } = 64;
    public int Channels { get; init; } = 4;
    public int PacedRate { get; init; } = 40_000;
    public int DisplayStreams { get; init; } = 20;
    public int DisplayRate { get; init; } = 10;
    public int FanoutStreams { get; init; } = 5_000;
    public int FanoutHalls { get; init; } = 500;
    public int FanoutDeliveries { get; init; } = 100_000;
    public int IdleStreams { get; init; } = 2_000;
    public int IdleConnections { get; init; } = 500;
    public int MemoryHalls { get; init; } = 100;
    public EngineChoice Engine { get; init; } = EngineChoice.Default;
    public ServerKind Server { get; init; } = ServerKind.Real;
    public TimeSpan Hold { get; init; }
    public int Rounds { get; init; } = 1;
    public IReadOnlyList<KeyValuePair<string, string?>> ServerConfiguration { get; init; } = [];

    /// <summary>Streams one client connection carries: Kestrel's default HTTP/2 limit of concurrent streams.</summary>
    public const int StreamsPerConnection = 100;

    public static LoadSettings Parse(ReadOnlySpan<string> args)
    {
        var quick = args.Contains("--quick");
        var s = quick
            ? new LoadSettings
            {
                Quick = true,
                Warmup = TimeSpan.FromSeconds(0.5),
                Duration = TimeSpan.FromSeconds(2),
                Halls = 100,
                FanoutStreams = 1_000,
                FanoutHalls = 100,
                FanoutDeliveries = 20_000,
                IdleStreams = 500,
                IdleConnections = 100,
                MemoryHalls = 20,
            }
            : new LoadSettings();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                continue;
            }

            if (args[i] == "--inline-continuations")
            {
                s = s with { Engine = s.Engine with { ContinuationsOnPool = false } };
                continue;
            }

            // Each option's arm takes its value, so an unknown option that comes last is named as unknown, not as one
            // that "needs a value".
            var option = args[i];
            s = option switch
            {
                "--seconds" => s with { Duration = TimeSpan.FromSeconds(Number(option, Value(args, ref i))) },
                "--warmup" => s with { Warmup = TimeSpan.FromSeconds(Number(option, Value(args, ref i), zeroAllowed: true)) },
                "--halls" => s with { Halls = Count(option, Value(args, ref i)) },
                "--concurrency" => s with { Concurrency = Count(option, Value(args, ref i)) },
                "--channels" => s with { Channels = Count(option, Value(args, ref i)) },
                "--rate" => s with { PacedRate = Count(option, Value(args, ref i)) },
                "--display-streams" => s with { DisplayStreams = Count(option, Value(args, ref i)) },
                "--display-rate" => s with { DisplayRate = Count(option, Value(args, ref i)) },
                "--fanout-streams" => s with { FanoutStreams = Count(option, Value(args, ref i)) },
                "--fanout-halls" => s with { FanoutHalls = Count(option, Value(args, ref i)) },
                "--deliveries" => s with { FanoutDeliveries = Count(option, Value(args, ref i)) },
                "--idle-streams" => s with { IdleStreams = Count(option, Value(args, ref i)) },
                "--idle-connections" => s with { IdleConnections = Count(option, Value(args, ref i)) },
                "--memory-halls" => s with { MemoryHalls = Count(option, Value(args, ref i)) },
                "--shards" => s with { Engine = s.Engine with { ShardCount = Count(option, Value(args, ref i)) } },
                "--wait" => s with { Engine = s.Engine with { Wait = Name<WaitStrategy>(option, Value(args, ref i)) } },
                "--server-config" => s with { ServerConfiguration = [.. s.ServerConfiguration, Pair(Value(args, ref i))] },
                "--ticket-capacity" => s with { ServerConfiguration = [.. s.ServerConfiguration, new(LoadHalls.TicketCapacityKey, Count(option, Value(args, ref i)).ToString(CultureInfo.InvariantCulture))] },
                "--hold" => s with { Hold = TimeSpan.FromSeconds(Number(option, Value(args, ref i), zeroAllowed: true)) },
                "--rounds" => s with { Rounds = Count(option, Value(args, ref i)) },
                "--server" => s with { Server = Name<ServerKind>(option, Value(args, ref i)) },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'."),
            };
        }

        // Screen i watches hall i mod halls, and each hall calls at the rate that gives its screens their share of the
        // deliveries: with fewer screens than halls, most halls called for no one, and each at a rate multiplied by
        // halls / screens (10 screens over 500 halls: 2,000 calls/s a hall, "0 per hall").
        if (s.FanoutStreams < s.FanoutHalls)
        {
            throw new ArgumentException($"--fanout-streams {s.FanoutStreams} is fewer than --fanout-halls {s.FanoutHalls}: every hall of the fan-out test needs a screen.");
        }

        return s;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Quick ? "quick, " : "")}warm-up {Warmup.TotalSeconds:0.#} s, measured {Duration.TotalSeconds:0.#} s per phase, {Halls} halls, " +
        $"real server engine {Engine}{string.Concat(ServerConfiguration.Select(c => $", {c.Key}={c.Value}"))}");

    /// <summary>The value after option <c>args[i]</c>, moving <paramref name="i"/> onto it.</summary>
    private static string Value(ReadOnlySpan<string> args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");

    // Enum.Parse's own refusal ("Requested value 'x' was not found.") named neither the option nor the names it takes,
    // and it took a number ('--wait 7') as a value no enum member has.
    private static TEnum Name<TEnum>(string option, string value)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : throw new ArgumentException($"{option} '{value}': must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    private static KeyValuePair<string, string?> Pair(string value) => value.IndexOf('=', StringComparison.Ordinal) is > 0 and var at
        ? new(value[..at], value[(at + 1)..])
        : throw new ArgumentException($"'{value}' must be KEY=VALUE.");

    // TryParse: a value that is not a number ('--seconds abc') is refused with the usage, as '0' is; it crashed the
    // tool with a FormatException's stack trace.
    private static double Number(string option, string value, bool zeroAllowed = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && (v > 0 || (zeroAllowed && v == 0)) && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{option} '{value}': must be a {(zeroAllowed ? "non-negative" : "positive")} number.");

    private static int Count(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"{option} '{value}': must be a positive whole number.");
}
