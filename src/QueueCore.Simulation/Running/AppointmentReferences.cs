using System.Globalization;

namespace QueueCore.Simulation;

/// <summary>
/// The appointment references of simulated check-ins ("sim-1", "sim-2", ...). Each appointment of a hall's day needs
/// its own: the hall gives one ticket per reference and day, and refuses a second check-in. The strings are made
/// once per process and shared by every replication, so a simulated check-in allocates nothing once the table has
/// grown to a day's appointments.
/// </summary>
internal static class AppointmentReferences
{
    private static readonly Lock Gate = new();
    private static string[] _references = [];

    /// <summary>The reference of a hall day's <paramref name="index"/>-th appointment (from 0).</summary>
    public static string Get(int index)
    {
        var references = Volatile.Read(ref _references); // acquire: a table published by Grow is seen whole
        return index < references.Length ? references[index] : Grow(index);
    }

    private static string Grow(int index)
    {
        lock (Gate) // rare: replications on other threads may grow it at the same time
        {
            var current = _references;
            if (index >= current.Length)
            {
                var next = new string[Math.Max(index + 1, Math.Max(256, current.Length * 2))];
                current.CopyTo(next, 0);
                for (var i = current.Length; i < next.Length; i++)
                {
                    next[i] = "sim-" + (i + 1).ToString(CultureInfo.InvariantCulture);
                }

                Volatile.Write(ref _references, next); // release: the strings are in place before readers see the table
                current = next;
            }

            return current[index];
        }
    }
}
