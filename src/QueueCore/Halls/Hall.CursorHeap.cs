namespace QueueCore;

/// <remarks>This part: the cursors the order walk merges.</remarks>
public sealed partial class Hall
{
    /// <summary>A min-heap of cursors into ordered queues, by the (rank, serial) of the ticket each points at.</summary>
    private sealed class CursorHeap(Hall hall)
    {
        private readonly List<(int Slot, bool ClassLinks)> _items = [];

        public int Top => _items.Count == 0 ? -1 : _items[0].Slot;

        public void Push(int slot, bool classLinks)
        {
            if (slot < 0)
            {
                return;
            }

            _items.Add((slot, classLinks));
            for (var i = _items.Count - 1; i > 0 && Less(i, (i - 1) / 2); i = (i - 1) / 2)
            {
                (_items[i], _items[(i - 1) / 2]) = (_items[(i - 1) / 2], _items[i]);
            }
        }

        /// <summary>Moves the top cursor to the next ticket in its queue (or drops it at the end).</summary>
        public void Advance()
        {
            var (slot, classLinks) = _items[0];
            var next = classLinks ? hall.T(slot).ClassNext : hall.T(slot).Next;
            if (next >= 0)
            {
                _items[0] = (next, classLinks);
            }
            else
            {
                _items[0] = _items[^1];
                _items.RemoveAt(_items.Count - 1);
            }

            for (var i = 0; ;)
            {
                var smallest = i;
                foreach (var child in new[] { (2 * i) + 1, (2 * i) + 2 })
                {
                    if (child < _items.Count && Less(child, smallest))
                    {
                        smallest = child;
                    }
                }

                if (smallest == i)
                {
                    return;
                }

                (_items[i], _items[smallest]) = (_items[smallest], _items[i]);
                i = smallest;
            }
        }

        private bool Less(int a, int b)
        {
            ref readonly var x = ref hall.T(_items[a].Slot);
            ref readonly var y = ref hall.T(_items[b].Slot);
            return RankNode.Less(x.Rank, x.Serial, y.Rank, y.Serial);
        }
    }
}
