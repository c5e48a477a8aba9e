namespace QueueCore.Tests.Commands;

public class ServiceItemListTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)] // inside the 8 slots, past the one item held
    [InlineData(8)]
    public void Indexer_OutsideTheItems_ArgumentOutOfRangeNamingTheIndex(int index)
    {
        // It threw a bare IndexOutOfRangeException from the span inside, naming neither the index nor the count.
        var items = new ServiceItemList(101);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => items[index]);

        Assert.Equal("index", error.ParamName);
        Assert.Contains("index 0 to 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_DefaultList_HoldsNoItem()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => default(ServiceItemList)[0]);

        Assert.Contains("holds no item", error.Message, StringComparison.Ordinal);
    }
}
