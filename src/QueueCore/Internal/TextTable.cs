using System.Collections.Concurrent;

namespace QueueCore;

/// <summary>
/// A process-wide table of short configuration texts (ticket prefixes, priority class ids), each given a small
/// number once. Events and ticket numbers carry the number instead of the string, so they hold no references:
/// copying them into buffers needs no GC write barrier, and reading the text back is one array load.
/// </summary>
/// <remarks>
/// Only configuration texts are interned (a hall has a handful), so the table stays small; it never shrinks.
/// Readers take no lock: the array is replaced (never mutated in place where a reader could see a torn entry).
/// </remarks>
internal static class TextTable
{
    /// <summary>The most distinct texts the table holds; plenty for prefixes and class ids of thousands of halls.</summary>
    public const int Capacity = 1 << 16;

    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static string[] _texts = [""]; // id 0: no text

    /// <summary>The number of <paramref name="text"/> (0 for null or empty), adding it if new.</summary>
    /// <exception cref="InvalidOperationException">More than <see cref="Capacity"/> distinct texts.</exception>
    public static int Intern(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return Ids.TryGetValue(text, out var id) ? id : Add(text);
    }

    /// <summary>The text numbered <paramref name="id"/> ("" for 0).</summary>
    public static string Get(int id) => Volatile.Read(ref _texts)[id]; // acquire: the array is fully written before it is published

    private static int Add(string text)
    {
        lock (Gate) // rare: once per distinct configuration text
        {
            if (Ids.TryGetValue(text, out var id))
            {
                return id;
            }

            var texts = _texts;
            if (texts.Length >= Capacity)
            {
                throw new InvalidOperationException($"More than {Capacity} distinct ticket prefixes and class ids are in use.");
            }

            id = texts.Length;
            Volatile.Write(ref _texts, [.. texts, text]); // release: readers see the new entry complete
            Ids[text] = id;
            return id;
        }
    }
}
