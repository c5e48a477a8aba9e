namespace QueueCore.Simulation;

/// <summary>What a run measured: rows per service, class and hour, windows, hourly utilisation and the wait
/// distributions, each figure with its 95% confidence interval over the replications.</summary>
/// <remarks>A figure is the mean of the replications' values, but for the mean wait, the percentile waits (p50, p90,
/// p99), the longest wait and the shares (within the limit, waited, abandoned, no-shows, unserved;
/// <see cref="OfAllReplications"/>): those are of all the replications' waits and tickets pooled. The mean of each
/// day's percentile is not a percentile of the waits and reads low in the tail (the days with long waits make most of
/// it), the mean of each day's longest read below that p99, and the mean of each day's share or mean wait weighs a
/// quiet day's few tickets as much as a busy day's many (a busy day with half its citizens within the limit and a
/// quiet day with all read 75% where half of all were). Their interval keeps the half-width of the days' own figures:
/// for the shares and the mean wait the spread of the days' own (an approximation of the pooled figure's, exact when
/// the days are of one size), for the percentiles the spread of the share of waits below the pooled percentile over
/// groups of replications, turned back into minutes through all the waits' quantiles (see
/// <see cref="PooledRows.PercentileInterval"/>; the spread of each day's own percentile covered Erlang C's p99 in half
/// of the runs with a few dozen waits a day), and only the days' spread for the longest.</remarks>
public sealed class SimulationResult
{
    private static readonly (Metric Metric, double Q)[] Percentiles = [(Metric.P50Wait, 0.50), (Metric.P90Wait, 0.90), (Metric.P99Wait, 0.99)];

    internal SimulationResult(SimulationPlan plan, SimulationOptions options, ReplicationSummary[] replications, PooledRows pooled, TimeSpan elapsed)
    {
        var layout = new RowLayout(plan);
        Name = plan.Name;
        Options = options;
        Elapsed = elapsed;
        ClassIds = plan.ClassIds;
        Hours = plan.Hours;
        FirstHour = plan.FirstHour;
        PerReplication = replications;
        var metrics = ReplicationSummary.Metrics;
        var values = new double[replications.Length];
        Span<double> all = stackalloc double[metrics];
        var rows = new List<ResultRow>(layout.Count);
        for (var r = 0; r < layout.Count; r++)
        {
            var figures = new Estimate[metrics];
            for (var m = 0; m < metrics; m++)
            {
                for (var i = 0; i < replications.Length; i++)
                {
                    values[i] = replications[i].Values[(r * metrics) + m];
                }

                figures[m] = Estimate.Of(values);
            }

            ReplicationSummary.Fill(all, pooled[r]);
            for (var m = 0; m < metrics; m++)
            {
                if (OfAllReplications((Metric)m))
                {
                    figures[m] = figures[m] with { Mean = all[m] };
                }
            }

            // A pooled percentile's interval from the groups' shares of waits below it (PooledRows.PercentileInterval):
            // the spread of each day's own percentile read far too narrow in the tail (a day's p99 of a few dozen waits
            // is about its longest). One group (a single replication) keeps the days' interval, NaN.
            if (pooled.Groups > 1)
            {
                foreach (var (metric, q) in Percentiles)
                {
                    figures[(int)metric] = figures[(int)metric] with { HalfWidth = pooled.PercentileInterval(r, q, figures[(int)metric].Mean) };
                }
            }

            var key = layout.Keys[r];
            rows.Add(new ResultRow
            {
                Key = key,
                ServiceName = key.Service is { } id ? plan.ServiceNames[Array.IndexOf(plan.ServiceIds, id)] : "all services",
                Figures = figures,
            });
        }

        Rows = rows;
        RowIndex = layout.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var windowPlans = plan.Halls.SelectMany(h => h.Windows.Select(w => (Hall: h.Definition.Id, w.Id))).ToArray();
        Windows = [.. windowPlans.Select((w, i) => new WindowResult(
            w.Hall, w.Id,
            Estimate.Of([.. replications.Select(x => x.Windows[i])]),
            Estimate.Of([.. replications.Select(x => x.WindowServed[i])]),
            Estimate.Of([.. replications.Select(x => x.WindowOpenHours[i])])))];
        HourlyUtilisation = [.. Enumerable.Range(0, plan.UtilisationHours).Select(h => Estimate.Of([.. replications.Select(x => x.HourUtilisation[h])]))];
        WaitHistograms = [.. Enumerable.Range(0, plan.ServiceIds.Length).Select(s =>
        {
            // Public as 5-second bins with the last one for four hours or more (the longer bins folded into it).
            var merged = new long[WaitHistogram.LinearBins + 1];
            if (pooled[RowLayout.Service(s)] is { Histogram: { } bins, BinsUsed: var used })
            {
                for (var b = 0; b < used; b++)
                {
                    merged[Math.Min(b, WaitHistogram.LinearBins)] += bins[b];
                }
            }

            return merged;
        })];
        Pooled = pooled;
        ServiceIds = plan.ServiceIds;
        Notices = plan.Notices;
        TicketsIssued = replications.Sum(x => x.Issued);
        TicketsRefused = replications.Sum(x => x.Refused);
        Commands = replications.Sum(x => x.Commands);
        PeakLiveTickets = replications.Max(x => x.PeakLive);
    }

    /// <summary>The scenario's name.</summary>
    public string Name { get; }

    /// <summary>The options it ran with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Every row: the total first, then per service, per service and class, per service and hour, and all
    /// services per hour.</summary>
    public IReadOnlyList<ResultRow> Rows { get; }

    /// <summary>Per window, in scenario order.</summary>
    public IReadOnlyList<WindowResult> Windows { get; }

    /// <summary>Utilisation of all open windows by hour of the day (index = hour from midnight), to the hour the last
    /// window closes (NaN means where none was open).</summary>
    public IReadOnlyList<Estimate> HourlyUtilisation { get; }

    /// <summary>The service ids, in the order of <see cref="WaitHistograms"/>.</summary>
    public IReadOnlyList<int> ServiceIds { get; }

    /// <summary>The class ids of the scenario.</summary>
    public IReadOnlyList<string> ClassIds { get; }

    /// <summary>The end of the hours covered by hourly rows: they run from <see cref="FirstHour"/> to <c>Hours - 1</c>
    /// (hours from midnight).</summary>
    public int Hours { get; }

    /// <summary>The first hour with hourly rows (from midnight): the scenario's dayStart's, before which nothing is counted.</summary>
    public int FirstHour { get; }

    /// <summary>Per service, all replications' waits in 5-second bins (the last bin: four hours or more).</summary>
    public IReadOnlyList<long[]> WaitHistograms { get; }

    /// <summary>Tickets issued over all replications, the warm-up's too: the work simulated (the rows' arrivals leave the
    /// warm-up out).</summary>
    public long TicketsIssued { get; }

    /// <summary>Arrivals the halls refused over all replications (e.g. after the last window closed and the day with
    /// it): a scenario whose arrivals outlast its opening hours. Those of the warm-up are left out, as from every row:
    /// this is the total row's <see cref="Metric.Refused"/> times the replications.</summary>
    public long TicketsRefused { get; }

    /// <summary>What the planner should know about the scenario that is not an error, each naming its field: trace
    /// tickets that arrive before the scenario's dayStart (replayed, but not counted, as warm-up); trace tickets that
    /// come back to an item they had (replayed as one visit to it, the handling times added); a hall its arrivals overload
    /// (offered load at or above the windows open, from when to when: there the waits grow with the overload's length);
    /// a service of an untraced hall without arrivalsPerHour (no ticket of its own: only an extra item of others', or
    /// none at all).</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>Commands applied to halls over all replications.</summary>
    public long Commands { get; }

    /// <summary>The most tickets live at once in one hall, over the replications.</summary>
    public long PeakLiveTickets { get; }

    internal ReplicationSummary[] PerReplication { get; }

    /// <summary>Every row over all replications (counts, sums, histograms), <see cref="RowIndex"/> order.</summary>
    internal PooledRows Pooled { get; }

    internal Dictionary<ResultKey, int> RowIndex { get; }

    /// <summary>Whether <paramref name="metric"/> is a figure of all replications' waits pooled (p50, p90, p99, the
    /// longest) rather than a mean of the replications' values.</summary>
    public static bool OfAllWaits(Metric metric) => metric is Metric.P50Wait or Metric.P90Wait or Metric.P99Wait or Metric.MaxWait;

    /// <summary>Whether <paramref name="metric"/> is a figure of all replications' waits and tickets pooled (those of
    /// <see cref="OfAllWaits"/>, the mean wait, and the shares: within the limit, waited, abandoned, no-shows, unserved)
    /// rather than a mean of the replications' values (the counts: arrivals, served, refused).</summary>
    public static bool OfAllReplications(Metric metric) =>
        OfAllWaits(metric) || metric is Metric.MeanWait or Metric.WithinLimit or Metric.Waited or Metric.Abandoned or Metric.NoShows or Metric.Unserved;

    /// <summary>The row for a key, or null.</summary>
    public ResultRow? Row(ResultKey key) => RowIndex.TryGetValue(key, out var i) ? Rows[i] : null;

    /// <summary>The whole-day row of a service (null: all services).</summary>
    public ResultRow? Row(int? service) => Row(new ResultKey(service, null, null));

    /// <summary>One replication's value of a figure (NaN when it had no data).</summary>
    internal double Value(int replication, ResultKey key, Metric metric) =>
        PerReplication[replication].Values[(RowIndex[key] * ReplicationSummary.Metrics) + (int)metric];
}
