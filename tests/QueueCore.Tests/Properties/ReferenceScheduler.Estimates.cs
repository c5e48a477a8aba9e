namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: what estimates read, worked out the plain way. Each item's moving average of handling times (as
/// <see cref="ServiceQueueSnapshot.AverageHandlingTime"/> documents it: from the expected handling time, the newest
/// weighs a fifth, and one counts as at most four times the average or four minutes), and when each busy window's
/// service is expected to end: its start (or call) plus the average of the item it serves, as it stood then.
/// </remarks>
internal sealed partial class ReferenceScheduler
{
    private readonly Dictionary<int, long> _averages = [];

    /// <summary>The item's moving average of handling times (ticks).</summary>
    public long AverageOf(int service) =>
        _averages.TryGetValue(service, out var average) ? average : _services[service].ExpectedHandlingTime.Ticks;

    /// <summary>The window's ticket's service counts from now: it is expected to end one average of its item later.</summary>
    private void ExpectEnd(ModelWindow w) => w.ExpectedEnd = Now + AverageOf(w.Current!.Service);

    /// <summary>A finished service's handling time joins its item's average.</summary>
    private void CountHandling(int service, long handling)
    {
        var average = AverageOf(service);
        var counted = Math.Min(handling, 4 * Math.Max(average, TimeSpan.TicksPerMinute));
        _averages[service] = average + ((counted - average) / 5);
    }
}
