using System.Diagnostics.CodeAnalysis;

namespace QueueCore;

/// <summary>
/// <see cref="ServiceQueueSnapshot.WaitingByClass"/>: one service's waiting counts by class, read from a slice of one
/// array the whole snapshot shares, keyed by the hall's own class ids. A server refreshes the figures of hundreds of
/// halls twice a second and keeps each snapshot until the next: a <see cref="Dictionary{TKey,TValue}"/> per service
/// (three objects) made these snapshots most of what its young collections had to copy.
/// </summary>
internal sealed class ClassCounts : IReadOnlyDictionary<string, int>
{
    /// <summary>No class waiting.</summary>
    public static readonly ClassCounts Empty = new([], [], 0, 0);

    private readonly string[] _classes;
    private readonly int[] _counts;
    private readonly int _offset;

    /// <param name="classes">The hall's class ids, by class index (shared, never written).</param>
    /// <param name="counts">The snapshot's counts: a slice of <paramref name="classes"/>' length per service.</param>
    /// <param name="offset">Where this service's slice starts.</param>
    /// <param name="waitingClasses">How many classes of the slice have tickets waiting.</param>
    public ClassCounts(string[] classes, int[] counts, int offset, int waitingClasses)
    {
        _classes = classes;
        _counts = counts;
        _offset = offset;
        Count = waitingClasses;
    }

    /// <summary>Classes with tickets waiting: classes with none are left out, as <see cref="ServiceQueueSnapshot"/> says.</summary>
    public int Count { get; }

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<int> Values => this.Select(pair => pair.Value);

    public int this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No ticket of class '{key}' is waiting.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out int value)
    {
        for (var c = 0; c < _classes.Length; c++)
        {
            if (string.Equals(_classes[c], key, StringComparison.Ordinal) && _counts[_offset + c] > 0)
            {
                value = _counts[_offset + c];
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>The classes with tickets waiting, in the hall's class order.</summary>
    public IEnumerator<KeyValuePair<string, int>> GetEnumerator()
    {
        for (var c = 0; c < _classes.Length; c++)
        {
            if (_counts[_offset + c] > 0)
            {
                yield return new KeyValuePair<string, int>(_classes[c], _counts[_offset + c]);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
