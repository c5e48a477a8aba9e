using System.Globalization;

namespace QueueCore.Benchmarks.Load;

/// <summary>
/// One of the engine's load commands and its positional arguments: whole numbers from their minimum (1 unless given)
/// to their maximum in a fixed order, each with a default (<see cref="Numbers"/>; <see cref="MoreNumbers"/> takes any
/// count of further ones, its default when none is given), then words (<see cref="Words"/>), and at most one flag
/// anywhere. <see cref="Parse"/> checks them all before anything runs.
/// </summary>
internal sealed record LoadCommand(
    string Name, string Summary, LoadNumber[] Numbers, LoadWord[] Words, LoadNumber? MoreNumbers = null, string? Flag = null)
{
    /// <summary>The command with its arguments, e.g.
    /// <c>load [halls=16, max 1000] [shards=1] [producers=1, max 64] [seconds=5, max 60]</c>.</summary>
    public string Usage => string.Join(' ', [
        Name,
        .. Numbers.Select(n => $"[{n.Usage()}]"),
        .. MoreNumbers is null ? [] : new[] { $"[{MoreNumbers.Usage("...")}]" },
        .. Words.Select(w => $"[{w.Usage}]"),
        .. Flag is null ? [] : new[] { $"[{Flag}]" },
    ]);

    /// <summary>The arguments after the command's name, defaults filled in.</summary>
    /// <exception cref="ArgumentException">A number is not a whole number from its minimum to its maximum, a word is
    /// not one the command takes, or there is an argument too many; the message names it and gives <see cref="Usage"/>.</exception>
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
                numbers[i] = Number(Numbers[i], given[i]);
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

        if (more.Count == 0 && MoreNumbers is not null)
        {
            more.Add(MoreNumbers.Default);
        }

        return new LoadArguments(numbers, [.. more], words, flag);
    }

    private int Number(LoadNumber number, string value) =>
        !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < number.Min
            ? throw Refusal($"{number.Name} '{value}' is not a whole number of {number.Min} or more")
            : n > number.Max
            ? throw Refusal(string.Create(CultureInfo.InvariantCulture, $"{number.Name} {n} is over its maximum of {number.Max}"))
            : n;

    private ArgumentException Refusal(string problem) => new($"{Name}: {problem}. Usage: {Usage}");
}
