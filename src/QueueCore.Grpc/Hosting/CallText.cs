using System.Globalization;
using System.Text;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// A call as screens show and speak it, in the hall's language. Numbers are spoken digit by digit ("A zero two
/// three", "A零二三号"), as halls announce them, so "A023" is never read as "A twenty-three".
/// </summary>
public static class CallText
{
    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Mandarin Chinese.</summary>
    public const string Chinese = "zh-CN";

    private static readonly string[] EnglishDigits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private const string ChineseDigits = "零一二三四五六七八九";

    /// <summary>
    /// The line a screen shows: "A023, please go to window 5" / "请A023号到5号窗口办理" (in traditional characters,
    /// "請A023號到5號窗口辦理", for a hall of Taiwan, Hong Kong or Macau, or one whose tag says zh-Hant).
    /// </summary>
    public static string Display(string language, string number, int window) => IsChinese(language)
        ? ChineseLine(language, number, window)
        : string.Create(CultureInfo.InvariantCulture, $"{number}, please go to window {window}");

    /// <summary>The line a screen speaks, the number digit by digit.</summary>
    public static string Speech(string language, string number, int window)
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
            ? ChineseLine(language, spoken.ToString(), window)
            : string.Create(CultureInfo.InvariantCulture, $"{spoken}, please go to window {window}");
    }

    private static bool IsChinese(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    // A zh-TW hall's screens showed and spoke simplified characters (请, 号, 办理), which its citizens do not write.
    private static string ChineseLine(string language, string number, int window) => IsTraditional(language)
        ? string.Create(CultureInfo.InvariantCulture, $"請{number}號到{window}號窗口辦理")
        : string.Create(CultureInfo.InvariantCulture, $"请{number}号到{window}号窗口办理");

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
