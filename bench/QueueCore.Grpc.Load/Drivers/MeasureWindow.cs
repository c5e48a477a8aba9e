using System.Diagnostics;

namespace QueueCore.Grpc.Load.Drivers;

/// <summary>
/// The measured part of a phase, as <see cref="Stopwatch"/> timestamps: closed until opened after the warm-up, then
/// open until closed. Events count when their timestamp falls inside.
/// </summary>
internal sealed class MeasureWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public long Start => Volatile.Read(ref _start);

    public long End => Volatile.Read(ref _end);

    public TimeSpan Length => Stopwatch.GetElapsedTime(Start, End);

    public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _start) && timestamp < Volatile.Read(ref _end);

    public void Open() => Volatile.Write(ref _start, Stopwatch.GetTimestamp());

    public void Close() => Volatile.Write(ref _end, Stopwatch.GetTimestamp());
}
