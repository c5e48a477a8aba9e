extern alias server;

using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using HallCatalog = server::QueueCore.Grpc.Hosting.HallCatalog;
using ServerHallSnapshot = server::QueueCore.Grpc.V1.HallSnapshot;
using ServerWindowFigures = server::QueueCore.Grpc.V1.WindowFigures;
using TerminalService = server::QueueCore.Grpc.Services.TerminalService;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>What a terminal shows beside its queue (the browser terminal reads it): its figures, the ticket at it, transfer targets.</summary>
public class WindowInfoTests(ITestOutputHelper output)
{
    private const string Hall = "info";

    private static Task<ServerKit> StartAsync(ITestOutputHelper output, string timeZone = "UTC") => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3) with { TimeZone = timeZone });
    });

    [Fact]
    public async Task GetWindowInfo_GivesTheHallsTimeZoneAsIanaId()
    {
        // A desk PC's zone may be the vendor's: the terminal shows times (an overflow ticket callable at 10:40) in hall time.
        await using var server = await StartAsync(output, "Asia/Shanghai");

        var info = await server.Terminal(TestDevices.TerminalOfWindow1).GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal("Asia/Shanghai", info.TimeZone);
    }

    [Fact]
    public async Task GetWindowInfo_GivesTheHallsLanguage()
    {
        // The terminal writes its own texts in the hall's language, as the kiosk and the screens do.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
            s.Settings[$"QueueCoreServer:Profiles:{Hall}:Language"] = "zh-cn";
        });

        var info = await server.Terminal(TestDevices.TerminalOfWindow1).GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal("zh-CN", info.Language);
    }

    [Fact]
    public async Task GetWindowInfo_TicketAtTheWindow_ItsItemsTheFiguresAndTheTransferTargets()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);
        var ticket = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1, 2 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal((1, V1.WindowState.Calling, ticket.Number), (info.Figures.Window, info.Figures.State, info.Figures.CurrentNumber));
        Assert.Equal(ticket.Id, info.Current.Ticket);
        Assert.Equal([1, 2], info.Current.Items);
        Assert.Equal(0, info.Current.ItemIndex);
        Assert.Contains(info.Services, s => s.Service == 2);
        Assert.Equal([2, 3], info.Windows.Select(w => w.Window));
    }

    [Fact]
    public async Task GetWindowInfo_PriorityTicketAtTheWindow_ItsClassNameAndTheHallsNormalClass()
    {
        // The terminal shows the class as the hall names it, unless it is the normal one, as the kiosk prints it.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 }, Attributes = new() { Age = 72 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(("elderly", "Elderly / caring"), (info.Current.PriorityClass, info.Current.PriorityClassName));
        Assert.Equal("normal", info.NormalClass);
    }

    [Fact]
    public async Task GetWindowInfo_AfterServing_CountsTheServedTicketAndListsNoCurrent()
    {
        await using var server = await StartAsync(output);
        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.FinishAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        Assert.Equal(1, info.Figures.ServedToday);
        Assert.Null(info.Current);
    }

    [Fact]
    public async Task GetWindowInfo_TicketParkedWhileOthersWait_ListsTheParkedTicket()
    {
        // The info is built from a snapshot that lists no waiting tickets (the reply sends none), but it must still list
        // the parked ones the clerk resumes from.
        await using var server = await StartAsync(output);
        var terminal = server.Terminal(TestDevices.TerminalOfWindow1);
        var parked = await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await server.Kiosk().TakeTicketAsync(new() { Hall = Hall, Services = { 1 } }).Bounded();
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.ParkAsync(new() { Hall = Hall, Window = 1, Reason = "fetching a document" }).Bounded();

        var info = await terminal.GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        var listed = Assert.Single(info.Parked);
        Assert.Equal((parked.Id, "fetching a document"), (listed.Ticket, listed.Note));
    }

    [Fact]
    public async Task GetWindowInfo_AnotherWindowsTerminal_PermissionDenied()
    {
        await using var server = await StartAsync(output);
        await Rpc.FailsAsync(StatusCode.PermissionDenied,
            () => server.Terminal(TestDevices.TerminalOfWindow1).GetWindowInfoAsync(new() { Hall = Hall, Window = 2 }));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Terminal(TestDevices.Kiosk).GetWindowInfoAsync(new() { Hall = Hall, Window = 1 }));
    }

    [Fact]
    public void WindowInfoOf_SnapshotWithoutTheWindow_NotFoundNamingIt()
    {
        // GetWindowInfo checks the window, then takes the hall's snapshot: an admin who removed the window in between
        // (RedefineHall) left a snapshot without it, and the terminal got FailedPrecondition "Sequence contains no
        // matching element" instead of the NotFound the check gives.
        var snapshot = new ServerHallSnapshot { Hall = Hall, Windows = { new ServerWindowFigures { Window = 1 }, new ServerWindowFigures { Window = 2 } } };

        var e = Assert.Throws<RpcException>(() => TerminalService.WindowInfoOf(snapshot, HallCatalog.Of(TestHalls.Small(Hall, windows: 2)), 3));

        Assert.Equal((StatusCode.NotFound, "UnknownWindow", $"Hall '{Hall}' has no window 3."), (e.StatusCode, e.Reason(), e.Status.Detail));
    }
}
