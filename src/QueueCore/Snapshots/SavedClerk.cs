using MessagePack;

namespace QueueCore;

/// <summary>One clerk's figures for the day in a <see cref="HallState"/> (see <see cref="ClerkSnapshot"/>).</summary>
[MessagePackObject]
public sealed record SavedClerk
{
    /// <summary>The clerk's staff number (&gt; 0).</summary>
    [Key(0)] public int Id { get; init; }

    /// <summary>Items finished today.</summary>
    [Key(1)] public int ServedToday { get; init; }

    /// <summary>Their handling time, added up (ticks).</summary>
    [Key(2)] public long HandlingTicksToday { get; init; }

    /// <summary>Calls made today (recalls not counted).</summary>
    [Key(3)] public int CallsToday { get; init; }

    /// <summary>The waits of the tickets called, added up (ticks).</summary>
    [Key(4)] public long WaitTicksToday { get; init; }

    /// <summary>Ratings today.</summary>
    [Key(5)] public int RatingsToday { get; init; }

    /// <summary>The sum of today's ratings.</summary>
    [Key(6)] public int RatingSumToday { get; init; }
}
