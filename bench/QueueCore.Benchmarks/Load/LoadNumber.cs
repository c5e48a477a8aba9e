namespace QueueCore.Benchmarks.Load;

/// <summary>A whole number a load command takes: its default, and the least and the most it runs with (a size past
/// <see cref="Max"/> would take more memory, disk or time than a benchmark run should; <see cref="int.MaxValue"/> when
/// something else checks it).</summary>
internal sealed record LoadNumber(string Name, int Default, int Max = int.MaxValue, int Min = 1)
{
    /// <summary>E.g. <c>halls=16, max 1000</c>; with <paramref name="more"/> after the default (<c>size=16..., 8 to 4096</c>).</summary>
    public string Usage(string more = "") => (Min, Max) switch
    {
        (1, int.MaxValue) => $"{Name}={Default}{more}",
        (1, _) => $"{Name}={Default}{more}, max {Max}",
        _ => $"{Name}={Default}{more}, {Min} to {Max}",
    };
}
