namespace QueueCore.Simulation;

/// <summary>The rows every result has, in order: the total, each service, each service by class, each service by hour,
/// and all services by hour (the hours from <see cref="FirstHour"/>, dayStart's).</summary>
internal sealed class RowLayout
{
    public RowLayout(SimulationPlan plan)
    {
        Services = plan.ServiceIds.Length;
        Classes = plan.ClassIds.Length;
        Hours = plan.Hours;
        FirstHour = plan.FirstHour;
        var keys = new List<ResultKey> { new(null, null, null) };
        keys.AddRange(plan.ServiceIds.Select(s => new ResultKey(s, null, null)));
        foreach (var s in plan.ServiceIds)
        {
            keys.AddRange(plan.ClassIds.Select(c => new ResultKey(s, c, null)));
        }

        foreach (var s in plan.ServiceIds)
        {
            keys.AddRange(Enumerable.Range(FirstHour, HourRows).Select(h => new ResultKey(s, null, h)));
        }

        keys.AddRange(Enumerable.Range(FirstHour, HourRows).Select(h => new ResultKey(null, null, h)));
        Keys = [.. keys];
    }

    public int Services { get; }

    public int Classes { get; }

    public int Hours { get; }

    /// <summary>The first hour with rows; the cells' hours before it hold nothing counted.</summary>
    public int FirstHour { get; }

    /// <summary>Rows per service by hour (and of all services by hour).</summary>
    public int HourRows => Hours - FirstHour;

    public ResultKey[] Keys { get; }

    public int Count => Keys.Length;

    public static int Total => 0;

    public static int Service(int s) => 1 + s;

    public int ServiceClass(int s, int c) => 1 + Services + (s * Classes) + c;

    /// <summary>The row of service <paramref name="s"/> in hour <paramref name="h"/> (from midnight, at least <see cref="FirstHour"/>).</summary>
    public int ServiceHour(int s, int h) => 1 + Services + (Services * Classes) + (s * HourRows) + h - FirstHour;

    /// <summary>The row of all services in hour <paramref name="h"/> (from midnight, at least <see cref="FirstHour"/>).</summary>
    public int Hour(int h) => 1 + Services + (Services * Classes) + (Services * HourRows) + h - FirstHour;
}
