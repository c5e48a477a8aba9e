namespace QueueCore.Tests.Journal;

/// <summary>
/// A data directory the engine cannot use at start: a clear error naming it, the same on every attempt (nothing left
/// behind that makes the next one worse), and a normal start once it is usable.
/// </summary>
public sealed class DataDirectoryStartTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose()
    {
        if (File.Exists(_kit.Directory))
        {
            File.Delete(_kit.Directory);
        }

        _kit.Dispose();
    }

    [Fact]
    public async Task DataDirectoryUnwritable_EachStartFailsNamingIt_ThenStartsOnceItIsUsable()
    {
        // A file where the directory should be: it cannot be made nor written (the tests may run as root, which a
        // read-only mode does not stop).
        File.WriteAllText(_kit.Directory, "not a directory");
        var data = Path.Combine(_kit.Directory, "journal");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var error = Assert.ThrowsAny<IOException>(() => _kit.Engine(directory: data));
            Assert.Contains(data, error.Message, StringComparison.Ordinal);
        }

        File.Delete(_kit.Directory);
        await using var engine = _kit.Engine(directory: data);
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        Assert.True((await hall.OpenDayAsync()).IsSuccess);
    }
}
