namespace QueueCore;

/// <summary>
/// Replaces one of the small files beside the journal (its identity; the server's hall profiles, removed halls) so that
/// a crash or a power loss leaves either the old file or the new one whole: written to a temporary file and fsynced,
/// renamed over the old one, and the directory fsynced, as the journal's own files are.
/// </summary>
/// <remarks>The server compiles this file into its own assembly (a linked source), as it does <see cref="DirectorySync"/>.</remarks>
internal static class DurableFile
{
    /// <summary>Writes <paramref name="path"/> anew with <paramref name="write"/>; I/O errors are the caller's to report.</summary>
    public static void Replace(string path, Action<Stream> write)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true); // on disk before the rename makes it the file
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Sync(folder); // the rename is in the directory's entries: without this a power loss may undo it
    }
}
