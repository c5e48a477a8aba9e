namespace QueueCore.Benchmarks.Scenarios;

/// <summary>
/// Zipf popularity over <c>count</c> items: item k (0-based) is drawn with weight 1 / (k + 1)^exponent, so item 0 is
/// the most popular. Draws are a binary search in the cumulative weights, driven by the caller's seeded
/// <see cref="Random"/> (setup only; benchmarks replay precomputed draws).
/// </summary>
internal sealed class ZipfDistribution
{
    private readonly double[] _cumulative;

    public ZipfDistribution(int count, double exponent = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _cumulative = new double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            _cumulative[k] = sum;
        }
    }

    public int Next(Random random)
    {
        var u = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, u);
        return Math.Min(i >= 0 ? i + 1 : ~i, _cumulative.Length - 1);
    }
}
