using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// Makes a directory's entries durable: fsync on the directory itself, so a file created, renamed or deleted in it
/// is still created, renamed or deleted after a power loss. An fsync of the file covers its bytes, not the entry that
/// names it: without this a new segment (or the <c>ready</c> marker) could be fsynced and still vanish with its name.
/// </summary>
/// <remarks>
/// .NET opens no directory as a file (<c>File.OpenHandle</c> on one throws UnauthorizedAccessException on Unix), so on
/// Linux and macOS this calls <c>open</c>, <c>fsync</c> and <c>close</c> from libc. Windows has no such call (NTFS
/// journals its metadata): a no-op there. Called where the journal creates, renames or deletes files (a new segment,
/// a new generation, its <c>ready</c> marker, old segments and generations going), never per command. The server
/// compiles this file into its own assembly (a linked source) for the files it keeps beside the journal.
/// </remarks>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22; // EINVAL, the same on Linux and macOS: the file system cannot sync a directory

    private static bool _unavailable; // set once libc cannot be called: a benign race (every thread sets the same value)

    /// <summary>Test hook: called with each directory synced (after its fsync).</summary>
    internal static Action<string>? Synced { get; set; }

    /// <summary>Fsyncs <paramref name="directory"/> (Linux, macOS; nothing elsewhere).</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced (the message names it and says why).</exception>
    public static void Sync(string directory)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            SyncUnix(directory);
        }

        Synced?.Invoke(directory);
    }

    private static void SyncUnix(string directory)
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            SyncWithLibc(directory);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A platform whose C library the runtime cannot find under "libc": the journal still fsyncs its files, as it
            // did before directories were synced, rather than refusing to run.
            _unavailable = true;
        }
    }

    private static void SyncWithLibc(string directory)
    {
        // O_CLOEXEC, so a process started meanwhile does not inherit the descriptor; its value differs by platform.
        var flags = ReadOnly | (OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000);
        var fd = Open(directory, flags);
        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var error && error != InvalidArgument)
            {
                throw Failure("fsync", directory, error);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory, int error) =>
        new($"The directory '{directory}' cannot be synced to disk ({call}: {Marshal.GetPInvokeErrorMessage(error)}, errno {error}).");

    // "libc" is the platform's C library on Linux (glibc or musl) and macOS: the runtime maps the name itself.
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
