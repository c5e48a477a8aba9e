using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// The service items of one ticket, in the order they are handled (at most <see cref="Capacity"/>).
/// Stored inline, so commands carrying it allocate nothing.
/// </summary>
public struct ServiceItemList : IEquatable<ServiceItemList>
{
    /// <summary>The most items one ticket may carry.</summary>
    public const int Capacity = 8;

    private readonly Buffer _items;
    private readonly byte _count;

    /// <summary>A list of one item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ServiceItemList(int service)
    {
        _items[0] = service;
        _count = 1;
    }

    /// <summary>A list of the given items (at most <see cref="Capacity"/>).</summary>
    /// <exception cref="ArgumentException">More than <see cref="Capacity"/> items.</exception>
    public ServiceItemList(ReadOnlySpan<int> services)
    {
        if (services.Length > Capacity)
        {
            throw new ArgumentException($"A ticket carries at most {Capacity} service items; {services.Length} were given.", nameof(services));
        }

        services.CopyTo(_items);
        _count = (byte)services.Length;
    }

    /// <summary>How many items.</summary>
    public readonly int Count => _count;

    /// <summary>The item at <paramref name="index"/> (0 to Count - 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not 0 to Count - 1.</exception>
    public readonly int this[int index]
    {
        get
        {
            // One unsigned compare, as the span's own check; the throw says which items there are, not "outside the array".
            if ((uint)index >= _count)
            {
                ThrowHelper.ItemIndexOutOfRange(index, _count);
            }

            return ((ReadOnlySpan<int>)_items)[index];
        }
    }

    /// <summary>The first item, or 0 when there is none: one read, for checks on a hot path that know the list holds one.</summary>
    internal readonly int First => ((ReadOnlySpan<int>)_items)[0];

    /// <summary>The items as a span.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<int> AsSpan() => ((ReadOnlySpan<int>)_items)[..Count];

    /// <summary>One item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator ServiceItemList(int service) => new(service);

    /// <summary>Whether two lists hold the same items in the same order.</summary>
    public static bool operator ==(ServiceItemList left, ServiceItemList right) => left.Equals(right);

    /// <summary>Whether two lists differ.</summary>
    public static bool operator !=(ServiceItemList left, ServiceItemList right) => !left.Equals(right);

    /// <inheritdoc/>
    public readonly bool Equals(ServiceItemList other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is ServiceItemList other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items, e.g. "[101, 102]".</summary>
    public override readonly string ToString() => $"[{string.Join(", ", AsSpan().ToArray())}]";

    /// <summary>Room for <see cref="Capacity"/> item ids or indices (also the hall's scratch while issuing).</summary>
    [InlineArray(Capacity)]
    internal struct Buffer
    {
        private int _element;
    }
}
