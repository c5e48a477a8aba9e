namespace QueueCore;

/// <summary>
/// The hall's class rules, compiled for the issue path: the best class the flag rules give each of the 16 flag
/// combinations (<see cref="NoMatch"/> when none matches), and the age rules as flat arrays. A rule matches when the
/// age reaches its minimum or the ticket carries any of its flags; the matching rule whose class has the longest head
/// start wins (the first listed of equals, flag rules before age rules). A match always gives its class, even one
/// whose head start is no longer than the normal class's (a class for a dedicated window, or one told apart on screens
/// and in figures without a head start).
/// </summary>
internal sealed record ClassRules(int[] ByFlags, int[] AgeMin, int[] AgeClass)
{
    /// <summary>In <see cref="ByFlags"/>: no flag rule matches the combination.</summary>
    public const int NoMatch = -1;

    public static ClassRules Compile(int[] minAge, TicketFlags[] anyFlags, int[] cls, long[] headStart)
    {
        var byFlags = new int[16];
        for (var f = 0; f < byFlags.Length; f++)
        {
            byFlags[f] = NoMatch;
            for (var i = 0; i < cls.Length; i++)
            {
                if (((int)anyFlags[i] & f) != 0 && (byFlags[f] == NoMatch || headStart[cls[i]] > headStart[byFlags[f]]))
                {
                    byFlags[f] = cls[i];
                }
            }
        }

        var ages = Enumerable.Range(0, cls.Length).Where(i => minAge[i] > 0).ToArray();
        return new ClassRules(byFlags, [.. ages.Select(i => minAge[i])], [.. ages.Select(i => cls[i])]);
    }
}
