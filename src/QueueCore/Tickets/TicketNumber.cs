using System.Globalization;
using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// The number printed on a ticket and shown on screens, e.g. A023: a category prefix and a daily sequence.
/// A small value without references (the prefix is held as a number into a process-wide table of prefixes), so
/// results and events that carry it copy cheaply.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct TicketNumber
{
    private static readonly string[] DigitFormats = ["D", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9"];

    private readonly int _prefix;

    /// <summary>A number with <paramref name="prefix"/> (e.g. "A"), <paramref name="sequence"/> (from 1) and at
    /// least <paramref name="width"/> digits, e.g. to compare with <see cref="CommandResult.Number"/>.</summary>
    /// <remarks>
    /// Prefixes are kept, for the life of the process, in a table shared with the halls' own prefixes and class ids
    /// (at most 65,536 distinct texts): build numbers from your halls' prefixes, not from unchecked input such as a
    /// number typed at a terminal (match its text against <see cref="ToString"/> instead).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="prefix"/> is not 1 to <see cref="ServiceCategory.MaxPrefixLength"/> characters (as a category's is),
    /// <paramref name="sequence"/> is below 1, or <paramref name="width"/> is not 0 to 9.
    /// </exception>
    public TicketNumber(string prefix, int sequence, int width = 3)
        : this(TextTable.Intern(CheckedPrefix(prefix)), CheckedSequence(sequence), CheckedWidth(width))
    {
    }

    internal TicketNumber(int prefixId, int sequence, int width)
    {
        _prefix = prefixId;
        Sequence = sequence;
        Width = width; // 0 to 9: the public constructor, Of and the hall's categories check it
    }

    /// <summary>
    /// A number as a saved state or the journal holds it, which may be none (sequence 0) or a prefix the hall no longer
    /// has; only the width is checked, as it indexes the digit formats.
    /// </summary>
    internal static TicketNumber Of(string prefix, int sequence, int width) => new(TextTable.Intern(prefix), sequence, CheckedWidth(width));

    /// <summary>The category prefix ("" for no number).</summary>
    public string Prefix => TextTable.Get(_prefix);

    /// <summary>The sequence within the category and day, from 1.</summary>
    public int Sequence { get; }

    /// <summary>Minimum digits printed.</summary>
    public int Width { get; }

    /// <summary>Whether this is a real number (a default value is none).</summary>
    public bool IsEmpty => _prefix == 0 && Sequence == 0;

    /// <summary>The printed form, e.g. "A023" ("" for none).</summary>
    public override string ToString() =>
        IsEmpty ? "" : Prefix + Sequence.ToString(DigitFormats[Width], CultureInfo.InvariantCulture);

    /// <summary>Writes the printed form without allocating; false if <paramref name="destination"/> is too short.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (IsEmpty)
        {
            return true;
        }

        var prefix = Prefix.AsSpan();
        if (!prefix.TryCopyTo(destination)
            || !Sequence.TryFormat(destination[prefix.Length..], out var digits, DigitFormats[Width], CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten = prefix.Length + digits;
        return true;
    }

    // Without these checks a null prefix printed "001", a sequence of -1 "A-001", and any text became a prefix.
    private static string CheckedPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix.Length is >= 1 and <= ServiceCategory.MaxPrefixLength
            ? prefix
            : throw new ArgumentOutOfRangeException(nameof(prefix), prefix, $"A ticket prefix has 1 to {ServiceCategory.MaxPrefixLength} characters.");
    }

    private static int CheckedSequence(int sequence) =>
        sequence >= 1 ? sequence : throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "A ticket's sequence starts at 1.");

    private static int CheckedWidth(int width) =>
        width is >= 0 and <= 9 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, "A ticket number has 0 to 9 digits.");
}
