namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// The class rule a user would hard-code beside their queue, with the library's default head starts: green channel
/// flag, then elderly (65 and over, or disabled or pregnant), then key enterprise, else normal (no head start).
/// </summary>
internal static class HeadStarts
{
    private static readonly long Green = Of(PriorityPolicy.GreenChannel);
    private static readonly long Elderly = Of(PriorityPolicy.Elderly);
    private static readonly long KeyEnterprise = Of(PriorityPolicy.KeyEnterprise);

    /// <summary>The head start in ticks for a citizen of this age (0: not given) and these flags.</summary>
    public static long For(byte age, TicketFlags flags) =>
        (flags & TicketFlags.GreenChannel) != 0 ? Green
        : age >= 65 || (flags & (TicketFlags.Disabled | TicketFlags.Pregnant)) != 0 ? Elderly
        : (flags & TicketFlags.KeyEnterprise) != 0 ? KeyEnterprise
        : 0;

    private static long Of(string id) => new PriorityPolicy().Classes.Single(c => c.Id == id).HeadStart.Ticks;
}
