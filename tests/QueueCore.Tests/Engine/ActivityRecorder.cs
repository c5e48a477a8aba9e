using System.Diagnostics;

namespace QueueCore.Tests.Engine;

/// <summary>
/// Records the activities QueueCore stops, with a caller's source of its own to parent them under (so a test finds
/// its own spans among those of tests running beside it).
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public ActivityRecorder(string callerName)
    {
        Caller = new ActivitySource(callerName);
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == QueueCoreDiagnostics.ActivitySourceName || s == Caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => Started?.Invoke(a),
            ActivityStopped = a =>
            {
                lock (_stopped)
                {
                    _stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Called as each activity the recorder listens to starts (on the thread that starts it).</summary>
    public Action<Activity>? Started { get; set; }

    /// <summary>The source the test starts its parent span from.</summary>
    public ActivitySource Caller { get; }

    /// <summary>The stopped activities named <paramref name="operation"/> whose parent is <paramref name="parent"/>.</summary>
    public List<Activity> Stopped(string operation, Activity? parent)
    {
        lock (_stopped)
        {
            return [.. _stopped.Where(a => a.OperationName == operation && a.ParentSpanId == parent!.SpanId)];
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        Caller.Dispose();
    }
}
