using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// A window's skills as the hall compiler finds identical profiles by: per dense service its tier and overflow delay,
/// compared and hashed by content (windows with equal shapes share a <see cref="SkillProfile"/>).
/// </summary>
internal readonly struct SkillShape(byte[] tierOf, long[] delayOf) : IEquatable<SkillShape>
{
    public byte[] TierOf { get; } = tierOf;

    public long[] DelayOf { get; } = delayOf;

    public bool Equals(SkillShape other) =>
        TierOf.AsSpan().SequenceEqual(other.TierOf) && DelayOf.AsSpan().SequenceEqual(other.DelayOf);

    public override bool Equals(object? obj) => obj is SkillShape other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(TierOf);
        hash.AddBytes(MemoryMarshal.AsBytes(DelayOf.AsSpan()));
        return hash.ToHashCode();
    }
}
