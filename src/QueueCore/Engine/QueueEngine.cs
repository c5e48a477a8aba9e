using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QueueCore;

/// <summary>
/// Runs halls: each hall belongs to one shard thread, which applies its commands one at a time from a lock-free
/// ingress ring and fans its events out to subscribers. Submit from any thread; results come back as
/// <see cref="ValueTask{CommandResult}"/>s that allocate nothing in steady state.
/// </summary>
/// <remarks>
/// Lifecycle: construct, add halls, <see cref="Start"/> (halls may also be added later), dispose. Commands
/// submitted before <see cref="Start"/> wait in the rings. Disposing stops accepting (later submits return
/// <see cref="QueueError.Unavailable"/>), applies everything already queued, stops the threads and completes every
/// subscription.
/// </remarks>
public sealed partial class QueueEngine : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The version of the rules by which a hall applies commands, recorded with every journal generation (in its
    /// <c>ready</c> marker) so recovery knows whether the commands it replays were written under the same rules.
    /// </summary>
    /// <remarks>
    /// Maintainers: add one whenever a change alters what a command does to a hall (its result, the events, the state
    /// it leaves: a command now refused that was accepted, a different ticket called, a cap, a count kept otherwise),
    /// and not for changes that only add commands, fields or views. Saved states cross versions (MessagePack, new keys
    /// only); commands replayed under other rules may not give the same hall, and recovery reports them
    /// (<see cref="JournalRecovery.OtherRulesTails"/>). 0 is a journal from before versions were recorded.
    /// </remarks>
    public const int RulesVersion = 3;

    private static readonly CommandResult NoSuchHall = CommandResult.Fail(QueueError.UnknownHall, "No hall with that id in the engine.");

    private readonly Shard[] _shards;
    private readonly ConcurrentDictionary<string, HallHandle> _halls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _idsIgnoringCase = new(StringComparer.OrdinalIgnoreCase); // under _lifecycle: halls per id folded, for CaseTwin
    private readonly Dictionary<string, HallEntry> _removed = new(StringComparer.Ordinal); // under _lifecycle: the last removed hall of each id not added again
    private readonly Lock _lifecycle = new();
    private long _removals; // under _lifecycle: the last removal's number (HallEntry.Removal), on from the journal's after a restart
    private readonly ILogger _logger;
    private readonly EngineMetrics _metrics;
    private int _nextShard;

    /// <summary>Creates an engine; its threads start with <see cref="Start"/>.</summary>
    /// <param name="options">Shards, rings, waiting and timers; null for defaults.</param>
    /// <param name="timeProvider">The only clock the engine and its halls use; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where logs go; default none.</param>
    /// <param name="meterFactory">
    /// Creates the "QueueCore" meter (for DI-scoped metrics); default a meter of its own. Engines given the same
    /// factory report together: each instrument once, with the figures of all of them added up (a stopped engine's
    /// counts stay in the totals).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it and its value).</exception>
    /// <exception cref="IOException">
    /// With a journal (<see cref="QueueEngineOptions.Journal"/>): its data directory cannot be created, read or written,
    /// or another engine uses it (the message names it).
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// A journal is configured and the app runs without dynamic code (<c>PublishAot</c>, which a file-based app sets by
    /// default): the journal's MessagePack serializers need it.
    /// </exception>
    public QueueEngine(
        QueueEngineOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        Options = options ?? new QueueEngineOptions();
        Options.Validate();
        TimeProvider = timeProvider ?? TimeProvider.System;
        _logger = new GuardedLogger((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<QueueEngine>()); // a throwing provider loses lines, nothing else
        _shards = new Shard[Options.ShardCount];
        _metrics = new EngineMetrics(meterFactory, _shards);
        var pool = new CommandCompletionPool(
            (int)Math.Min((long)Options.ShardCount * Options.IngressCapacity, 64 * 1024), Options.RunContinuationsAsynchronously, _logger);
        if (!Options.Journal.IsEnabled)
        {
            for (var i = 0; i < _shards.Length; i++)
            {
                _shards[i] = new Shard(i, Options, pool, TimeProvider, _logger, _metrics);
            }

            WarnIfJournalNotUsed(Options.Journal, _logger);
            return;
        }

        RequireDynamicCodeForJournal(RuntimeFeature.IsDynamicCodeSupported);
        try
        {
            OpenJournal(pool);
        }
        catch
        {
            foreach (var shard in _shards.Where(s => s is not null))
            {
                shard.BeginStop();
                shard.StopIfNeverStarted(); // closes its journal writer
                shard.Dispose();
            }

            _metrics.Dispose();
            DeleteUnfinishedGeneration();
            ReleaseJournalLock();
            throw;
        }
    }

    /// <summary>What the engine recovered from its journal when it was created; null without a journal.</summary>
    public JournalRecovery? Recovery { get; private set; }

    /// <summary>The options the engine runs with.</summary>
    public QueueEngineOptions Options { get; }

    /// <summary>The engine's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The engine's instruments (for tests that listen to this engine's meter only).</summary>
    internal EngineMetrics Metrics => _metrics;

    /// <summary>The ids of the halls in the engine (a snapshot).</summary>
    public IReadOnlyCollection<string> HallIds => [.. _halls.Keys];

    /// <summary>
    /// Builds a hall from <paramref name="definition"/> and gives it to a shard (round robin, so halls spread
    /// evenly whatever their ids). Allowed before and after <see cref="Start"/>; thread-safe.
    /// </summary>
    /// <remarks>
    /// With a journal, a hall added after <see cref="Start"/> returns before its record is on disk (it is written with
    /// its shard's next round): a crash right after may lose it. The result of any command to it (even a
    /// <see cref="CommandKind.Tick"/>, which changes nothing) comes only once the hall's record is safe too, so await one
    /// to know the hall survives a crash (the server's <c>Admin.AddHall</c> does).
    /// <para>A hall added with the id of one removed (<see cref="RemoveHallAsync"/>) the same date on the hall's clocks
    /// numbers on after the removed hall's tickets when its day opens then (A008 after A001-A007: the citizens still hold
    /// those numbers), as the hall would have had it been kept; on a later date, or when the removed hall's day had been
    /// closed with no ticket left in it, it starts at 001. The engine keeps the removed hall's numbering, one per id; with
    /// a journal it survives a restart in between.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The id is already in the engine, or one that differs from it only in letter case ("City" beside "city": people,
    /// addresses and configuration keys do not tell them apart), or the definition is invalid.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    public HallHandle AddHall(HallDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Place(definition, static d => new Hall(d)); // the constructor validates
    }

    /// <summary>
    /// Adds a hall restored from <paramref name="state"/> (saved with <see cref="HallHandle.SaveStateAsync"/> or
    /// <see cref="Hall.SaveState"/>) on <paramref name="definition"/>: it answers every later command as the saved
    /// hall would, and numbers its events on from the state's sequence. Otherwise as <see cref="AddHall(HallDefinition)"/>
    /// (a hall with this id removed the same date: its day, if open in the state, numbers on after the removed hall's
    /// tickets at once). A definition that breaks only rules added since the state was saved is restored, each rule
    /// logged at Warning (see <see cref="Hall.Restore"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The id is already in the engine (or one that differs from it only in letter case), the definition cannot make a
    /// hall, or the state does not fit it.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    public HallHandle AddHall(HallDefinition definition, HallState state)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        return Place(definition, d => Hall.Restore(d, state));
    }

    /// <summary>
    /// Removes hall <paramref name="id"/>: at once, submits through the id give <see cref="QueueError.UnknownHall"/>;
    /// then on its shard, after the commands already queued for it, its slot is tombstoned (commands through an old
    /// <see cref="HallHandle"/> give UnknownHall too, and other handles stay valid) and its subscriptions complete.
    /// Returns false when no hall has that id. The id may be added again afterwards: that hall has a new handle, and the
    /// old one still gets UnknownHall, its message saying where to get the new one. With a journal, returns once the
    /// removal's record is safe, as a command's result is (<see cref="JournalMode"/>).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled while waiting for the shard (the removal still happens).
    /// </exception>
    public async ValueTask<bool> RemoveHallAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        HallHandle? handle;
        lock (_lifecycle) // rare: keeps "check disposed, unpublish" one step against AddHall and shutdown
        {
            if (_disposed)
            {
                ThrowHelper.ObjectDisposed(nameof(QueueEngine));
            }

            if (!_halls.TryRemove(id, out handle))
            {
                return false;
            }

            CountIgnoringCase(id, -1);

            handle.Entry.Removal = ++_removals; // the shard journals it with the day the hall leaves (posted below: seen there)
            _removed[id] = handle.Entry; // a hall added again with this id must know the numbers this one gave its readers
            ForgetEndedLeftDays();
        }

        var removal = new RemoveHallWorkItem();
        handle.Shard.Post(removal, handle.Entry.Index);
        return await removal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The hall with id <paramref name="id"/>, if it is in the engine.</summary>
    public bool TryGetHall(string id, [MaybeNullWhen(false)] out HallHandle hall)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _halls.TryGetValue(id, out hall);
    }

    /// <summary>
    /// Submits <paramref name="command"/> to hall <paramref name="hallId"/>; an unknown id gives a
    /// <see cref="QueueError.UnknownHall"/> result. Otherwise as <see cref="HallHandle.SubmitAsync"/>, which saves
    /// the lookup.
    /// </summary>
    public ValueTask<CommandResult> SubmitAsync(string hallId, in HallCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hallId);
        return _halls.TryGetValue(hallId, out var hall)
            ? hall.SubmitAsync(in command, cancellationToken)
            : new ValueTask<CommandResult>(NoSuchHall with { Message = $"No hall '{hallId}' in the engine." });
    }

    /// <param name="definition">The hall's definition.</param>
    /// <param name="build">Builds (and validates) the hall.</param>
    /// <param name="recovered">The hall comes from the journal (logged as recovered, not as added).</param>
    private HallHandle Place(HallDefinition definition, Func<HallDefinition, Hall> build, bool recovered = false)
    {
        using var activity = QueueCoreDiagnostics.ActivitySource.StartActivity("QueueCore.AddHall");
        activity?.SetTag("queuecore.hall", definition.Id);
        try
        {
            return PlaceLocked(definition, build, recovered);
        }
        catch (Exception e) when (activity is not null)
        {
            // The span of a hall that could not be added says so (an invalid definition fails a host's start).
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            activity.AddException(e);
            throw;
        }
    }

    /// <summary>
    /// The id of a hall in the engine that differs from <paramref name="id"/> only in letter case, or null (under the
    /// lifecycle lock). A count per folded id answers "none" at once, so adding n halls stays O(n); the scan for the
    /// twin's spelling runs only when one exists, just before the add is refused. Lookups by id stay ordinal and exact.
    /// </summary>
    private string? CaseTwin(string id)
    {
        if (!_idsIgnoringCase.ContainsKey(id))
        {
            return null;
        }

        foreach (var other in _halls.Keys)
        {
            if (string.Equals(other, id, StringComparison.OrdinalIgnoreCase))
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>Keeps <see cref="_idsIgnoringCase"/> in step with <see cref="_halls"/> (under the lifecycle lock).</summary>
    private void CountIgnoringCase(string id, int change)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_idsIgnoringCase, id, out _);
        count += change;
        if (count == 0)
        {
            _idsIgnoringCase.Remove(id);
        }
    }

    private HallHandle PlaceLocked(HallDefinition definition, Func<HallDefinition, Hall> build, bool recovered)
    {
        lock (_lifecycle) // rare: a plain lock keeps "check id, build, place, publish" one step
        {
            if (_disposed)
            {
                ThrowHelper.ObjectDisposed(nameof(QueueEngine));
            }

            if (definition.Id is null)
            {
                ThrowHelper.HallWithoutId(nameof(definition)); // rather than the dictionary's "(Parameter 'key')"
            }

            if (_halls.ContainsKey(definition.Id))
            {
                ThrowHelper.DuplicateHall(definition.Id, nameof(definition));
            }

            // A journal written before the rule may hold two such halls: both come back, with their tickets.
            if (!recovered && CaseTwin(definition.Id) is { } twin)
            {
                ThrowHelper.HallIdDiffersOnlyInCase(definition.Id, twin, nameof(definition));
            }

            var hall = build(definition); // validates; built here, then owned by the shard alone
            var shard = _shards[_nextShard];
            _nextShard = (_nextShard + 1) % _shards.Length;
            _removed.Remove(definition.Id, out var predecessor); // the hall this id named before, if it was removed
            if (predecessor is { IsRemoved: true, LeftDay: { } carried })
            {
                hall.CarryDay(carried); // its citizens still hold its numbers today: number on after them
                predecessor.ForgetLeftDay(); // taken: the chain of removed halls keeps no copy of it
            }
            var handle = new HallHandle(this, shard, shard.Add(hall, predecessor));
            _halls[definition.Id] = handle;
            CountIgnoringCase(definition.Id, +1);
            if (recovered)
            {
                Log.HallRecovered(_logger, definition.Id, shard.Id, hall.Sequence);
            }
            else
            {
                Log.HallAdded(_logger, definition.Id, shard.Id);
            }

            foreach (var rule in hall.LaterRulesBroken)
            {
                Log.HallBreaksLaterRule(_logger, definition.Id, rule); // restored, not lost to an upgrade: the admin should still fix it
            }

            return handle;
        }
    }
}
