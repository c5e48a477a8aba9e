namespace QueueCore.Simulation;

/// <summary>The 97.5% quantile of Student's t distribution (two-sided 95% intervals).</summary>
public static class StudentT
{
    private static readonly double[] Table =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    /// <summary>t(0.975, <paramref name="degreesOfFreedom"/>): tabulated to 30, then the Cornish-Fisher expansion
    /// around the normal quantile (error below 1e-4).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length)
        {
            return Table[degreesOfFreedom - 1];
        }

        const double Z = 1.959963984540054;
        double n = degreesOfFreedom;
        var z3 = Z * Z * Z;
        var z5 = z3 * Z * Z;
        var z7 = z5 * Z * Z;
        return Z + ((z3 + Z) / (4 * n)) + (((5 * z5) + (16 * z3) + (3 * Z)) / (96 * n * n))
            + (((3 * z7) + (19 * z5) + (17 * z3) - (15 * Z)) / (384 * n * n * n));
    }
}
