extern alias server;

using CallText = server::QueueCore.Grpc.Hosting.CallText;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>What a screen speaks for a call, in the hall's language, naming the window as the hall names it.</summary>
public sealed class CallTextTests
{
    [Theory]
    [InlineData("en", "A zero two three, please go to window 2, Passport desk")]
    [InlineData("zh-CN", "请A零二三号到2号窗口（Passport desk）办理")]
    [InlineData("zh-TW", "請A零二三號到2號窗口（Passport desk）辦理")]
    public void Speech_WindowNamedWithoutItsNumber_SaysTheName(string language, string spoken)
    {
        // The sign over window 2 reads "Passport desk": the screen's line named the desk, its voice said "window 2" only.
        Assert.Equal(spoken, CallText.Speech(language, "A023", 2, "Passport desk"));
    }

    [Fact]
    public void Speech_NameWithAnotherNumber_SaysBoth()
    {
        // The demo hall's window 5 is "Business 1": a citizen who hears "window 5" alone looks for a 5 among the 1s.
        Assert.Equal("A zero two three, please go to window 5, Business 1", CallText.Speech("en", "A023", 5, "Business 1"));
        Assert.Equal("请A零二三号到5号窗口（爱心窗口）办理", CallText.Speech("zh-CN", "A023", 5, "爱心窗口"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Window 5")]
    [InlineData("Comprehensive 5")]
    [InlineData("Window 05")]
    [InlineData("5号窗口")]
    [InlineData("综合窗口5")]
    public void Speech_NameCarriesTheWindowsNumber_NotSaidAgain(string name)
    {
        Assert.Equal("A zero two three, please go to window 5", CallText.Speech("en", "A023", 5, name));
        Assert.Equal("请A零二三号到5号窗口办理", CallText.Speech("zh-CN", "A023", 5, name));
        Assert.Equal("請A零二三號到5號窗口辦理", CallText.Speech("zh-Hant", "A023", 5, name));
    }

    [Fact]
    public void Display_WindowWithoutAName_NamedByItsId()
    {
        Assert.Equal("A023, please go to window 2", CallText.Display("en", "A023", 2));
        Assert.Equal("请A023号到2号窗口办理", CallText.Display("zh-CN", "A023", 2));
        Assert.Equal("請A023號到2號窗口辦理", CallText.Display("zh-TW", "A023", 2));
    }

    [Theory]
    [InlineData("Passport desk")]
    [InlineData("Business 1")]
    [InlineData("Window 5")]
    [InlineData("Comprehensive 5")]
    [InlineData("5号窗口")]
    [InlineData("")]
    public void Display_NamesTheWindowExactlyWhenSpeechDoes(string name)
    {
        // One rule for both lines: a screen never writes a name it does not say, nor says one it does not write.
        foreach (var language in new[] { "en", "zh-CN", "zh-TW" })
        {
            var named = CallText.NamesWindow(5, name);
            Assert.Equal(named, CallText.Display(language, "A023", 5, name) != CallText.Display(language, "A023", 5));
            Assert.Equal(named, CallText.Speech(language, "A023", 5, name) != CallText.Speech(language, "A023", 5));
        }

        Assert.Equal(
            CallText.NamesWindow(5, name) ? $"A023, please go to window 5, {name}" : "A023, please go to window 5",
            CallText.Display("en", "A023", 5, name));
    }
}
