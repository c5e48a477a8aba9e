using System.Globalization;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// One of the engine's load commands and its positional arguments: whole numbers of 1 or more in a fixed order, each
/// with a default (<see cref="Numbers"/>; <see cref="MoreNumbers"/> names any count of further ones), then words
/// (<see cref="Words"/>), and at most one flag anywhere. <see cref="Parse"/> checks them all before anything runs.
/// </summary>
internal sealed record LoadCommand(
    string Name, string Summary, (string Name, int Default)[] Numbers, LoadWord[] Words, string? MoreNumbers = null, string? Flag = null)
{
    /// <summary>The command with its arguments, e.g. <c>load [halls=16] [shards=1] [producers=1] [seconds=5]</c>.</summary>
    public string Usage => string.Join(' ', [
        Name,
        .. Numbers.Select(n => $"[{n.Name}={n.Default}]"),
        .. MoreNumbers is null ? [] : new[] { $"[{MoreNumbers}...]" },
        .. Words.Select(w => $"[{w.Usage}]"),
        .. Flag is null ? [] : new[] { $"[{Flag}]" },
    ]);

    /// <summary>The arguments after the command's name, defaults filled in.</summary>
    /// <exception cref="ArgumentException">A number is not a whole number of 1 or more, a word is not one the command
    /// takes, or there is an argument too many; the message names it and gives <see cref="Usage"/>.</exception>
    public LoadArguments Parse(string[] args)
    {
        var flag = Flag is not null && args.Contains(Flag);
        var given = flag ? args.Where(a => a != Flag).ToArray() : args;
        var numbers = Numbers.Select(n => n.Default).ToArray();
        var more = new List<int>();
        var words = new string?[Words.Length];
        for (var i = 0; i < given.Length; i++)
        {
            if (i < numbers.Length)
            {
                numbers[i] = Number(Numbers[i].Name, given[i]);
            }
            else if (MoreNumbers is not null)
            {
                more.Add(Number(MoreNumbers, given[i]));
            }
            else if (i - numbers.Length < words.Length)
            {
                var word = Words[i - numbers.Length];
                words[i - numbers.Length] = word.Accepts(given[i]) ? given[i] : throw Refusal($"{word.Name} '{given[i]}' is not {word.Expected}");
            }
            else
            {
                throw Refusal($"'{given[i]}' is an argument too many");
            }
        }

        return new LoadArguments(numbers, [.. more], words, flag);
    }

    private int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw Refusal($"{name} '{value}' is not a whole number of 1 or more");

    private ArgumentException Refusal(string problem) => new($"{Name}: {problem}. Usage: {Usage}");
}
