using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// A call sends the citizen to the window as the hall names it: the sign over the desk, not the id the hall's definition
/// keys the window by.
/// </summary>
public class CallWindowNameTests(ITestOutputHelper output)
{
    /// <summary>Windows 1 to 3 signed "Window 5", "6" and "Passport desk"; window 4 without a name.</summary>
    private static HallDefinition Signed(string id)
    {
        var small = TestHalls.Small(id, windows: 4);
        string[] names = ["Window 5", "6", "Passport desk", ""];
        return small with { Windows = [.. small.Windows.Select((w, i) => w with { Name = names[i] })] };
    }

    [Theory]
    [InlineData(1, "A001, please go to window 5", "A zero zero one, please go to window 5")]
    [InlineData(2, "A001, please go to window 6", "A zero zero one, please go to window 6")]
    [InlineData(3, "A001, please go to Passport desk", "A zero zero one, please go to Passport desk")]
    [InlineData(4, "A001, please go to window 4", "A zero zero one, please go to window 4")]
    public async Task Watch_English_TheCallNamesTheWindowAsTheHallNamesIt(int window, string text, string speech)
    {
        var call = await CallAsync("en", window);

        Assert.Equal((text, speech), (call.Text, call.Speech));
    }

    [Theory]
    [InlineData("zh-CN", 1, "请A001号到5号窗口办理", "请A零零一号到5号窗口办理")]
    [InlineData("zh-CN", 2, "请A001号到6号窗口办理", "请A零零一号到6号窗口办理")]
    [InlineData("zh-CN", 3, "请A001号到Passport desk办理", "请A零零一号到Passport desk办理")]
    [InlineData("zh-CN", 4, "请A001号到4号窗口办理", "请A零零一号到4号窗口办理")]
    [InlineData("zh-TW", 1, "請A001號到5號窗口辦理", "請A零零一號到5號窗口辦理")]
    public async Task Watch_Chinese_TheCallNamesTheWindowAsTheHallNamesIt(string language, int window, string text, string speech)
    {
        var call = await CallAsync(language, window);

        Assert.Equal((text, speech), (call.Text, call.Speech));
    }

    [Fact]
    public async Task Watch_WindowRenamed_TheCallOnScreenSendsCitizensToTheNewName()
    {
        const string hall = "signed";
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(Signed(hall));
        });
        using var screen = server.Display().Watch(new() { Hall = hall });
        await screen.ResponseStream.NextAsync();
        await server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { 1 } }).Bounded();
        await server.Terminal().OpenWindowAsync(new() { Hall = hall, Window = 1 }).Bounded();
        await server.Terminal().CallNextAsync(new() { Hall = hall, Window = 1 }).Bounded();
        await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null);

        await server.Admin().PutWindowAsync(new()
        {
            Hall = hall,
            Window = new() { Id = 1, Name = "7", Skills = { new SkillDef { Category = "a" } } },
        }).Bounded();

        var snapshot = (await screen.ResponseStream.NextMatchingAsync(u => u.Snapshot is not null)).Snapshot;
        var shown = Assert.Single(snapshot.Current);
        Assert.Equal(("7", "A001, please go to window 7", "A zero zero one, please go to window 7"), (shown.WindowName, shown.Text, shown.Speech));
    }

    private async Task<Call> CallAsync(string language, int window)
    {
        const string hall = "signed";
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(Signed(hall));
            s.Settings[$"QueueCoreServer:Profiles:{hall}:Language"] = language;
        });
        using var screen = server.Display().Watch(new() { Hall = hall });
        await screen.ResponseStream.NextAsync();
        await server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { 1 } }).Bounded();
        await server.Terminal().OpenWindowAsync(new() { Hall = hall, Window = window }).Bounded();
        await server.Terminal().CallNextAsync(new() { Hall = hall, Window = window }).Bounded();

        var call = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;

        // A screen that joins now rebuilds the call from the hall's state: it names the window the same way.
        using var late = server.Display().Watch(new() { Hall = hall });
        var current = Assert.Single((await late.ResponseStream.NextAsync()).Snapshot.Current);
        Assert.Equal((call.Text, call.Speech), (current.Text, current.Speech));
        return call;
    }
}
