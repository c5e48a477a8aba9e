namespace QueueCore.Simulation;

/// <summary>
/// The M/M/c queue (Poisson arrivals, exponential service, c servers, first come first served, nobody leaves):
/// Erlang's C formula and what follows from it. Rates are per any one time unit; waits come back in that unit.
/// </summary>
public static class ErlangC
{
    /// <summary>Erlang B, the blocking probability of c servers offered <paramref name="load"/> Erlangs (the stable
    /// recursion B(k) = A B(k-1) / (k + A B(k-1))).</summary>
    public static double ErlangB(int servers, double load)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(load);
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            b = load * b / (k + (load * b));
        }

        return b;
    }

    /// <summary>The probability that an arrival waits, C(c, A) with A = λ/μ Erlangs; 1 when the load is at or above c.</summary>
    public static double ProbabilityOfWaiting(int servers, double arrivalRate, double serviceRate)
    {
        var load = Load(arrivalRate, serviceRate);
        if (load >= servers)
        {
            return 1;
        }

        var b = ErlangB(servers, load);
        return servers * b / (servers - (load * (1 - b)));
    }

    /// <summary>The mean wait in queue, C / (cμ - λ); infinity when the load is at or above c.</summary>
    public static double MeanWait(int servers, double arrivalRate, double serviceRate)
    {
        var load = Load(arrivalRate, serviceRate);
        return load >= servers ? double.PositiveInfinity : ProbabilityOfWaiting(servers, arrivalRate, serviceRate) / ((servers * serviceRate) - arrivalRate);
    }

    /// <summary>The service level, P(wait &lt;= t) = 1 - C e^{-(cμ - λ) t}; 0 when the load is at or above c.</summary>
    public static double ServiceLevel(int servers, double arrivalRate, double serviceRate, double limit)
    {
        var load = Load(arrivalRate, serviceRate);
        return load >= servers ? 0 : 1 - (ProbabilityOfWaiting(servers, arrivalRate, serviceRate) * Math.Exp(-((servers * serviceRate) - arrivalRate) * limit));
    }

    /// <summary>The fewest servers whose service level for <paramref name="limit"/> reaches <paramref name="target"/>
    /// (0 when nobody arrives).</summary>
    public static int ServersFor(double arrivalRate, double serviceRate, double target, double limit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, 1);
        if (arrivalRate <= 0)
        {
            return 0;
        }

        var servers = (int)Math.Floor(Load(arrivalRate, serviceRate)) + 1;
        while (ServiceLevel(servers, arrivalRate, serviceRate, limit) < target)
        {
            servers++;
        }

        return servers;
    }

    private static double Load(double arrivalRate, double serviceRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(arrivalRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serviceRate);
        return arrivalRate / serviceRate;
    }
}
