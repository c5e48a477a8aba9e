namespace QueueCore.Tests.Properties;

/// <summary>
/// Draws the choices of one random operation from its generated int (SplitMix64), so an operation is a plain int that
/// CsCheck can shrink, and the same int always decodes to the same choices given the same model state.
/// </summary>
internal struct OpBits(int seed)
{
    private ulong _state = (ulong)seed;

    /// <summary>A number in [0, n).</summary>
    public int Next(int n)
    {
        _state += 0x9E3779B97F4A7C15;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (int)(z % (ulong)n);
    }

    /// <summary>True with probability <paramref name="percent"/> / 100.</summary>
    public bool Chance(int percent) => Next(100) < percent;
}
