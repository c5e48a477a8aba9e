namespace QueueCore;

/// <summary>
/// A hall as its shard holds it: the state machine (touched only by the shard thread), its status, its event
/// history and its subscribers. The slot outlives the hall: a removed hall leaves a tombstone, so the indices that
/// handles cache stay valid.
/// </summary>
/// <remarks>
/// Subscribers are a copy-on-write array swapped with a CAS. Subscribing and unsubscribing are rare and may
/// happen on any thread, even while the shard is stopping; the shard pays one acquire load per publish.
/// </remarks>
internal sealed class HallEntry
{
    private const int Active = 0;
    private const int Faulted = 1;
    private const int Removed = 2;

    private readonly int _historySize;
    private SubscriptionBuffer[] _subscribers = [];
    private Hall? _hall; // shard thread only (and the constructor); null once removed
    private HallDefinition _definition;
    private HallEventHistory? _history;
    private int _status;
    private byte[]? _definitionJson; // shard thread: the journal's copy of the definition
    private long _renumberedAfter, _renumberedThrough; // shard thread: sequences (after, through] were given to two timelines
    private HallDefinition? _definitionJsonOf;
    private HallEntry? _predecessor; // the removed hall this id named before this one was added, until folded into _earlierReached
    private long _earlierReached; // the last sequence any removed hall with this id before this one numbered (folded predecessors)
    private readonly long _startSequence; // the hall's sequence when it was added: its own events are numbered after it
    private long _reached; // once removed: the last sequence it numbered (published by the status write in MarkRemoved)
    private CarriedDay? _leftDay; // once removed: see LeftDay
    private bool _leftDayTaken;   // the engine's: a hall added again took _leftDay

    /// <param name="hall">The hall.</param>
    /// <param name="index">Its slot in the shard.</param>
    /// <param name="historySize">How many events its history keeps (0: none).</param>
    /// <param name="predecessor">The entry of a removed hall that had the same id (a hall removed and added again at
    /// run time), whose readers may come back with its sequence numbers; null if none.</param>
    public HallEntry(Hall hall, int index, int historySize, HallEntry? predecessor = null)
    {
        _hall = hall;
        _definition = hall.Definition;
        Id = hall.Id;
        Index = index;
        _historySize = historySize;
        _predecessor = predecessor;
        _startSequence = hall.Sequence;
        FoldPredecessor();
    }

    /// <summary>A tombstone: what every slot of a hall with <paramref name="id"/> removed from a shard holds (see
    /// <see cref="Shard.Remove"/>). One per id and shard however often the id is removed and added again.</summary>
    private HallEntry(string id, int index, HallDefinition definition, in CommandResult refusal)
    {
        Id = id;
        Index = index; // the slot it was made for: a tombstone stands in several, and its records name the slot, not this
        _definition = definition;
        Refusal = refusal;
        _status = Removed;
    }

    /// <summary>The tombstone <see cref="Shard.Remove"/> puts in the slots of removed hall <paramref name="id"/>.</summary>
    public static HallEntry Tombstone(string id, int index, HallDefinition definition) =>
        new(id, index, definition, CommandResult.Fail(QueueError.UnknownHall, RemovedMessage(id)));

    /// <summary>
    /// What a handle of a removed hall is told. A handle is the hall it was got for (its events, its numbering), not its
    /// id: a hall added again with the id is another hall, with a handle of its own.
    /// </summary>
    public static string RemovedMessage(string? id) =>
        $"Hall '{id}' was removed from the engine. A handle stays with the hall it was got for: for a hall added again " +
        "with this id, use the handle QueueEngine.AddHall returned or QueueEngine.TryGetHall gives.";

    /// <summary>The state machine; shard thread only, and only while not removed.</summary>
    public Hall Hall => _hall!;

    /// <summary>The state machine, or null once removed; shard thread only.</summary>
    public Hall? HallOrNull => _hall;

    /// <summary>The hall's current definition; any thread.</summary>
    public HallDefinition Definition => Volatile.Read(ref _definition); // acquire: a definition swapped in by the shard is seen whole

    /// <summary>The hall's id (never changes).</summary>
    public string Id { get; }

    /// <summary>The hall's index in its shard.</summary>
    public int Index { get; }

    /// <summary>True while commands are applied (neither faulted nor removed). Shard thread on the hot path.</summary>
    public bool IsActive => Volatile.Read(ref _status) == Active; // acquire: pairs with the status writes below (a plain load on x64)

    /// <summary>True once the hall threw and until it is restored. Any thread.</summary>
    public bool IsFaulted => Volatile.Read(ref _status) == Faulted; // acquire: see the latest status

    /// <summary>True once removed (a tombstone). Any thread.</summary>
    public bool IsRemoved => Volatile.Read(ref _status) == Removed; // acquire: see the latest status

    /// <summary>What a command gets while the hall is not active (HallFaulted or UnknownHall). Shard thread only.</summary>
    public CommandResult Refusal { get; private set; }

    /// <summary>The bounded history of the hall's last events, or null until it first has a subscriber.</summary>
    public HallEventHistory? History => Volatile.Read(ref _history); // acquire: a history built on another thread is seen whole

    /// <summary>Shard thread: whether the journal holds a record of this hall as it stands (false until its first one).</summary>
    public bool Journaled { get; set; }

    /// <summary>Shard thread: the definition as UTF-8 JSON, for the journal; encoded again only when the definition changes.</summary>
    public byte[] DefinitionJson()
    {
        var definition = Hall.Definition;
        if (!ReferenceEquals(definition, _definitionJsonOf))
        {
            _definitionJson = System.Text.Encoding.UTF8.GetBytes(HallConfiguration.ToJson(definition));
            _definitionJsonOf = definition;
        }

        return _definitionJson!;
    }

    /// <summary>Test hook: when it returns true, the shard behaves as if the hall threw at the end of Apply.</summary>
    internal Func<HallCommand, bool>? FailWhen { get; set; }

    /// <summary>The current subscribers.</summary>
    public SubscriptionBuffer[] Subscribers => Volatile.Read(ref _subscribers); // acquire: a subscription is fully built before it is seen

    /// <summary>Creates the history if the hall has none yet (its first subscriber). Any thread.</summary>
    public HallEventHistory? EnsureHistory()
    {
        var history = Volatile.Read(ref _history); // acquire: reuse a published history
        if (history is null && _historySize > 0)
        {
            var fresh = new HallEventHistory(_historySize);
            history = Interlocked.CompareExchange(ref _history, fresh, null) ?? fresh; // publish once; a racing subscriber's wins
        }

        return history;
    }

    /// <summary>Shard thread: isolates the hall; commands now get <paramref name="refusal"/>.</summary>
    public void MarkFaulted(in CommandResult refusal)
    {
        Refusal = refusal;
        Volatile.Write(ref _status, Faulted); // release: the refusal is in place before other threads see the status
    }

    /// <summary>Shard thread: swaps in <paramref name="hall"/> (restored or redefined) and clears a fault.</summary>
    public void Replace(Hall hall)
    {
        _hall = hall;
        Refusal = default;
        Volatile.Write(ref _definition, hall.Definition); // release: the definition is published whole to HallHandle readers
        Volatile.Write(ref _status, Active); // release: after the swap
    }

    /// <summary>
    /// Shard thread: the hall went back from sequence <paramref name="reached"/> to <paramref name="restoredAt"/> (a
    /// restore from an earlier state), so the numbers after <paramref name="restoredAt"/> up to <paramref name="reached"/>
    /// now name other events than the ones readers saw under them. Kept as one range over every restore (a union that
    /// may cover a few numbers only the new timeline used: a reader there only resynchronises needlessly).
    /// </summary>
    public void Renumbered(long restoredAt, long reached)
    {
        if (reached <= restoredAt)
        {
            return; // nothing published after the restored state's sequence: no number was given twice
        }

        (_renumberedAfter, _renumberedThrough) = _renumberedThrough == 0
            ? (restoredAt, reached)
            : (Math.Min(_renumberedAfter, restoredAt), Math.Max(_renumberedThrough, reached));
    }

    /// <summary>Shard thread: the numbers given to two timelines by restores are those after this (0: none)...</summary>
    public long RenumberedAfter => _renumberedAfter;

    /// <summary>...up to this (0: none). See <see cref="Renumbered"/>.</summary>
    public long RenumberedThrough => _renumberedThrough;

    /// <summary>
    /// Shard thread: whether a reader's last sequence may be one given to another event on another timeline: by this
    /// hall before a restore took it back to an earlier state, or by an earlier hall with the same id that was removed
    /// before this one was added (the numbers after this hall's first state are its own, and the earlier hall's
    /// readers know them as other events). Neither the history nor the hall's own sequence can then say what the
    /// reader missed.
    /// </summary>
    public bool IsRenumbered(long afterSequence) =>
        (afterSequence > _renumberedAfter && afterSequence <= _renumberedThrough) || FollowsRemovedHall(afterSequence);

    /// <summary>
    /// Whether <paramref name="afterSequence"/>, a number after this hall's first state, was given out by an earlier
    /// hall with this id. Walks the chain of removed halls (one per removal of the id, read only when a reader
    /// resumes); an earlier hall whose removal has not run on its shard yet may still be numbering events, so any
    /// number after this hall's first state counts as shared with it.
    /// </summary>
    private bool FollowsRemovedHall(long afterSequence)
    {
        if (afterSequence <= _startSequence)
        {
            return false; // this hall's own first state (or before): shared by both timelines, or not in the history
        }

        if (afterSequence <= _earlierReached)
        {
            return true;
        }

        for (var earlier = _predecessor; earlier is not null; earlier = earlier._predecessor)
        {
            // IsRemoved's acquire: _reached, _earlierReached and _predecessor are read after it, as MarkRemoved wrote them.
            if (!earlier.IsRemoved || afterSequence <= earlier._reached || afterSequence <= earlier._earlierReached)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Keeps of a predecessor whose removal has run only the last sequence it (and the halls before it) numbered: all
    /// <see cref="FollowsRemovedHall"/> asks of it. Without this each hall added again held the whole chain of removed
    /// halls with its id, their definitions among them. A predecessor still being removed stays linked (its removal
    /// folds its own chain; a later removal of this hall folds it).
    /// </summary>
    private void FoldPredecessor()
    {
        if (_predecessor is { } earlier && earlier.IsRemoved && earlier._predecessor is null) // acquire: its fields as its removal wrote them
        {
            _earlierReached = Math.Max(_earlierReached, Math.Max(earlier._reached, earlier._earlierReached));
            _predecessor = null;
        }
    }

    /// <summary>The removed hall this id named before this one, while it is still needed (see <see cref="IsRenumbered"/>).</summary>
    internal HallEntry? Predecessor => _predecessor;

    /// <summary>
    /// Once removed: the day (numbering, daily caps, check-ins) the hall leaves to one added again with its id the same day,
    /// and its ticket serial for one added again any day; null when it gave no id, or once taken by a hall added again.
    /// Read after <see cref="IsRemoved"/> (whose acquire pairs with the exchange that published it).
    /// </summary>
    public CarriedDay? LeftDay => Volatile.Read(ref _leftDayTaken) ? null : Volatile.Read(ref _leftDay); // acquire: the journal's rounds read it on the shard thread

    /// <summary>What the removal left (<see cref="LeftDay"/> as the removal made it, even once taken): its own journal record.</summary>
    public CarriedDay? LeftAtRemoval { get; private set; }

    /// <summary>
    /// The engine's number for this hall's removal (see <see cref="SavedLeftDay.Removal"/>): set under the engine's
    /// lifecycle lock before the removal is posted to the shard, which reads it when it journals <see cref="LeftDay"/>.
    /// </summary>
    public long Removal { get; set; }

    /// <summary>
    /// A removed hall known only by the day it left, recovered from the journal (<see cref="JournalRecordKind.LeftDay"/>):
    /// the engine's removed hall of <paramref name="id"/> until the id is added again. No slot or handle names it.
    /// </summary>
    public static HallEntry LeftBehind(string id, CarriedDay day, long removal)
    {
        var entry = new HallEntry(id, -1, new HallDefinition { Id = id }, CommandResult.Fail(QueueError.UnknownHall, RemovedMessage(id)))
        {
            Removal = removal,
        };
        entry._leftDay = day;
        entry.LeftAtRemoval = day;
        return entry;
    }

    /// <summary>Drops <see cref="LeftDay"/>: taken by the hall added again, whose own records carry it from now on (the
    /// journal's rounds stop writing it). Under the engine's lifecycle lock; if the removal has not run on the shard yet,
    /// the day it leaves then is not taken either (as before, the hall added again did not carry it).</summary>
    public void ForgetLeftDay() => Volatile.Write(ref _leftDayTaken, true); // release: the shard's next round sees it

    /// <summary>Drops the day in <see cref="LeftDay"/> (its date ended) but keeps its ticket serial. Under the engine's
    /// lifecycle lock, once <see cref="IsRemoved"/>.</summary>
    public void KeepOnlySerial() =>
        Volatile.Write(ref _leftDay, _leftDay is { } day ? CarriedDay.SerialOnly(day.Serial) : null); // release: published whole to the shard's rounds

    /// <summary>Shard thread: leaves a tombstone (commands get <paramref name="refusal"/>) and returns the subscribers it detached.</summary>
    /// <param name="refusal">What commands get from now on.</param>
    /// <param name="removedAt">The engine's clock (UTC ticks; 0 when it failed), for <see cref="LeftDay"/>.</param>
    public SubscriptionBuffer[] MarkRemoved(in CommandResult refusal, long removedAt)
    {
        Refusal = refusal;
        _leftDay = LeftAtRemoval = _hall?.DayLeftAtRemoval(removedAt); // published by the status exchange below
        _reached = Math.Max(_hall?.Sequence ?? 0, _renumberedThrough); // published by the status exchange below
        FoldPredecessor(); // published by the status exchange below
        _hall = null;
        (_definitionJson, _definitionJsonOf) = (null, null); // the journal's copy: no record of a removed hall is written again
        Volatile.Write(ref _history, null); // release: the history can be collected
        Interlocked.Exchange(ref _status, Removed); // full fence: the status is visible before we detach (pairs with the check after Add)
        return DetachAll();
    }

    /// <summary>Adds a subscriber. Any thread.</summary>
    public void Add(SubscriptionBuffer subscription)
    {
        var current = Volatile.Read(ref _subscribers); // acquire: start the CAS loop from a published array
        while (true)
        {
            SubscriptionBuffer[] next = [.. current, subscription];
            var seen = Interlocked.CompareExchange(ref _subscribers, next, current); // publish, unless someone swapped first
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Removes a subscriber if present. Any thread.</summary>
    public void Remove(SubscriptionBuffer subscription)
    {
        var current = Volatile.Read(ref _subscribers); // acquire: start the CAS loop from a published array
        while (true)
        {
            var i = Array.IndexOf(current, subscription);
            if (i < 0)
            {
                return;
            }

            SubscriptionBuffer[] next = [.. current.AsSpan(0, i), .. current.AsSpan(i + 1)];
            var seen = Interlocked.CompareExchange(ref _subscribers, next, current); // publish, unless someone swapped first
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Takes every subscriber out (engine shutdown, hall removal).</summary>
    public SubscriptionBuffer[] DetachAll() => Interlocked.Exchange(ref _subscribers, []); // full fence: pairs with the check after Add
}
