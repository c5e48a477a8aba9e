using System.Text;

namespace QueueCore.Simulation;

/// <summary>
/// CSV as RFC 4180 has it, for every file the simulator reads or writes (day traces, rows, windows, differences): a
/// field with a comma, a double quote or a line break is written in double quotes, its quotes doubled, and read back so.
/// A trace's ticket label (from another system's export) or a hall, service or class name may hold a comma ("A,B");
/// unquoted, it shifted every column after it.
/// </summary>
internal static class Csv
{
    /// <summary><paramref name="text"/> as one field: as it is, or quoted when it holds a comma, a quote or a line break.</summary>
    public static string Field(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// The fields of the next record, or null at the end. A quoted field may span lines: <paramref name="line"/>, the
    /// number of the last line read (1-based), counts each of them, and the caller names the record by the line it began on.
    /// </summary>
    /// <exception cref="FormatException">A quote left open at the end, or text after a closing quote: the message gives the line.</exception>
    public static string[]? ReadRecord(TextReader reader, ref int line)
    {
        if (reader.ReadLine() is not { } text)
        {
            return null;
        }

        line++;
        var start = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    var quote = text.IndexOf('"', i);
                    if (quote < 0)
                    {
                        field.Append(text, i, text.Length - i);
                        text = reader.ReadLine()
                            ?? throw new FormatException($"line {start}: a quoted field is not closed (a field in double quotes ends with a double quote)");
                        line++;
                        field.Append('\n');
                        i = 0;
                        continue;
                    }

                    field.Append(text, i, quote - i);
                    i = quote + 1;
                    if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"'); // a doubled quote inside the field
                        i++;
                        continue;
                    }

                    break;
                }

                if (i < text.Length && text[i] != ',')
                {
                    throw new FormatException($"line {line}: '{text[i]}' after a quoted field's closing quote; a quote inside a quoted field is doubled (\"\")");
                }
            }
            else
            {
                var comma = text.IndexOf(',', i);
                var end = comma < 0 ? text.Length : comma;
                field.Append(text, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                return [.. fields];
            }

            i++; // the comma
        }
    }
}
