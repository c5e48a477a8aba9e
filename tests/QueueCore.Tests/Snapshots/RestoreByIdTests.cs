using static QueueCore.Tests.Halls.Operations.OperationFixtures;

namespace QueueCore.Tests.Snapshots;

public class RestoreByIdTests
{
    [Fact]
    public void Restore_WaitLimitAlerts_ComeInTheOriginalOrder()
    {
        var d = OneItem(d => d with { Services = [d.Services[0] with { WaitLimit = TimeSpan.FromMinutes(10) }] });
        var original = Open(d, 1);
        var older = original.Issue(0);
        original.Call(1, 1);
        var newer = original.Issue(2);
        original.Do(HallCommand.NoShow(1), 2); // rejoins the queue after the newer ticket, at the same instant
        var restored = Hall.Restore(d, original.SaveState());

        original.Do(HallCommand.Tick(), 12);
        restored.Do(HallCommand.Tick(), 12);
        Assert.Equal([newer, older], original.Events().Where(e => e.Kind == HallEventKind.WaitLimitPassed).Select(e => e.Ticket));
        Assert.Equal(original.Events(), restored.Events());
    }

    [Fact]
    public void Restore_DefinitionListsInAnotherOrder_AlertsDueTogetherComeInTheOriginalOrder()
    {
        var d = Small(d => d with
        {
            WindowIdleLimit = TimeSpan.FromMinutes(5),
            Services = [.. d.Services.Select(s => s with { WaitLimit = TimeSpan.FromMinutes(5) })],
        });
        var original = Open(d, 1, 2, 3);
        original.Issue(0, 1);
        original.Issue(0, 3);
        var reordered = d with { Services = [.. d.Services.Reverse()], Windows = [.. d.Windows.Reverse()] };
        var restored = Hall.Restore(reordered, original.SaveState());

        original.Do(HallCommand.Tick(), 10);
        restored.Do(HallCommand.Tick(), 10);
        Assert.Equal(5, original.Events().Length); // two wait limits, three idle windows, all due at once
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
        Assert.Equal("state", e.ParamName);
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
