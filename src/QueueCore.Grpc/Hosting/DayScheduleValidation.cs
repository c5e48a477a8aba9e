using Microsoft.Extensions.Options;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Refuses a day schedule the server could not follow, naming the key an operator edits
/// (<c>QueueCoreServer:DaySchedule:Closes</c>): a time missing, a close at the opening's time (a close earlier than
/// the opening is the next day's: a night hall), or a close policy the engine does not have. A time that is no time ("25:00") or a policy that is no name
/// ("Cancel") is refused by the binder already, also naming the key. A schedule turned off (<c>"Enabled": false</c>)
/// needs no times, but those it gives are checked, so turning it on again cannot stop a start.
/// </summary>
internal sealed class DayScheduleValidation : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        if (options.DaySchedule is { } schedule)
        {
            Check($"{QueueCoreServer.Section}:{nameof(ServerOptions.DaySchedule)}", schedule, failures);
        }

        foreach (var (hall, own) in options.DaySchedules)
        {
            Check($"{QueueCoreServer.Section}:{nameof(ServerOptions.DaySchedules)}:{hall}", own, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, DaySchedule schedule, List<string> failures)
    {
        if (schedule.Enabled && (schedule.Opens is null || schedule.Closes is null))
        {
            var missing = schedule.Opens is null ? nameof(DaySchedule.Opens) : nameof(DaySchedule.Closes);
            failures.Add($"{key}:{missing} is required: the hall time the day {(missing == nameof(DaySchedule.Opens) ? "opens" : "closes")} at, e.g. \"08:00\".");
        }
        else if (schedule.Closes == schedule.Opens && schedule.Opens is not null) // a schedule turned off may give neither
        {
            failures.Add($"{key}:Closes '{schedule.Closes:HH\\:mm}' is the same as {key}:Opens: give the hall time the day closes, "
                + "later than Opens the same day or earlier the next (a night hall: Opens \"18:00\", Closes \"02:00\").");
        }

        if (!Enum.IsDefined(schedule.ClosePolicy))
        {
            failures.Add($"{key}:ClosePolicy '{schedule.ClosePolicy}' is no close policy: use {nameof(DayClosePolicy.CancelWaiting)} or {nameof(DayClosePolicy.ServeRemaining)}.");
        }
    }
}
