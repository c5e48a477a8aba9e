using System.Diagnostics;

namespace QueueCore;

/// <remarks>
/// This part: a command as a trace span. Only while a listener listens to the QueueCore source, so a request's trace (an
/// ASP.NET Core request, a kiosk's call) shows the hall's part in it: which hall, which command, and what came of it.
/// </remarks>
public sealed partial class HallHandle
{
    /// <summary>The name of the activity of one submitted command.</summary>
    internal const string CommandActivityName = "QueueCore.Command";

    private async ValueTask<CommandResult> SubmitTracedAsync(HallCommand command, CancellationToken cancellationToken)
    {
        using var activity = QueueCoreDiagnostics.ActivitySource.StartActivity(CommandActivityName);
        activity?.SetTag("queuecore.hall", Id);
        activity?.SetTag("queuecore.command.kind", command.Kind.ToString());
        var result = await _shard.Submit(_index, in command, cancellationToken).ConfigureAwait(false);
        if (activity is null)
        {
            return result;
        }

        activity.SetTag("queuecore.sequence", result.Sequence);
        if (!result.IsSuccess)
        {
            activity.SetTag("queuecore.error", result.Error.ToString());
            activity.SetStatus(ActivityStatusCode.Error, WithoutAppointment(result.Message, command.Appointment));
        }
        else if (result.Ticket != 0)
        {
            activity.SetTag("queuecore.ticket", result.Ticket);
            activity.SetTag("queuecore.ticket.number", result.Number.ToString());
        }

        return result;
    }

    /// <summary>
    /// A refusal's message for a span, the appointment reference it may quote withheld: traces go to a store that many
    /// read and keep, and a booking reference is the citizen's (the caller's own result still names it).
    /// </summary>
    private static string? WithoutAppointment(string? message, string? appointment)
    {
        var trimmed = appointment?.Trim();
        return string.IsNullOrEmpty(trimmed) || message is null ? message : message.Replace(trimmed, "(withheld)", StringComparison.Ordinal);
    }
}
