namespace QueueCore;

/// <summary>
/// The best candidates of one tier level (primary or overflow) seen while reading tournament roots: the best
/// overall, the best of the window's dedicated class, and the best normal ticket (for the interleave rule).
/// </summary>
internal struct DispatchChoice
{
    private long _bestRank, _bestOrder, _dedRank, _dedOrder, _normRank, _normOrder;
    private int _best, _ded, _norm;

    public static DispatchChoice Empty => new()
    {
        _bestRank = long.MaxValue, _bestOrder = long.MaxValue, _best = -1,
        _dedRank = long.MaxValue, _dedOrder = long.MaxValue, _ded = -1,
        _normRank = long.MaxValue, _normOrder = long.MaxValue, _norm = -1,
    };

    public readonly bool Found => _best >= 0;

    /// <summary>The best candidate overall (rank alone), or -1.</summary>
    public readonly int Best => _best;

    /// <summary>Whether a normal ticket was among the candidates.</summary>
    public readonly bool HasNormal => _norm >= 0;

    public void Consider(long rank, long order, int slot, bool dedicated, bool normal)
    {
        if (RankNode.Less(rank, order, _bestRank, _bestOrder))
        {
            (_bestRank, _bestOrder, _best) = (rank, order, slot);
        }

        if (dedicated && RankNode.Less(rank, order, _dedRank, _dedOrder))
        {
            (_dedRank, _dedOrder, _ded) = (rank, order, slot);
        }

        if (normal && RankNode.Less(rank, order, _normRank, _normOrder))
        {
            (_normRank, _normOrder, _norm) = (rank, order, slot);
        }
    }

    /// <summary>A dedicated window takes its class first; when the interleave rule owes normal calls the best normal ticket; else the best.</summary>
    public readonly int Pick(bool preferNormal) =>
        _ded >= 0 ? _ded : preferNormal && _norm >= 0 ? _norm : _best;
}
