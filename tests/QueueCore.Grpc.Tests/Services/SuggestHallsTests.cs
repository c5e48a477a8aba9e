using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>A kiosk suggests, for a service, the halls of its region with the shortest estimated wait.</summary>
public class SuggestHallsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SuggestHalls_ShortestEstimatedWaitFirstOnlyTheRegionsHalls()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("north", windows: 1));
            s.Halls.Add(TestHalls.Small("south", windows: 1));
            s.Halls.Add(TestHalls.Small("elsewhere", windows: 1));
            s.Settings["QueueCoreServer:Profiles:north:Region"] = "district-1";
            s.Settings["QueueCoreServer:Profiles:south:Region"] = "district-1";
            s.Settings["QueueCoreServer:Profiles:south:Language"] = "zh-CN";
            s.Settings["QueueCoreServer:Profiles:elsewhere:Region"] = "district-2";
        });
        var kiosk = server.Kiosk();
        for (var i = 0; i < 5; i++)
        {
            await kiosk.TakeTicketAsync(new() { Hall = "north", Services = { 1 } }).Bounded();
        }

        await kiosk.TakeTicketAsync(new() { Hall = "south", Services = { 1 } }).Bounded();

        await Rpc.EventuallyAsync(async () =>
        {
            var suggested = await kiosk.SuggestHallsAsync(new() { Region = "district-1", Service = 1 }).Bounded();
            Assert.Equal(["south", "north"], suggested.Halls.Select(h => h.Hall));
            Assert.Equal([1, 5], suggested.Halls.Select(h => h.Waiting));
            Assert.True(suggested.Halls[0].EstimatedWait.ToTimeSpan() < suggested.Halls[1].EstimatedWait.ToTimeSpan());
        });

        var none = await kiosk.SuggestHallsAsync(new() { Region = "district-1", Service = 77 }).Bounded();
        Assert.Empty(none.Halls);
        await Rpc.FailsAsync(StatusCode.InvalidArgument, () => kiosk.SuggestHallsAsync(new() { Region = "district-1", Service = 1, MaxHalls = 1000 }));
    }

    [Fact]
    public async Task SuggestHalls_HallWhereNoWindowServesTheService_AfterTheHallsWhereOneDoes()
    {
        // At lunch the annex had every window closed: nobody waiting, so "0 min", and the kiosk sent the citizen there,
        // ahead of the hall with one window open and two waiting. The suggestion did not say that nobody served it.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("center", windows: 1));
            s.Halls.Add(TestHalls.Small("annex", windows: 1));
            s.Settings["QueueCoreServer:Profiles:center:Region"] = "district-1";
            s.Settings["QueueCoreServer:Profiles:annex:Region"] = "district-1";
        });
        await server.OpenAsync("center", 1);
        await server.TakeAsync("center");
        await server.TakeAsync("center");

        await Rpc.EventuallyAsync(async () =>
        {
            var suggested = await server.Kiosk().SuggestHallsAsync(new() { Region = "district-1", Service = 1 }).Bounded();
            Assert.Equal([("center", 2, 1), ("annex", 0, 0)], suggested.Halls.Select(h => (h.Hall, h.Waiting, h.OpenWindows)));
        });
    }

    [Fact]
    public async Task SuggestHalls_WhileAnAdminRemovesAndAddsAHallOfTheRegion_NeverFails()
    {
        // The suggestion looked each hall up again after listing them: a hall removed in between failed the whole
        // request with NOT_FOUND, and the kiosk could suggest nothing while a manager reorganised the region.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("center", windows: 1));
            s.Settings["QueueCoreServer:Profiles:center:Region"] = "district-1";
        });
        var admin = server.Admin();
        var kiosk = server.Kiosk();
        var json = HallConfiguration.ToJson(TestHalls.Small("annex", windows: 1));
        using var stop = new CancellationTokenSource();
        var asking = Task.Run(async () =>
        {
            var asked = 0;
            while (!stop.IsCancellationRequested)
            {
                var suggested = await kiosk.SuggestHallsAsync(new() { Region = "district-1", Service = 1 }).Bounded();
                Assert.Contains("center", suggested.Halls.Select(h => h.Hall));
                asked++;
            }

            return asked;
        });
        for (var i = 0; i < 30 && !asking.IsCompleted; i++)
        {
            await admin.AddHallAsync(new() { Json = json, Region = "district-1" }).Bounded();
            await admin.RemoveHallAsync(new() { Hall = "annex" }).Bounded();
        }

        await stop.CancelAsync();
        Assert.True(await asking > 0);
    }

    [Fact]
    public async Task SuggestHalls_NoRegion_InvalidArgumentNotTheHallsWithoutARegion()
    {
        // An empty region matched every hall configured without one: a kiosk that sent none (its hall has no region) was
        // offered unrelated halls across the city as if they were its neighbours.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("north", windows: 1));
            s.Halls.Add(TestHalls.Small("far-away", windows: 1));
            s.Settings["QueueCoreServer:Profiles:north:Region"] = "district-1";
        });
        var kiosk = server.Kiosk();
        await Rpc.EventuallyAsync(async () =>
            Assert.Single((await kiosk.SuggestHallsAsync(new() { Region = "district-1", Service = 1 }).Bounded()).Halls));

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => kiosk.SuggestHallsAsync(new() { Service = 1 }));

        Assert.Contains("region", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestHalls_RegionWithAControlCharacter_InvalidArgumentNamingIt()
    {
        // "district-1\n" (a scanner's line end) matched no hall: the kiosk showed "no hall nearby" where every other
        // call taking a region refused it.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("north", windows: 1));
            s.Settings["QueueCoreServer:Profiles:north:Region"] = "district-1";
        });

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Kiosk().SuggestHallsAsync(new() { Region = "district-1\n", Service = 1 }));

        Assert.Contains("region 'district-1\n' has U+000A (white space or a control character) at position 11; a region is at most 128 characters", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HallLanguage_ChineseScreensShowAndSpeakTheCallInChinese()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("south", windows: 5));
            s.Settings["QueueCoreServer:Profiles:south:Language"] = "zh-CN";
        });
        using var screen = server.Display().Watch(new() { Hall = "south" });
        Assert.Equal("zh-CN", (await screen.ResponseStream.NextAsync()).Snapshot.Language);
        await server.Kiosk().TakeTicketAsync(new() { Hall = "south", Services = { 1 } }).Bounded();
        await server.Terminal().OpenWindowAsync(new() { Hall = "south", Window = 5 }).Bounded();
        await server.Terminal().CallNextAsync(new() { Hall = "south", Window = 5 }).Bounded();

        var call = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;

        Assert.Equal("请A001号到5号窗口办理", call.Text);
        Assert.Equal("请A零零一号到5号窗口办理", call.Speech);
    }
    [Theory]
    [InlineData("zh-TW")]
    [InlineData("zh-HK")]
    [InlineData("zh-Hant")]
    public async Task HallLanguage_TraditionalChinese_ScreensShowAndSpeakTheCallInTraditionalCharacters(string language)
    {
        // A hall in Taipei or Hong Kong (its language accepted as zh-TW, zh-HK) was announced in simplified characters.
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("taipei", windows: 5));
            s.Settings["QueueCoreServer:Profiles:taipei:Language"] = language;
        });
        using var screen = server.Display().Watch(new() { Hall = "taipei" });
        Assert.Equal(language, (await screen.ResponseStream.NextAsync()).Snapshot.Language);
        await server.Kiosk().TakeTicketAsync(new() { Hall = "taipei", Services = { 1 } }).Bounded();
        await server.Terminal().OpenWindowAsync(new() { Hall = "taipei", Window = 5 }).Bounded();
        await server.Terminal().CallNextAsync(new() { Hall = "taipei", Window = 5 }).Bounded();

        var call = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;

        Assert.Equal("請A001號到5號窗口辦理", call.Text);
        Assert.Equal("請A零零一號到5號窗口辦理", call.Speech);
    }

    [Fact]
    public async Task HallLanguage_English_SpeechReadsTheNumberDigitByDigitInWords()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small("north", windows: 5));
        });
        using var screen = server.Display().Watch(new() { Hall = "north" });
        Assert.Equal("en", (await screen.ResponseStream.NextAsync()).Snapshot.Language);
        await server.Kiosk().TakeTicketAsync(new() { Hall = "north", Services = { 1 } }).Bounded();
        await server.Terminal().OpenWindowAsync(new() { Hall = "north", Window = 5 }).Bounded();
        await server.Terminal().CallNextAsync(new() { Hall = "north", Window = 5 }).Bounded();

        var call = (await screen.ResponseStream.NextMatchingAsync(u => u.Call is not null)).Call;

        Assert.Equal(("A001, please go to window 5", "A zero zero one, please go to window 5", "en"), (call.Text, call.Speech, call.Language));
    }
}
