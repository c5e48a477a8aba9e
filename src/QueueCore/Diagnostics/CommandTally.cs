namespace QueueCore;

/// <summary>
/// One shard's running totals behind the engine's observable counters <c>queuecore.commands</c>,
/// <c>queuecore.command.errors</c> and <c>queuecore.events</c>. The shard adds to plain cells and a listener reads
/// them when it collects, so a command costs the shard an increment instead of a call into every listener (with
/// OpenTelemetry collecting, those calls cost the engine about a fifth of its throughput).
/// </summary>
/// <remarks>
/// The shard thread is the only writer of the applied, failed and event cells; refusals happen on callers' threads
/// and are added atomically. Cells are read and written with <see cref="Volatile"/>, which keeps 64-bit values whole
/// on every platform (a plain move on 64-bit ones).
/// </remarks>
internal sealed class CommandTally
{
    /// <summary>Command kinds, plus one cell for a value outside the enum.</summary>
    public static readonly int Kinds = Enum.GetNames<CommandKind>().Length + 1;

    /// <summary>Errors, plus one cell for a value outside the enum.</summary>
    public static readonly int Errors = Enum.GetNames<QueueError>().Length + 1;

    private readonly long[] _applied = new long[Kinds];
    private readonly long[] _failed = new long[Kinds * Errors]; // applied with an error, by kind and error
    private readonly long[] _refused = new long[Kinds * Errors]; // refused before reaching the shard, by kind and error
    private long _events;

    /// <summary>The shard applied a command (successfully when <paramref name="error"/> is None). Shard thread only.</summary>
    public void Applied(CommandKind kind, QueueError error)
    {
        var k = KindIndex(kind);
        Increment(ref _applied[k], 1);
        if (error != QueueError.None)
        {
            Increment(ref _failed[(k * Errors) + ErrorIndex(error)], 1);
        }
    }

    /// <summary>A command was refused before the shard took it (full, stopping or abandoned). Any thread.</summary>
    public void Refused(CommandKind kind, QueueError error) =>
        Interlocked.Increment(ref _refused[(KindIndex(kind) * Errors) + ErrorIndex(error)]);

    /// <summary>A hall emitted <paramref name="count"/> events. Shard thread only.</summary>
    public void EventsPublished(int count) => Increment(ref _events, count);

    /// <summary>Commands of kind cell <paramref name="kind"/> applied so far.</summary>
    public long AppliedOf(int kind) => Volatile.Read(ref _applied[kind]);

    /// <summary>Commands of kind cell <paramref name="kind"/> that failed with error cell <paramref name="error"/>, applied or refused.</summary>
    public long ErrorsOf(int kind, int error) =>
        Volatile.Read(ref _failed[(kind * Errors) + error]) + Volatile.Read(ref _refused[(kind * Errors) + error]);

    /// <summary>Events emitted so far.</summary>
    public long Events => Volatile.Read(ref _events);

    /// <summary>The cell of <paramref name="kind"/>; the last cell holds values outside the enum.</summary>
    public static int KindIndex(CommandKind kind) => (uint)kind < (uint)(Kinds - 1) ? (int)kind : Kinds - 1;

    /// <summary>The cell of <paramref name="error"/>; the last cell holds values outside the enum.</summary>
    public static int ErrorIndex(QueueError error) => (uint)error < (uint)(Errors - 1) ? (int)error : Errors - 1;

    private static void Increment(ref long cell, long by) => Volatile.Write(ref cell, cell + by); // one writer: no atomic needed
}
