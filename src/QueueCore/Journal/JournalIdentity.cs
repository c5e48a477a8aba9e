using System.Buffers;
using System.Text;

namespace QueueCore;

/// <summary>
/// The journal's identity (<see cref="JournalRecovery.JournalId"/>): a random id in the file <c>journal-id</c> of its data
/// directory, made when the journal is created and kept for its life, across restarts, roll-overs and the archive, and
/// in a copy of the directory. Hall event sequence numbers go on across restarts only within one journal: a server on a
/// fresh or another journal numbers them again, so readers that resume by number (call screens) are told the journals
/// apart by this id.
/// </summary>
internal static class JournalIdentity
{
    /// <summary>The identity's file in the journal's directory.</summary>
    public const string FileName = "journal-id";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// The identity of the journal in <paramref name="directory"/>; a new one (written and fsynced before this returns)
    /// when the directory held no journal to recover (<paramref name="recovered"/> false: a new journal, even beside an
    /// identity file left from a journal whose logs are gone), or a journal without one (written by an engine before
    /// identities), or one whose file does not read as an identity.
    /// </summary>
    /// <returns>The identity, and why a new one was made (null when the journal kept its own).</returns>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static (string Id, string? Made) Open(string directory, bool recovered)
    {
        var path = Path.Combine(directory, FileName);
        string? made;
        if (!recovered)
        {
            made = "a new journal";
        }
        else if (!File.Exists(path))
        {
            made = "a journal written by an engine that kept no identity";
        }
        else if (File.ReadAllText(path).Trim() is var kept && IsIdentity(kept))
        {
            return (kept, null);
        }
        else
        {
            made = $"its '{FileName}' file does not hold an identity";
        }

        var id = Guid.NewGuid().ToString("N");
        DurableFile.Replace(path, stream => stream.Write(Encoding.ASCII.GetBytes(id + "\n")));
        return (id, made);
    }

    /// <summary>Whether <paramref name="text"/> is an identity as <see cref="Open"/> writes them (32 lowercase hex digits).</summary>
    private static bool IsIdentity(string text) => text.Length == 32 && text.AsSpan().IndexOfAnyExcept(HexDigits) < 0;
}
