namespace QueueCore.Tests.Engine;

public class QueueEngineOptionsTests
{
    [Fact]
    public void ShardCount_Default_LeavesHalfTheCoresToProducers() =>
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), new QueueEngineOptions().ShardCount);

    [Fact]
    public void Defaults_HistoryAndShutdown_AreDocumentedValues()
    {
        var options = new QueueEngineOptions();

        Assert.Equal(1024, options.HistorySize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownTimeout);
    }

    [Theory]
    [InlineData(-1, 30_000)]
    [InlineData((1 << 24) + 1, 30_000)]
    [InlineData(1024, 0)]
    [InlineData(1024, -5)]
    public void Constructor_HistoryOrShutdownOutOfRange_Throws(int history, int shutdownMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueueEngine(
            new QueueEngineOptions { HistorySize = history, ShutdownTimeout = TimeSpan.FromMilliseconds(shutdownMs) }));

    [Fact]
    public void Constructor_JournalDirectoryWithNul_ThrowsNamingTheOption()
    {
        // Path.GetFullPath refused it from deep inside the journal's start, naming its own parameter ('path').
        var e = Assert.ThrowsAny<ArgumentException>(() => new QueueEngine(new QueueEngineOptions { Journal = new() { Directory = "data\0queue" } }));

        Assert.Equal("Journal.Directory", e.ParamName);
        Assert.StartsWith("Directory may not hold a NUL character (U+0000); it has one at position 5.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(367 * 24 * 3600)]
    public void Constructor_ArchiveRetentionOutOfRange_ThrowsNamingTheOptionAndItsRange(int seconds)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new QueueEngine(
            new QueueEngineOptions { Journal = new() { ArchiveRetention = TimeSpan.FromSeconds(seconds) } }));

        Assert.Equal("Journal.ArchiveRetention", e.ParamName);
        Assert.StartsWith("ArchiveRetention must be 0 to 366 days", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArchiveRetention_Default_ADayAndAnExportAfterClosing() =>
        Assert.Equal(TimeSpan.FromDays(2), new JournalOptions().ArchiveRetention);
}
