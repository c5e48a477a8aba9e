namespace QueueCore.Simulation;

/// <summary>Every replication's rows added together, as each replication finishes: its counts, wait sums and
/// histograms. The mean wait, percentiles and shares of all the waits and tickets come from here (a percentile of the
/// days' percentiles is not one: the days with long waits make most of the tail; see <see cref="SimulationResult"/>). Integer sums, so the order replications finish in does not matter.</summary>
internal sealed class PooledRows(int rows)
{
    private readonly CellStats[] _rows = new CellStats[rows];
    private readonly Lock _lock = new(); // replications finish on several threads

    /// <summary>Adds one replication's rows (<see cref="RowLayout"/> order).</summary>
    public void Add(CellStats[] replication)
    {
        lock (_lock)
        {
            for (var r = 0; r < _rows.Length; r++)
            {
                CellStats.Add(ref _rows[r], replication[r]);
            }
        }
    }

    /// <summary>A row over all replications (read once every replication has been added).</summary>
    public ref readonly CellStats this[int row] => ref _rows[row];
}
