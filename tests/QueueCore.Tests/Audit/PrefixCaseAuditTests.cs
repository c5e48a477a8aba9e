namespace QueueCore.Tests.Audit;

/// <summary>
/// Fifth audit: prefixes that differ only in letter case ("B" and "b") print numbers a clerk calls the same ("B one"),
/// so a definition may not hold both, and numbering carried over the day matches a prefix ignoring case.
/// </summary>
public sealed class PrefixCaseAuditTests
{
    private static HallDefinition Hall(params ServiceCategory[] categories) => new()
    {
        Id = "case",
        Categories = categories,
        Services = [.. categories.Select((c, i) => new ServiceItem { Id = i + 1, Category = c.Id })],
        Windows = [new() { Id = 1, Comprehensive = true }],
    };

    [Fact]
    public void Definition_PrefixesEqualIgnoringCase_RefusedNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new Hall(Hall(new() { Id = "big", Prefix = "B" }, new() { Id = "small", Prefix = "b" })));

        Assert.Contains("'big'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'small'", error.Message, StringComparison.Ordinal);
        Assert.Contains("case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_PrefixAnotherInOtherCaseFollowedByDigits_Refused()
    {
        // "b1" prints b1001 where "B" prints B1001: the same number called aloud.
        var error = Assert.Throws<ArgumentException>(() => new Hall(Hall(new() { Id = "big", Prefix = "B" }, new() { Id = "small", Prefix = "b1" })));

        Assert.Contains("'small'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefine_PrefixGivenBackInOtherCaseTheSameDay_NumbersOnAfterIt()
    {
        var hall = AuditKit.Open(Hall(new() { Id = "A", Prefix = "A" }, new() { Id = "big", Prefix = "B" }), auto: false, 1);
        Assert.Equal("B001", hall.Ok(HallCommand.IssueTicket(2), 1).Number.ToString());
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Finish(1), 3);

        hall = hall.Redefine(Hall(new() { Id = "A", Prefix = "A" }, new() { Id = "small", Prefix = "b" }), AuditKit.At(4));

        Assert.Equal("b002", hall.Ok(HallCommand.IssueTicket(2), 5).Number.ToString());
    }

    [Fact]
    public void Redefine_PrefixGivenBackInOtherCase_StateRestoredMidway_NumbersOnAfterIt()
    {
        var hall = AuditKit.Open(Hall(new() { Id = "A", Prefix = "A" }, new() { Id = "big", Prefix = "B" }), auto: false, 1);
        hall.Ok(HallCommand.IssueTicket(2), 1);
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 2);
        hall.Ok(HallCommand.Finish(1), 3);
        hall = hall.Redefine(Hall(new ServiceCategory { Id = "A", Prefix = "A" }), AuditKit.At(4)); // B taken out

        var restored = QueueCore.Hall.Restore(Hall(new ServiceCategory { Id = "A", Prefix = "A" }), hall.SaveState())
            .Redefine(Hall(new() { Id = "A", Prefix = "A" }, new() { Id = "small", Prefix = "b" }), AuditKit.At(5));

        Assert.Equal("b002", restored.Ok(HallCommand.IssueTicket(2), 6).Number.ToString());
    }
}
