using System.Globalization;
using System.Text;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// A call as screens show and speak it, in the hall's language. Numbers are spoken digit by digit ("A zero two
/// three", "A零二三号"), as halls announce them, so "A023" is never read as "A twenty-three". A call names the window
/// by its id ("window 5"), and by its name too when the name is more than that number (<see cref="NamesWindow"/>): one
/// rule for the line a screen shows and the line it speaks, so a screen never writes a name it does not say or says
/// one it does not write.
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
    public static string Display(string language, string number, int window) => Display(language, number, window, "");

    /// <summary>
    /// The line a screen shows for a call to a window named <paramref name="windowName"/>: as
    /// <see cref="Display(string, string, int)"/>, with the name after the window's number when
    /// <see cref="NamesWindow"/> says so, as the voice says it: "A023, please go to window 2, Passport desk",
    /// "请A023号到2号窗口（护照窗口）办理".
    /// </summary>
    public static string Display(string language, string number, int window, string windowName) =>
        Line(language, number, Place(language, window, NamesWindow(window, windowName) ? windowName.Trim() : ""));

    /// <summary>The line a screen speaks, the number digit by digit.</summary>
    public static string Speech(string language, string number, int window) => Speech(language, number, window, "");

    /// <summary>
    /// The line a screen speaks for a call to a window named <paramref name="windowName"/>: as
    /// <see cref="Speech(string, string, int)"/>, with the name after the window's number when the name tells a citizen
    /// more than that number (<see cref="NamesWindow"/>): "A zero two three, please go to window 2, Passport desk",
    /// "请A零二三号到2号窗口（护照窗口）办理".
    /// </summary>
    public static string Speech(string language, string number, int window, string windowName)
    {
        var name = NamesWindow(window, windowName) ? windowName.Trim() : "";
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

        return Line(language, spoken.ToString(), Place(language, window, name));
    }

    /// <summary>
    /// Whether a call names a window by its name too, in the line a screen shows and in the one it speaks: when the name
    /// does not carry the window's number. "Passport desk" or "Caring window" is what the sign over the desk says, and
    /// "Business 1" over window 5 another number a citizen looks for; "Window 5", "5号窗口" or "Comprehensive 5" over
    /// window 5 only lengthen every call with what "window 5" has said.
    /// </summary>
    public static bool NamesWindow(int window, string windowName)
    {
        var digits = 0;
        for (var i = 0; i <= windowName.Length; i++)
        {
            if (i < windowName.Length && char.IsAsciiDigit(windowName[i]))
            {
                digits++;
                continue;
            }

            if (digits > 0 && int.TryParse(windowName.AsSpan(i - digits, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == window)
            {
                return false;
            }

            digits = 0;
        }

        return !string.IsNullOrWhiteSpace(windowName);
    }

    private static bool IsChinese(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "A023, please go to {place}" / "请A023号到{place}办理", in traditional characters for a hall that writes them (a
    /// zh-TW hall's screens showed and spoke simplified characters, 请, 号, 办理, which its citizens do not write).
    /// </summary>
    private static string Line(string language, string number, string place) =>
        !IsChinese(language) ? $"{number}, please go to {place}"
        : IsTraditional(language) ? $"請{number}號到{place}辦理"
        : $"请{number}号到{place}办理";

    /// <summary>
    /// The window a call sends the citizen to: "window 5" / "5号窗口" ("5號窗口"), then <paramref name="name"/> when given
    /// ("window 2, Passport desk" / "2号窗口（护照窗口）"). The name is the hall's own text, never rewritten.
    /// </summary>
    private static string Place(string language, int window, string name)
    {
        var place = !IsChinese(language) ? string.Create(CultureInfo.InvariantCulture, $"window {window}")
            : string.Create(CultureInfo.InvariantCulture, $"{window}{(IsTraditional(language) ? "號" : "号")}窗口");
        return name.Length == 0 ? place : !IsChinese(language) ? $"{place}, {name}" : $"{place}（{name}）";
    }

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
