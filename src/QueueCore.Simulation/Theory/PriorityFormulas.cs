namespace QueueCore.Simulation;

/// <summary>
/// Cobham's (1954) mean waits for a single server with non-preemptive priority classes: class k (0 the highest)
/// waits W_k = W0 / ((1 - σ_{k-1}) (1 - σ_k)), where σ_k is the load of classes 0..k and W0 = Σ λ_i E[S_i²] / 2 is
/// the mean residual work found in service.
/// </summary>
public static class PriorityFormulas
{
    /// <summary>Mean waits in queue per class, highest priority first; infinity for classes the server cannot keep up with.</summary>
    /// <param name="arrivalRates">λ_k per class.</param>
    /// <param name="meanService">E[S_k] per class.</param>
    /// <param name="secondMoments">E[S_k²] per class (2 E[S]² for exponential service).</param>
    public static double[] NonPreemptiveMeanWaits(IReadOnlyList<double> arrivalRates, IReadOnlyList<double> meanService, IReadOnlyList<double> secondMoments)
    {
        ArgumentNullException.ThrowIfNull(arrivalRates);
        ArgumentNullException.ThrowIfNull(meanService);
        ArgumentNullException.ThrowIfNull(secondMoments);
        var n = arrivalRates.Count;
        var w0 = 0.0;
        for (var k = 0; k < n; k++)
        {
            w0 += arrivalRates[k] * secondMoments[k] / 2;
        }

        var waits = new double[n];
        var before = 0.0;
        for (var k = 0; k < n; k++)
        {
            var upTo = before + (arrivalRates[k] * meanService[k]);
            waits[k] = upTo >= 1 ? double.PositiveInfinity : w0 / ((1 - before) * (1 - upTo));
            before = upTo;
        }

        return waits;
    }

    /// <summary>The same for exponential service times (E[S²] = 2 E[S]²).</summary>
    public static double[] NonPreemptiveMeanWaitsExponential(IReadOnlyList<double> arrivalRates, IReadOnlyList<double> meanService) =>
        NonPreemptiveMeanWaits(arrivalRates, meanService, [.. meanService.Select(s => 2 * s * s)]);
}
