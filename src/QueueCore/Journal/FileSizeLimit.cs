using System.Runtime.InteropServices;

namespace QueueCore;

/// <summary>
/// A process file size limit (<c>RLIMIT_FSIZE</c>: <c>ulimit -f</c>, systemd's <c>LimitFSIZE=</c>) met by a journal
/// segment. By default a write past it kills the process with <c>SIGXFSZ</c>: the server died, where a full disk makes
/// it refuse commands with <c>Unavailable</c> and report the journal unhealthy. With the signal handled the write fails
/// instead (<c>EFBIG</c>), and the journal stops acknowledging as it does on a full disk.
/// </summary>
/// <remarks>
/// The handler is process-wide and stays for the process's life, registered once by the first engine with a journal.
/// It only cancels the signal's default action (to terminate): a write past the limit then fails with EFBIG, in this
/// process's files and in any other code's, which is what a program that checks its writes wants.
/// </remarks>
internal static class FileSizeLimit
{
    private const int SigXfsz = 25; // SIGXFSZ: 25 on Linux (x86, Arm), macOS and the BSDs

    private static PosixSignalRegistration? _registration; // kept: a registration that is collected unregisters

    /// <summary>From now on, a write past the file size limit fails rather than killing the process (Linux, macOS).</summary>
    public static void FailWritesInsteadOfDying()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || Volatile.Read(ref _registration) is not null)
        {
            return;
        }

        try
        {
            var registration = PosixSignalRegistration.Create((PosixSignal)SigXfsz, static context => context.Cancel = true);
            if (Interlocked.CompareExchange(ref _registration, registration, null) is not null)
            {
                registration.Dispose(); // another engine registered first
            }
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or IOException)
        {
            // no such signal here: the default action stays
        }
    }

    /// <summary>
    /// <paramref name="exception"/>, or, when it is .NET's report of EFBIG (an ArgumentOutOfRangeException for a
    /// parameter named <c>value</c>: "Specified file length was too large for the file system"), an IOException that says
    /// what happened and what to do.
    /// </summary>
    public static Exception Explain(Exception exception, string directory) =>
        exception is ArgumentOutOfRangeException { ParamName: "value" }
            ? new IOException(
                $"A journal segment in '{directory}' reached the largest file this process may write (its file size limit: " +
                $"ulimit -f, systemd's LimitFSIZE); raise the limit, or set the journal's SegmentBytes well below it ({exception.Message})",
                exception)
            : exception;
}
