namespace QueueCore;

/// <summary>The hall's class rules as flat arrays: one rule matches when the age reaches its minimum (0: age not
/// considered) or the ticket carries any of its flags.</summary>
internal sealed record ClassRules(int[] MinAge, TicketFlags[] AnyFlags, int[] Class)
{
    public int Count => Class.Length;
}
