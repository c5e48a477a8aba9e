namespace QueueCore.Simulation;

/// <summary>A duration distribution, sampled in ticks (100 ns).</summary>
internal abstract class Distribution
{
    /// <summary>The mean in ticks.</summary>
    public abstract double Mean { get; }

    /// <summary>One sample in ticks (at least 1).</summary>
    public abstract long Sample(ref Xoshiro256 random);

    public static Distribution Exponential(double meanTicks) => new ExponentialDistribution(meanTicks);

    public static Distribution Fixed(double ticks) => new FixedDistribution(ticks);

    /// <summary>Log-normal with the given mean and standard deviation (not those of its logarithm).</summary>
    public static Distribution LogNormal(double meanTicks, double sdTicks)
    {
        var sigma2 = Math.Log(1 + (sdTicks * sdTicks / (meanTicks * meanTicks)));
        return new LogNormalDistribution(Math.Log(meanTicks) - (sigma2 / 2), Math.Sqrt(sigma2), meanTicks);
    }

    public static Distribution Empirical(IEnumerable<double> ticks) => new EmpiricalDistribution([.. ticks]);

    /// <summary>The longest sample (a log-normal's far tail with a large spread passed the simulation's clock: a crash).</summary>
    private const double MaxTicks = ScenarioCompiler.MaxMinutes * TimeSpan.TicksPerMinute;

    private static long Ticks(double value) => Math.Max(1, (long)Math.Min(value, MaxTicks));

    private sealed class ExponentialDistribution(double mean) : Distribution
    {
        public override double Mean => mean;

        public override long Sample(ref Xoshiro256 random) => Ticks(random.NextExponential(mean));
    }

    private sealed class FixedDistribution(double value) : Distribution
    {
        public override double Mean => value;

        public override long Sample(ref Xoshiro256 random) => Ticks(value);
    }

    private sealed class LogNormalDistribution(double mu, double sigma, double mean) : Distribution
    {
        public override double Mean => mean;

        public override long Sample(ref Xoshiro256 random) => Ticks(Math.Exp(mu + (sigma * random.NextNormal())));
    }

    private sealed class EmpiricalDistribution(double[] samples) : Distribution
    {
        public override double Mean => samples.Average();

        public override long Sample(ref Xoshiro256 random) => Ticks(samples[random.NextInt(samples.Length)]);
    }
}
