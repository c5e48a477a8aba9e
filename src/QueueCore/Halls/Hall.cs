namespace QueueCore;

/// <summary>
/// The state machine of one hall: applies one <see cref="HallCommand"/> at a given instant, mutates the hall,
/// and emits <see cref="HallEvent"/>s. Deterministic (same commands and times, same events) and single-threaded:
/// it knows no clocks, threads or files, so the same code runs in the engine, in replay and in the simulator.
/// Not thread-safe: one writer at a time (the engine gives each hall to one shard).
/// </summary>
public sealed partial class Hall
{
    /// <summary>Builds a hall from its definition, validating it.</summary>
    /// <exception cref="ArgumentException">The definition is invalid; the message says what is wrong.</exception>
    public Hall(HallDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        throw new NotImplementedException();
    }

    /// <summary>The hall's definition.</summary>
    public HallDefinition Definition { get; }

    /// <summary>The hall's id.</summary>
    public string Id => Definition.Id;

    /// <summary>The sequence number of the last event emitted (0 before any).</summary>
    public long Sequence { get; private set; }

    /// <summary>The events the last <see cref="Apply"/> emitted, valid until the next call.</summary>
    public ReadOnlySpan<HallEvent> LastEvents => default;

    /// <summary>The earliest instant at which a <see cref="CommandKind.Tick"/> would change something, or null.</summary>
    public DateTimeOffset? NextDue => null;

    /// <summary>Applies one command at <paramref name="now"/>. Never throws for bad input: errors are results.</summary>
    public CommandResult Apply(in HallCommand command, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>A view of the hall for screens and dashboards.</summary>
    public HallSnapshot GetSnapshot(DateTimeOffset now) => throw new NotImplementedException();
}
