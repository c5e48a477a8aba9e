namespace QueueCore;

/// <summary>
/// The hall's class rules, compiled for the issue path: the best class the flag rules give each of the 16 flag
/// combinations, and the age rules as flat arrays. A rule matches when the age reaches its minimum or the ticket
/// carries any of its flags; the matching rule whose class has the longest head start wins.
/// </summary>
internal sealed record ClassRules(int[] ByFlags, int[] AgeMin, int[] AgeClass)
{
    public static ClassRules Compile(int[] minAge, TicketFlags[] anyFlags, int[] cls, long[] headStart, int normal)
    {
        var byFlags = new int[16];
        for (var f = 0; f < byFlags.Length; f++)
        {
            byFlags[f] = normal;
            for (var i = 0; i < cls.Length; i++)
            {
                if (((int)anyFlags[i] & f) != 0 && headStart[cls[i]] > headStart[byFlags[f]])
                {
                    byFlags[f] = cls[i];
                }
            }
        }

        var ages = Enumerable.Range(0, cls.Length).Where(i => minAge[i] > 0).ToArray();
        return new ClassRules(byFlags, [.. ages.Select(i => minAge[i])], [.. ages.Select(i => cls[i])]);
    }
}
