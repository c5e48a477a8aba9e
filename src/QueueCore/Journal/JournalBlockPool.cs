using System.Buffers;
using System.Collections.Concurrent;

namespace QueueCore;

/// <summary>
/// The blocks a shard's journal pipe writes into. The shard thread rents them and the flusher thread returns them:
/// a pool shared by both (rather than the shared array pool, whose per-thread caches would make the shard allocate a
/// fresh block now and then while the flusher's cache fills), so the shard allocates nothing in steady state.
/// </summary>
internal sealed class JournalBlockPool : MemoryPool<byte>
{
    /// <summary>The size of a block (the pipe's minimum segment size).</summary>
    public const int BlockSize = 64 << 10;

    private readonly ConcurrentQueue<Block> _free = new();

    /// <inheritdoc/>
    public override int MaxBufferSize => BlockSize;

    /// <inheritdoc/>
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) =>
        minBufferSize <= BlockSize && _free.TryDequeue(out var block) ? block : new Block(this, new byte[Math.Max(minBufferSize, BlockSize)]);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(JournalBlockPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => array;

        public void Dispose()
        {
            if (array.Length == BlockSize)
            {
                pool._free.Enqueue(this); // back for the shard's next rent; a larger one-off block is left to the GC
            }
        }
    }
}
