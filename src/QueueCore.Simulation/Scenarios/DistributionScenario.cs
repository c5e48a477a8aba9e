namespace QueueCore.Simulation;

/// <summary>
/// A duration distribution: <c>exponential</c> (meanMinutes), <c>lognormal</c> (meanMinutes, sdMinutes),
/// <c>fixed</c> (minutes) or <c>empirical</c> (samplesMinutes, drawn uniformly, e.g. a trace's handling times).
/// </summary>
public sealed record DistributionScenario
{
    /// <summary>"exponential", "lognormal", "fixed" or "empirical".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The mean in minutes (exponential, lognormal).</summary>
    public double? MeanMinutes { get; set; }

    /// <summary>The standard deviation in minutes (lognormal).</summary>
    public double? SdMinutes { get; set; }

    /// <summary>The constant in minutes (fixed).</summary>
    public double? Minutes { get; set; }

    /// <summary>Observed values in minutes (empirical).</summary>
    public IReadOnlyList<double>? SamplesMinutes { get; set; }
}
