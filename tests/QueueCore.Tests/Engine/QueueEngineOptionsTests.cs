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
}
