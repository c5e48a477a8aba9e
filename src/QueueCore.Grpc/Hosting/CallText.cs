using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// A call as screens show and speak it, in the hall's language, to the window as the hall names it. Numbers are spoken
/// digit by digit ("A zero two three", "A零二三号"), as halls announce them, so "A023" is never read as "A twenty-three".
/// </summary>
public static partial class CallText
{
    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Mandarin Chinese.</summary>
    public const string Chinese = "zh-CN";

    private static readonly string[] EnglishDigits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private const string ChineseDigits = "零一二三四五六七八九";

    /// <summary>
    /// The line a screen shows: "A023, please go to window 5" / "请A023号到5号窗口办理" (in traditional characters,
    /// "請A023號到5號窗口辦理", for a hall of Taiwan, Hong Kong or Macau, or one whose tag says zh-Hant). The window is
    /// named as the hall names it (<see cref="WindowDefinition.Name"/>, see <see cref="Place"/>), its id only when it has
    /// no name.
    /// </summary>
    public static string Display(string language, string number, int window, string windowName) => IsChinese(language)
        ? ChineseLine(language, number, window, windowName)
        : string.Create(CultureInfo.InvariantCulture, $"{number}, please go to {Place(language, window, windowName)}");

    /// <summary>The line a screen speaks, the number digit by digit, the window named as in <see cref="Display"/>.</summary>
    public static string Speech(string language, string number, int window, string windowName)
    {
        var chinese = IsChinese(language);
        var spoken = new StringBuilder();
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                if (chinese)
                {
                    spoken.Append(ChineseDigits[c - '0']);
                }
                else
                {
                    spoken.Append(spoken.Length > 0 ? " " : "").Append(EnglishDigits[c - '0']);
                }
            }
            else
            {
                spoken.Append(chinese || spoken.Length == 0 ? "" : " ").Append(c);
            }
        }

        return chinese
            ? ChineseLine(language, spoken.ToString(), window, windowName)
            : string.Create(CultureInfo.InvariantCulture, $"{spoken}, please go to {Place(language, window, windowName)}");
    }

    /// <summary>
    /// Where a call sends the citizen, as the hall names the window: a name that is a window number ("5", "Window 5",
    /// "5号窗口", "窗口5") in the hall's own words ("window 5", "5号窗口"); any other name as it is ("Passport desk",
    /// "综合窗口"); a window without a name by its id. The signs over the desks carry the hall's names, which need not be
    /// the ids the hall's definition keys its windows by (window 101 may be the desk signed "5").
    /// </summary>
    public static string Place(string language, int window, string windowName)
    {
        var name = windowName.Trim();
        var numbered = name.Length == 0 ? window.ToString(CultureInfo.InvariantCulture) : WindowNumber(name);
        if (numbered is null)
        {
            return name;
        }

        return !IsChinese(language) ? "window " + numbered
            : IsTraditional(language) ? numbered + "號窗口" : numbered + "号窗口";
    }

    /// <summary>The number of a name that is nothing but a window number ("5", "Window 5", "5号窗口", "第5號窗口"), or null.</summary>
    private static string? WindowNumber(string name)
    {
        var match = NumberName().Match(name);
        return match.Success ? match.Groups["n"].Value : null;
    }

    [GeneratedRegex(@"^(?:window|counter|窗口|第)?\s*(?<n>[0-9]+)\s*(?:号窗口|號窗口|号|號|窗口)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberName();

    private static bool IsChinese(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    // A zh-TW hall's screens showed and spoke simplified characters (请, 号, 办理), which its citizens do not write.
    private static string ChineseLine(string language, string number, int window, string windowName) => IsTraditional(language)
        ? string.Create(CultureInfo.InvariantCulture, $"請{number}號到{Place(language, window, windowName)}辦理")
        : string.Create(CultureInfo.InvariantCulture, $"请{number}号到{Place(language, window, windowName)}办理");

    /// <summary>Whether a Chinese tag is written in traditional characters: zh-Hant, or a region that writes them (TW, HK, MO) without zh-Hans.</summary>
    private static bool IsTraditional(string language)
    {
        var subtags = language.Split('-', '_');
        if (subtags.Any(t => t.Equals("Hant", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return !subtags.Any(t => t.Equals("Hans", StringComparison.OrdinalIgnoreCase))
            && subtags.Skip(1).Any(t => t.ToUpperInvariant() is "TW" or "HK" or "MO");
    }
}
