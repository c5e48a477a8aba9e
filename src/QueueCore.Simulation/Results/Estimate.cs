namespace QueueCore.Simulation;

/// <summary>A figure estimated over replications: the mean and the half-width of its 95% confidence interval
/// (Student t over the replications' values; NaN half-width with fewer than two).</summary>
/// <param name="Mean">The mean over replications (NaN when no replication had data).</param>
/// <param name="HalfWidth">Half the width of the 95% confidence interval.</param>
/// <param name="Samples">How many replications had data for it.</param>
public readonly record struct Estimate(double Mean, double HalfWidth, int Samples)
{
    /// <summary>The lower end of the 95% confidence interval.</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>The upper end of the 95% confidence interval.</summary>
    public double High => Mean + HalfWidth;

    /// <summary>Whether <paramref name="value"/> lies in the 95% confidence interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>The estimate over the finite values given (NaN values are skipped: replications without data).</summary>
    public static Estimate Of(ReadOnlySpan<double> values)
    {
        var n = 0;
        var sum = 0.0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                n++;
                sum += v;
            }
        }

        if (n == 0)
        {
            return new(double.NaN, double.NaN, 0);
        }

        var mean = sum / n;
        if (n == 1)
        {
            return new(mean, double.NaN, 1);
        }

        var squares = 0.0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                squares += (v - mean) * (v - mean);
            }
        }

        var standardError = Math.Sqrt(squares / (n - 1) / n);
        return new(mean, StudentT.Quantile975(n - 1) * standardError, n);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        double.IsNaN(HalfWidth) ? $"{Mean:0.###}" : $"{Mean:0.###} ± {HalfWidth:0.###}";
}
