namespace QueueCore.Tests.Journal;

/// <summary>A segment file whose writes can be held back (a slow disk) or refused past a size (a full disk).</summary>
internal sealed class TestDisk
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private long _written;

    /// <summary>Bytes the disk takes before it is full; unlimited by default.</summary>
    public long Capacity { get; set; } = long.MaxValue;

    /// <summary>Holds every write until <see cref="Release"/>.</summary>
    public void Hold() => _open.Reset();

    public void Release() => _open.Set();

    public Stream Open(string path) => new Segment(this, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0));

    private sealed class Segment(TestDisk disk, FileStream file) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => file.Length;
        public override long Position { get => file.Position; set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            disk._open.Wait();
            if (Interlocked.Add(ref disk._written, buffer.Length) > disk.Capacity)
            {
                throw new IOException("No space left on device");
            }

            file.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() => file.Flush(flushToDisk: true);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
