using System.Globalization;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// A ratio of two throughputs measured alternately over a few rounds, so a neighbour's load on a shared machine falls
/// on both alike; prints each round's ratio and the median.
/// </summary>
internal static class AlternatedRounds
{
    private const int Rounds = 3;

    /// <summary>Measures <paramref name="baseline"/> then <paramref name="candidate"/> each round; prints candidate / baseline as <paramref name="label"/>.</summary>
    public static async Task RunAsync(Func<Task<double>> baseline, Func<Task<double>> candidate, string label)
    {
        var ratios = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var before = await baseline();
            var ratio = await candidate() / before;
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {ratio:F2}"));
        }

        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {Rounds} alternated rounds: {ratios[Rounds / 2]:F2} (range {ratios[0]:F2}-{ratios[^1]:F2})"));
    }
}
