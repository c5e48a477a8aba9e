namespace QueueCore.Simulation;

/// <summary>The rows every result has, in order: the total, each service, each service by class, each service by hour,
/// and all services by hour.</summary>
internal sealed class RowLayout
{
    public RowLayout(SimulationPlan plan)
    {
        Services = plan.ServiceIds.Length;
        Classes = plan.ClassIds.Length;
        Hours = plan.Hours;
        var keys = new List<ResultKey> { new(null, null, null) };
        keys.AddRange(plan.ServiceIds.Select(s => new ResultKey(s, null, null)));
        foreach (var s in plan.ServiceIds)
        {
            keys.AddRange(plan.ClassIds.Select(c => new ResultKey(s, c, null)));
        }

        foreach (var s in plan.ServiceIds)
        {
            keys.AddRange(Enumerable.Range(0, Hours).Select(h => new ResultKey(s, null, h)));
        }

        keys.AddRange(Enumerable.Range(0, Hours).Select(h => new ResultKey(null, null, h)));
        Keys = [.. keys];
    }

    public int Services { get; }

    public int Classes { get; }

    public int Hours { get; }

    public ResultKey[] Keys { get; }

    public int Count => Keys.Length;

    public static int Total => 0;

    public static int Service(int s) => 1 + s;

    public int ServiceClass(int s, int c) => 1 + Services + (s * Classes) + c;

    public int ServiceHour(int s, int h) => 1 + Services + (Services * Classes) + (s * Hours) + h;

    public int Hour(int h) => 1 + Services + (Services * Classes) + (Services * Hours) + h;
}
