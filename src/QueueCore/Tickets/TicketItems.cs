using System.Runtime.CompilerServices;

namespace QueueCore;

/// <summary>
/// A ticket's items as dense service indices in 16 bytes (a catalog has at most 4,096 items, so each fits in 16 bits;
/// unused entries hold <see cref="None"/>), keeping a ticket record at two cache lines.
/// </summary>
internal struct TicketItems
{
    private const ushort None = ushort.MaxValue;

    private Buffer _items;

    /// <summary>Sets the items to <paramref name="services"/> (dense indices, at most <see cref="ServiceItemList.Capacity"/>),
    /// in place: building a copy and storing it would read back 16 bytes just written in pieces (a store-forwarding stall).</summary>
    public void Assign(ReadOnlySpan<int> services)
    {
        Span<ushort> items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = i < services.Length ? (ushort)services[i] : None;
        }
    }

    /// <summary>How many items (counted: only saves and snapshots ask).</summary>
    public readonly int Count
    {
        get
        {
            ReadOnlySpan<ushort> items = _items;
            var n = items.IndexOf(None);
            return n < 0 ? items.Length : n;
        }
    }

    /// <summary>Whether there is an item at <paramref name="index"/>.</summary>
    public readonly bool Has(int index) => (uint)index < ServiceItemList.Capacity && ((ReadOnlySpan<ushort>)_items)[index] != None;

    /// <summary>The item at <paramref name="index"/> (dense service index).</summary>
    public readonly int this[int index] => ((ReadOnlySpan<ushort>)_items)[index];

    /// <summary>Whether <paramref name="service"/> is among the items from <paramref name="start"/> on.</summary>
    public readonly bool ContainsFrom(int start, int service) =>
        start < ServiceItemList.Capacity && ((ReadOnlySpan<ushort>)_items)[start..].Contains((ushort)service);

    /// <summary>Replaces the item at <paramref name="index"/>.</summary>
    public void Set(int index, int service) => ((Span<ushort>)_items)[index] = (ushort)service;

    /// <summary>The items as dense indices (allocates; saves and snapshots).</summary>
    public readonly int[] ToArray()
    {
        var items = new int[Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = this[i];
        }

        return items;
    }

    [InlineArray(ServiceItemList.Capacity)]
    private struct Buffer
    {
        private ushort _element;
    }
}
