using MessagePack;
using static QueueCore.Tests.Audit.AuditKit;

namespace QueueCore.Tests.Audit;

/// <summary>Second audit: the later items of a visit through transfers, redefinitions and restores.</summary>
public class VisitItemsAuditTests
{
    private static HallDefinition Def() => new()
    {
        Id = "visit",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }],
        Windows = [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Comprehensive = true }],
    };

    [Fact]
    public void Redefine_RemovingAnItemALiveVisitStillHasLater_RefusedNamingIt()
    {
        var hall = Open(Def(), auto: false, 1);
        var t = hall.Issue(1, new ServiceItemList([1, 3]));
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 3);
        var without3 = Def() with { Categories = [new() { Id = "A", Prefix = "A" }], Services = [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }] };

        Hall? next = null;
        try
        {
            next = hall.Redefine(without3, At(4));
        }
        catch (ArgumentException e)
        {
            Assert.Equal("definition", e.ParamName);
            Assert.Contains("A001", e.Message, StringComparison.Ordinal);
            return;
        }

        // Taken: then the visit must still end well, never stranded nor a crash.
        var finish = next.Try(HallCommand.Finish(1), 5);
        Assert.True(finish.IsSuccess, finish.ToString());
        Assert.NotEqual(TicketState.Waiting, next.StateOf(t, 6));
    }

    [Fact]
    public void Redefine_RemovingOnlyTheServiceOfALaterItem_CategoryKept_RefusedNamingIt()
    {
        var hall = Open(Def(), auto: false, 1);
        hall.Issue(1, new ServiceItemList([1, 2]));
        hall.Ok(HallCommand.CallNext(1), 2);
        var without2 = Def() with { Services = [new() { Id = 1, Category = "A" }, new() { Id = 3, Category = "B" }] };

        var e = Assert.Throws<ArgumentException>(() => hall.Redefine(without2, At(4)));

        Assert.Contains("A001", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_WithADefinitionLackingALaterItem_RefusedNamingIt()
    {
        var hall = Open(Def(), auto: false, 1);
        hall.Issue(1, new ServiceItemList([1, 2]));
        var without2 = Def() with { Services = [new() { Id = 1, Category = "A" }, new() { Id = 3, Category = "B" }] };
        var state = MessagePackSerializer.Deserialize<HallState>(MessagePackSerializer.Serialize(hall.SaveState()));

        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(without2, state));

        Assert.Equal("state", e.ParamName);
    }

    [Fact]
    public void TransferToALaterItemOfTheVisit_RefusedSayingItQueuesThereNext()
    {
        var hall = Open(Def(), auto: false, 1);
        var t = hall.Issue(1, new ServiceItemList([1, 2, 3]));
        hall.Ok(HallCommand.CallNext(1), 2);
        hall.Ok(HallCommand.StartServing(1), 3);

        var r = hall.Try(HallCommand.TransferToService(1, 2), 4);

        Assert.Equal(QueueError.InvalidArgument, r.Error);
        Assert.Contains("later in its visit", r.Message, StringComparison.Ordinal);
        Assert.Equal(TicketState.Serving, hall.StateOf(t, 5));
    }
}
