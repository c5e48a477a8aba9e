namespace QueueCore;

/// <summary>One service item's configuration (compiled to ticks and indices) and live counters.</summary>
internal sealed class ServiceRecord
{
    public ServiceRecord(int index, ServiceItem definition, int category)
    {
        Index = index;
        Id = definition.Id;
        Definition = definition;
        Category = category;
        WaitLimitTicks = definition.WaitLimit?.Ticks ?? 0;
        ServiceTimeLimitTicks = definition.ServiceTimeLimit?.Ticks ?? 0;
        DailyCap = definition.DailyCap ?? int.MaxValue;
        WarningLength = definition.QueueWarningLength ?? int.MaxValue;
        // In time order, as a refusal lists them to the citizen ("08:30-11:30 and 13:30-16:30"), whatever the definition's;
        // a span to 00:00 ends at midnight, the end of the day.
        Hours = [.. definition.IssuingHours.OrderBy(h => h.From).SelectMany(h => new[] { h.From.Ticks, h.To == TimeOnly.MinValue ? TimeSpan.TicksPerDay : h.To.Ticks })];
        SetAverageHandling(definition.ExpectedHandlingTime.Ticks);
    }

    public int Index { get; }

    /// <summary>The public id (cached here: results and events need it on every command).</summary>
    public int Id { get; }

    public ServiceItem Definition { get; }

    public int Category { get; }

    public long WaitLimitTicks { get; }

    public long ServiceTimeLimitTicks { get; }

    /// <summary>Tickets a day (int.MaxValue: no cap).</summary>
    public int DailyCap { get; }

    /// <summary>Waiting tickets that raise the queue warning (int.MaxValue: never).</summary>
    public int WarningLength { get; }

    /// <summary>Issuing hours as [from, to) pairs of local time-of-day ticks, by start; empty: whenever the day is open.</summary>
    public long[] Hours { get; }

    /// <summary>Where the item's queues appear in profile tiers.</summary>
    public TierLeaf[] Leaves = [];

    /// <summary>The item's category when some tier serves that category whole (its tickets are then also kept in the
    /// hall's (category, class) queues), or -1.</summary>
    public int CategoryQueue = -1;

    /// <summary>Open windows that serve the item as primary (for estimates).</summary>
    public int OpenServers { get; private set; }

    /// <summary>
    /// The overflow delays (ticks, shortest first) at which windows serve the item as overflow, one entry per distinct
    /// delay; empty when none does. Set by the compiler.
    /// </summary>
    public long[] OverflowDelays
    {
        get => _overflowDelays;
        set
        {
            _overflowDelays = value;
            _openOverflow = new int[value.Length];
        }
    }

    /// <summary>
    /// The shortest overflow delay (ticks) of the open windows that serve the item as overflow, paused ones left out;
    /// -1 when none is open. Reads a count per distinct delay (one or two): only estimates with no primary window
    /// open ask.
    /// </summary>
    public long ShortestOpenOverflowDelay()
    {
        for (var i = 0; i < _openOverflow.Length; i++)
        {
            if (_openOverflow[i] > 0)
            {
                return _overflowDelays[i];
            }
        }

        return -1;
    }

    /// <summary>An open window serving the item as overflow after <paramref name="delay"/> opened (+1) or stopped (-1).</summary>
    public void AddOverflowServers(long delay, int delta) => _openOverflow[Array.IndexOf(_overflowDelays, delay)] += delta;

    private long[] _overflowDelays = [];
    private int[] _openOverflow = [];

    public int Waiting;
    public int IssuedToday;
    public bool WarningRaised;

    /// <summary>When <see cref="WarningRaised"/> was last set (ticks; 0: not known), for the open alert's
    /// <see cref="OpenAlert.Since"/>: the hall keeps no event, and a dashboard opened later is told when the queue grew.</summary>
    public long WarningRaisedAt;

    /// <summary>Moving average of handling time (ticks).</summary>
    public long AverageHandlingTicks { get; private set; }

    /// <summary>The estimated wait one place in the queue adds: the average handling time shared over the open
    /// windows that serve the item as primary (one assumed when none is open). Kept up to date here, so an issue
    /// multiplies instead of dividing.</summary>
    public long TicksPerPlace { get; private set; }

    /// <summary>
    /// Adds a handling time to the moving average (weight 1/5 to the newest), counting at most four times the average
    /// (at least four minutes): a Finish pressed after lunch, or the next morning for a service left open overnight,
    /// would otherwise move the average by hours and every kiosk's estimate with it. Real handling times that grow
    /// are still followed (the limit grows with the average); with exponential handling times the limit leaves the
    /// average about 2% low.
    /// </summary>
    public void AddHandlingTime(long ticks)
    {
        var average = AverageHandlingTicks;
        var counted = Math.Min(ticks, OutlierFactor * Math.Max(average, TimeSpan.TicksPerMinute));
        SetAverageHandling(Math.Min(MaxAverageTicks, average + ((counted - average) / 5)));
    }

    /// <summary>The longest average: a day, the longest a definition may expect (HallCompiler.MaxExpectedHandlingTime). Four
    /// times the average counted per finish could otherwise grow it without end; a saved state holding more is refused.</summary>
    private const long MaxAverageTicks = TimeSpan.TicksPerDay;

    private const int OutlierFactor = 4;

    public void SetAverageHandling(long ticks)
    {
        AverageHandlingTicks = ticks;
        TicksPerPlace = (long)(ticks * _perServer); // a multiply: this runs on every finish
    }

    public void AddServers(int delta)
    {
        OpenServers += delta;
        _perServer = 1.0 / Math.Max(1, OpenServers);
        TicksPerPlace = (long)(AverageHandlingTicks * _perServer);
    }

    private double _perServer = 1.0;
}
