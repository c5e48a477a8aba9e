using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// Maps public ids (service items, windows) to dense indices. Ids in a small range (the usual case: 1..n, or a
/// catalog's codes below 65,536) are looked up in a plain array, one load; scattered ids fall back to a dictionary.
/// </summary>
internal readonly struct IdIndex
{
    private const int MaxDense = 1 << 16;

    private readonly int[]? _dense; // id -> index + 1 (0: none), so a fresh array means "no ids"
    private readonly Dictionary<int, int>? _map;

    /// <summary>Indexes <paramref name="ids"/> (non-negative, distinct; their positions are the dense indices).</summary>
    public IdIndex(IReadOnlyList<int> ids)
    {
        var max = 0;
        foreach (var id in ids)
        {
            max = Math.Max(max, id);
        }

        if (max < MaxDense)
        {
            _dense = new int[max + 1];
            for (var i = 0; i < ids.Count; i++)
            {
                _dense[ids[i]] = i + 1;
            }
        }
        else
        {
            _map = new Dictionary<int, int>(ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                _map[ids[i]] = i;
            }
        }
    }

    /// <summary>The dense index of <paramref name="id"/>, if known.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(int id, out int index)
    {
        if (_dense is { } dense)
        {
            index = (uint)id < (uint)dense.Length ? dense[id] - 1 : -1;
            return index >= 0;
        }

        return _map!.TryGetValue(id, out index);
    }
}
