namespace QueueCore.Simulation;

/// <summary>The figures of a result row. Waits are in minutes; shares are 0 to 1.</summary>
public enum Metric
{
    /// <summary>Items that came to wait (first items on arrival, further items when the previous one finished).</summary>
    Arrivals,

    /// <summary>Items called with their holder present.</summary>
    Served,

    /// <summary>Mean wait of served items, minutes: all replications' waits over all their served items (see
    /// <see cref="SimulationResult"/>).</summary>
    MeanWait,

    /// <summary>Median wait, minutes: of all replications' waits pooled, as are the other percentiles (see <see cref="SimulationResult"/>).</summary>
    P50Wait,

    /// <summary>90th percentile wait, minutes.</summary>
    P90Wait,

    /// <summary>99th percentile wait, minutes.</summary>
    P99Wait,

    /// <summary>Share called within the wait limit, of items served, abandoned or left unserved at closing: of all
    /// replications' items pooled, as are the other shares (see <see cref="SimulationResult"/>).</summary>
    WithinLimit,

    /// <summary>Share of served items that waited at all (an idle window did not take them at once).</summary>
    Waited,

    /// <summary>Share of arrivals whose holder left before the first call.</summary>
    Abandoned,

    /// <summary>Share of arrivals dropped as no-shows.</summary>
    NoShows,

    /// <summary>Share of arrivals still waiting when the day closed.</summary>
    Unserved,

    /// <summary>The longest wait of all replications, minutes (see <see cref="SimulationResult"/>).</summary>
    MaxWait,

    /// <summary>Tickets the hall turned away (e.g. after its day closed with its last window), counted by the service of
    /// their first item and the hour they came; not among <see cref="Arrivals"/>. Rows by class have no figure: a
    /// refused ticket never got a class (a traced one's is the hall's to derive from the citizen's attributes).</summary>
    Refused,
}
