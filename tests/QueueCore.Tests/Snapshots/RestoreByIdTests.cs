using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Snapshots;

public class RestoreByIdTests
{
    [Fact]
    public void Restore_WaitLimitAlerts_ComeInTheOriginalOrder()
    {
        var d = Small(d => d with { Services = [.. d.Services.Select(s => s with { WaitLimit = TimeSpan.FromMinutes(10) })] });
        var original = Open(d, 1);
        var a = original.Issue(0, 1);
        var b = original.Issue(0, 1, age: 70); // same instant, ranks ahead of a, but joined the queue after it
        var c = original.Issue(0, 1, flags: TicketFlags.GreenChannel);
        var restored = Hall.Restore(d, original.SaveState());

        original.Do(HallCommand.Tick(), 10);
        restored.Do(HallCommand.Tick(), 10);
        Assert.Equal([a, b, c], original.Events().Select(e => e.Ticket));
        Assert.Equal(original.Events(), restored.Events());
    }

    [Fact]
    public void Restore_DefinitionListsInAnotherOrder_CountersAndWindowsLandOnTheirOwnEntries()
    {
        var d = Small();
        var original = Open(d, 1, 3);
        original.Issue(0, 1);
        original.Issue(0, 3);
        original.Serve(3, 1); // window 3 serves the B ticket
        var reordered = d with
        {
            Categories = [.. d.Categories.Reverse()],
            Services = [.. d.Services.Reverse()],
            Windows = [.. d.Windows.Reverse()],
            Priority = d.Priority with { Classes = [.. d.Priority.Classes.Reverse()] },
        };

        var restored = Hall.Restore(reordered, original.SaveState());

        var w3 = restored.WindowView(3, 1);
        Assert.Equal((WindowState.Serving, 103), (w3.State, w3.Clerk));
        Assert.Equal("B001", restored.GetSnapshot(At(1)).AtWindows.Single().Number.ToString());
        Assert.Equal(1, restored.ServiceView(1, 1).IssuedToday);
        Assert.Equal(1, restored.ServiceView(3, 1).IssuedToday);
        Assert.Equal("A002", restored.Do(HallCommand.IssueTicket(2), 2).Number.ToString());
        Assert.Equal("B002", restored.Do(HallCommand.IssueTicket(3), 2).Number.ToString());
    }

    [Fact]
    public void Restore_LiveTicketsItemMissingFromTheDefinition_NamesIt()
    {
        var d = Small();
        var original = Open(d, 1);
        original.Issue(0, 2);
        var without2 = d with
        {
            Services = [.. d.Services.Where(s => s.Id != 2)],
            Windows = [.. d.Windows.Select(w => w with { Skills = [.. w.Skills.Where(k => k.Service != 2)] })],
        };
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(without2, original.SaveState()));
        Assert.Contains("service item 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_OpenWindowMissingFromTheDefinition_NamesIt()
    {
        var d = Small();
        var original = Open(d, 1, 2);
        var without2 = d with { Windows = [.. d.Windows.Where(w => w.Id != 2)] };
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(without2, original.SaveState()));
        Assert.Contains("window 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_StateOfAnotherHall_Throws()
    {
        var state = new Hall(Small()).SaveState();
        var e = Assert.Throws<ArgumentException>(() => Hall.Restore(Small() with { Id = "other" }, state));
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
    }
}
