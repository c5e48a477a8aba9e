namespace QueueCore.Tests.Tickets;

public class TicketNumberTests
{
    [Fact]
    public void Constructor_PrefixAndSequence_PrintsAsTheHallDoes()
    {
        var number = new TicketNumber("A", 23);

        Assert.Equal("A023", number.ToString());
        Assert.Equal(new TicketNumber("A", 23, 3), number);
    }

    [Theory]
    [InlineData(null, 1, 3, "prefix")]
    [InlineData("", 1, 3, "prefix")]
    [InlineData("ABCDE", 1, 3, "prefix")]
    [InlineData("A", 0, 3, "sequence")]
    [InlineData("A", -1, 3, "sequence")]
    [InlineData("A", 1, 10, "width")]
    public void Constructor_OutOfRange_ThrowsNamingTheArgument(string? prefix, int sequence, int width, string argument)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new TicketNumber(prefix!, sequence, width));

        Assert.Equal(argument, error.ParamName);
    }
}
