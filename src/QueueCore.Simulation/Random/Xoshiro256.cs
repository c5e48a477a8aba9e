using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueueCore.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a small, fast generator whose state is a value, so each replication and
/// each arrival stream owns one and a run is reproducible from its seed whatever the thread.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose state is expanded from <paramref name="seed"/> by SplitMix64.</summary>
    public Xoshiro256(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>Mixes several numbers into one seed (replication, hall, stream).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var x = a ^ (b * 0x9E3779B97F4A7C15UL);
        return SplitMix(ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>Exponential with the given mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Standard normal (Marsaglia's polar method; the second value is dropped to keep the state a value).</summary>
    public double NextNormal()
    {
        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s is >= 1 or 0);

        return u * Math.Sqrt(-2 * Math.Log(s) / s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a generator per handling time: four of these each
    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
