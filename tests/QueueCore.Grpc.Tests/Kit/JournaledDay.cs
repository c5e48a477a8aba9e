using Microsoft.Extensions.Time.Testing;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>
/// A scripted hall day on a journaled server: a fake clock from 09:00 and a journal directory of the test's own
/// (deleted with it), so a test can stop the server and start it again on the same day and the same journal.
/// </summary>
internal sealed class JournaledDay : IDisposable
{
    /// <summary>When the day's clock starts.</summary>
    public static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "queuecore-day-" + Guid.NewGuid().ToString("N"));

    /// <summary>The journal's directory (the server's data directory).</summary>
    public string DataDirectory => _data;

    /// <summary>The day's clock: the tests advance it.</summary>
    public FakeTimeProvider Time { get; } = new(Nine);

    /// <summary>Starts a server on the day's clock and journal, set up further by <paramref name="setup"/>.</summary>
    public Task<ServerKit> StartAsync(Action<ServerSetup> setup) => ServerKit.StartAsync(s =>
    {
        s.Time = Time;
        s.Settings["QueueCore:Engine:Journal:Directory"] = _data;
        setup(s);
    });

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
