using System.Runtime.CompilerServices;

namespace QueueCore;

public sealed partial class Hall
{
    /// <summary>
    /// The first result of a client request id the hall remembers: what a retry with that id gets back. False when it
    /// remembers none (the id was never used, its command was refused, which is not remembered, or it was forgotten: the
    /// hall keeps the last <see cref="HallDefinition.RememberedRequests"/>). A caller that resolves part of a command
    /// before submitting it (the server's "rate the last service finished at this window") reads here what its first
    /// attempt resolved to, so its retry is the same command.
    /// </summary>
    public bool TryGetRequestResult(Guid requestId, out CommandResult result) => _requests.TryGet(requestId, out _, out result);

    /// <summary>
    /// A command with a client request id: a retry of a remembered successful command returns its first result and
    /// changes nothing; the same id with different content is refused (<see cref="QueueError.RequestIdReused"/>); otherwise the command runs and, if it
    /// succeeds, its id is remembered (refusals are not: they changed nothing, so running them again is safe).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CommandResult ApplyOnce(in HallCommand command)
    {
        var fingerprint = CommandFingerprint.Of(command, _referencesIgnoreCase);
        if (_requests.TryGet(command.RequestId, out var seen, out var first))
        {
            return seen == fingerprint || RememberedWithExactReference(command, seen)
                ? first
                : Result(Refused(QueueError.RequestIdReused, $"Request id {command.RequestId} was already used for a different command."));
        }

        var result = Result(Run(command));
        if (result.IsSuccess)
        {
            _requests.Remember(command.RequestId, fingerprint, result);
        }

        return result;
    }

    /// <summary>
    /// Whether a check-in's request id was remembered with its reference fingerprinted exactly (while the hall matched
    /// references so, before the engine recovered it from such a journal, or by a version that fingerprinted them so):
    /// its retry typed as it was then is the same command still.
    /// </summary>
    private bool RememberedWithExactReference(in HallCommand command, ulong seen) =>
        _referencesIgnoreCase && command.Appointment is not null && seen == CommandFingerprint.Of(command, referencesIgnoreCase: false);
}
