using System.Globalization;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Feeds;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Opens and closes the days of halls with a <see cref="DaySchedule"/>, by the injected clock, in each hall's time
/// zone: at start (<see cref="StartDayAsync"/>, from <see cref="HallStartup"/>), then at each Opens and Closes while the
/// server runs; a Closes earlier than Opens closes the day the next morning (a night hall). A change the engine refuses
/// (the day opens only once no ticket of the previous day is live), or that fails, is retried each minute: logged once
/// (Warning, Error), the same failure again at Debug level only, and once at Information when it works again. The
/// opening ends the day before's extended service (<see cref="DayClosePolicy.ServeRemaining"/>): tickets of it still
/// waiting or parked are cancelled then, and only tickets at windows, served to the end, hold the opening. It
/// follows the halls the engine has at each pass, so halls added or removed at run time follow their schedule from the
/// next Opens or Closes. An admin's opening or closing stands until then.
/// </summary>
internal sealed class DayScheduler(
    HallDirectory directory, HallFeeds feeds, IOptions<ServerOptions> options, TimeProvider time, ILogger<DayScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(1);

    /// <summary>The longest step back of the clock the schedule waits out (see <see cref="ExecuteAsync"/>).</summary>
    private static readonly TimeSpan HeldStepBack = TimeSpan.FromHours(1);

    /// <summary>
    /// Halls whose last Opens (true) or Closes (false) is not applied yet, with the date of the day it opens or closes;
    /// the loop's alone.
    /// </summary>
    private readonly Dictionary<string, (DateOnly Day, bool Open)> _pending = new(StringComparer.Ordinal);

    /// <summary>
    /// Halls whose pending change last failed, with how (the change and the refusal or exception): a retry failing the
    /// same way is logged at Debug level only (a hall faulted for hours logged the same Error, exception and all, each
    /// minute).
    /// </summary>
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);

    /// <summary>When <see cref="HallStartup"/> brought the halls to their schedule; the loop goes on from there.</summary>
    private DateTimeOffset? _started;

    /// <summary>Whether any hall has a schedule (none: this service does nothing).</summary>
    private bool Scheduled => options.Value.DaySchedule is { Enabled: true } || options.Value.DaySchedules.Values.Any(s => s.Enabled);

    /// <summary>
    /// At start: brings the day of <paramref name="feed"/>'s hall, which has <paramref name="schedule"/>, to where the
    /// schedule says it is at <paramref name="now"/>, as its last Opens or Closes would have: open today's day (yesterday's
    /// closed first), or closed. A day closed since today's Opens (by an admin) is left closed: opening it again would
    /// number from A001 twice the same day.
    /// </summary>
    public async Task StartDayAsync(HallFeed feed, DaySchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _started = now;
        var (at, day, open) = Last(schedule, HallCatalog.Of(feed.Hall.Definition), now);
        if (open && !(await feed.Hall.GetSnapshotAsync(SnapshotDetail.Services, cancellationToken).ConfigureAwait(false)).DayOpen
            && await DayOpenedAtAsync(feed.Hall, cancellationToken).ConfigureAwait(false) >= at)
        {
            Log.DayLeftClosed(logger, feed.HallId);
            return;
        }

        if (!await ApplyAsync(feed, schedule, day, open, cancellationToken).ConfigureAwait(false))
        {
            _pending[feed.HallId] = (day, open);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Scheduled)
        {
            return;
        }

        var last = _started ?? time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var wake = now + Retry;
            var halls = directory.Engine.HallIds.ToHashSet(StringComparer.Ordinal);
            foreach (var id in halls)
            {
                if (options.Value.ScheduleOf(id) is not { } schedule || !directory.Engine.TryGetHall(id, out var hall))
                {
                    continue;
                }

                var catalog = HallCatalog.Of(hall.Definition);
                if (Last(schedule, catalog, now) is var (at, day, open) && at > last)
                {
                    _pending[id] = (day, open); // a later Opens or Closes replaces one not applied yet
                }

                if (_pending.TryGetValue(id, out var wanted) && await TryApplyAsync(id, schedule, wanted.Day, wanted.Open, stoppingToken).ConfigureAwait(false))
                {
                    _pending.Remove(id);
                    if (_failing.Remove(id))
                    {
                        Log.DayScheduleRecovered(logger, id, wanted.Open ? "open" : "closed");
                    }
                }

                wake = Min(wake, Next(schedule, catalog, now));
            }

            foreach (var gone in _pending.Keys.Where(id => !halls.Contains(id)).ToList())
            {
                _pending.Remove(gone); // removed at run time
                _failing.Remove(gone);
            }

            // Not back by a step an NTP correction makes: the clock crossed an Opens or Closes again, which reopened a day an
            // admin had closed since, numbering from A001 again; the schedule waits the step out, as a hall's clock does. A
            // longer step back puts a wrong clock right (a year ahead): waited out, it left every day unopened until then.
            last = now < last && last - now <= HeldStepBack ? last : now;
            var delay = Task.Delay(Max(wake - time.GetUtcNow(), TimeSpan.Zero), time, stoppingToken);
            if (time.GetUtcNow() < wake) // the clock may have moved past the wake before the timer was set (a test's fake clock)
            {
                await delay.ConfigureAwait(false);
            }
        }
    }

    /// <summary>As <see cref="ApplyAsync"/>, for the loop: false (logged) when it failed, so it is retried and the loop goes on.</summary>
    private async Task<bool> TryApplyAsync(string id, DaySchedule schedule, DateOnly day, bool open, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyAsync(feeds.Get(id), schedule, day, open, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The loop is the only one: a hall removed under it, or a fault of one hall, must not stop every hall's schedule
            // (nor, let out of a background service, the server).
            if (FirstFailure(id, $"{(open ? "open" : "close")}: {e.GetType().Name}: {e.Message}"))
            {
                Log.DayScheduleFailed(logger, id, e);
            }

            return false;
        }
    }

    /// <summary>
    /// Opens the day of <paramref name="day"/> (closing an earlier one still open first) or closes the day; true when the
    /// day is as wanted, false when the engine refused (logged once while it refuses the same way).
    /// </summary>
    private async Task<bool> ApplyAsync(HallFeed feed, DaySchedule schedule, DateOnly day, bool open, CancellationToken cancellationToken)
    {
        await feed.Attached.WaitAsync(cancellationToken).ConfigureAwait(false);
        var hall = feed.Hall;
        var catalog = HallCatalog.Of(hall.Definition);
        if ((await hall.GetSnapshotAsync(SnapshotDetail.Services, cancellationToken).ConfigureAwait(false)).DayOpen)
        {
            // The day's own: opened on its date (an admin's early opening included) and after the day before closed. A night
            // hall's day opened at 18:00 is still the one the schedule opened at 01:00 the next morning; one opened at 01:30
            // before a Closes of 02:20 is the day before's.
            var opened = await DayOpenedAtAsync(hall, cancellationToken).ConfigureAwait(false) ?? DateTimeOffset.MinValue;
            if (open && catalog.Date(opened) >= day && opened >= ClosesOf(schedule, catalog, day.AddDays(-1)))
            {
                return true;
            }

            var closed = await hall.CloseDayAsync(schedule.ClosePolicy, cancellationToken).ConfigureAwait(false);
            if (!closed.IsSuccess)
            {
                return Refused(feed.HallId, "close", closed.Message);
            }

            await feed.TakeInAsync(closed.Sequence, cancellationToken).ConfigureAwait(false);
            var (date, closes) = (HallStartup.Iso(catalog.Date(opened)), Clock(schedule.Closes)); // once a day per hall
            Log.DayClosedOnSchedule(logger, feed.HallId, date, closes, schedule.ClosePolicy);
        }

        if (!open)
        {
            return true;
        }

        var result = await hall.OpenDayAsync(cancellationToken).ConfigureAwait(false);
        if (result.Error == QueueError.DayWrongState && await EndExtendedServiceAsync(feed, schedule, cancellationToken).ConfigureAwait(false))
        {
            result = await hall.OpenDayAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsSuccess)
        {
            return Refused(feed.HallId, "open", result.Message);
        }

        await feed.TakeInAsync(result.Sequence, cancellationToken).ConfigureAwait(false);
        var opens = Clock(schedule.Opens);
        Log.DayOpenedOnSchedule(logger, feed.HallId, opens);
        return true;
    }

    /// <summary>
    /// At a scheduled opening the day before's tickets keep from happening: ends the day before's extended service
    /// (<see cref="DayClosePolicy.ServeRemaining"/>, the schedule's or an admin's) by closing it with
    /// <see cref="DayClosePolicy.CancelWaiting"/>, which cancels the tickets still waiting or parked (cause
    /// <see cref="CancelCause.DayClosed"/>); tickets at windows are served to the end, and the day opens once they have
    /// left. True when it closed (false: closed so already, or opened meanwhile). A ticket parked without a return time
    /// comes back only when a clerk resumes it, and one left waiting by the clerks gone home is never called: either held
    /// the opening, and kiosks refused tickets, for good. Closed even with none waiting or parked: the tickets still at
    /// windows may then no longer be parked or transferred (the clerk is told the day has closed), which would hold the
    /// opening again.
    /// </summary>
    private async Task<bool> EndExtendedServiceAsync(HallFeed feed, DaySchedule schedule, CancellationToken cancellationToken)
    {
        var hall = feed.Hall;
        var snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Parked, cancellationToken).ConfigureAwait(false);
        if (snapshot.DayOpen)
        {
            return false;
        }

        // Refused (DayWrongState) when the day was closed with CancelWaiting already: only tickets at windows are left.
        var closed = await hall.CloseDayAsync(DayClosePolicy.CancelWaiting, cancellationToken).ConfigureAwait(false);
        if (!closed.IsSuccess)
        {
            return false;
        }

        var left = snapshot.TotalWaiting + snapshot.Parked.Count; // as the snapshot counted them, a moment before
        await feed.TakeInAsync(closed.Sequence, cancellationToken).ConfigureAwait(false);
        var opens = Clock(schedule.Opens); // once a day per hall
        Log.ExtendedServiceEnded(logger, feed.HallId, opens, left);
        return true;
    }

    private bool Refused(string hall, string change, string? message)
    {
        message = message?.TrimEnd('.'); // the log's sentence goes on after it ("... restarts.. Retried each minute")
        if (FirstFailure(hall, $"{change}: {message}"))
        {
            Log.ScheduledDayRefused(logger, hall, change, message);
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="failure"/> of <paramref name="hall"/>'s pending change is not the one logged last, to be
    /// logged at its own level; the same again is logged here, at Debug level, not at every retry's Warning or Error.
    /// </summary>
    private bool FirstFailure(string hall, string failure)
    {
        if (_failing.TryGetValue(hall, out var last) && last == failure)
        {
            Log.DayScheduleStillFailing(logger, hall, failure);
            return false;
        }

        _failing[hall] = failure;
        return true;
    }

    /// <summary>
    /// The latest Opens or Closes at or before <paramref name="now"/>: when, the date of the day it opens or closes, and
    /// whether it is an Opens. Of two at the same instant the later day's is the later: a night hall's Closes (02:20) and
    /// the next Opens (02:30), both in the hour the clocks skip, come together when they go forward, and the day before
    /// closes, the new one opens. Of one day's, the Closes is the later: both in the skipped hour (02:10-02:50), that day
    /// does not open (it opened, and its close was lost, so it stayed open).
    /// </summary>
    private static (DateTimeOffset At, DateOnly Day, bool Open) Last(DaySchedule schedule, HallCatalog catalog, DateTimeOffset now) =>
        Boundaries(schedule, catalog, now).Where(b => b.At <= now).MaxBy(b => (b.At, b.Day, !b.Open));

    /// <summary>The first Opens or Closes after <paramref name="now"/>.</summary>
    private static DateTimeOffset Next(DaySchedule schedule, HallCatalog catalog, DateTimeOffset now) =>
        Boundaries(schedule, catalog, now).Where(b => b.At > now).Min(b => b.At);

    /// <summary>
    /// The first Closes after <paramref name="now"/>: the close of the day open now (a night hall's the next morning), or,
    /// between a close and the next opening, the next day's.
    /// </summary>
    internal static DateTimeOffset NextClose(DaySchedule schedule, HallCatalog catalog, DateTimeOffset now) =>
        Boundaries(schedule, catalog, now).Where(b => !b.Open && b.At > now).Min(b => b.At);

    /// <summary>
    /// The first Opens after <paramref name="now"/>: the next day's (while a day is open, or served on after its close).
    /// </summary>
    internal static DateTimeOffset NextOpen(DaySchedule schedule, HallCatalog catalog, DateTimeOffset now) =>
        Boundaries(schedule, catalog, now).Where(b => b.Open && b.At > now).Min(b => b.At);

    /// <summary>
    /// The scheduled opening whose time has come but that has not happened, as the scheduler retries it while tickets of
    /// the day before are live: the latest Opens at or before <paramref name="now"/>, when the hall's day is not open and
    /// its last opening was not that day's (by the rule <see cref="ApplyAsync"/> goes by: on its date, after the day
    /// before closed); null otherwise (a day closed early by an admin the same day waits for tomorrow's Opens). Reads the
    /// hall's saved state only in that case: a park while the day is open pays one snapshot of its services, unless the
    /// caller passes the day's state (<paramref name="dayOpen"/>) it has read already.
    /// </summary>
    internal static async Task<DateTimeOffset?> HeldOpeningAsync(
        DaySchedule schedule, HallCatalog catalog, HallHandle hall, DateTimeOffset now, bool? dayOpen, CancellationToken cancellationToken)
    {
        var (at, day, open) = Last(schedule, catalog, now);
        if (!open || (dayOpen ?? (await hall.GetSnapshotAsync(SnapshotDetail.Services, cancellationToken).ConfigureAwait(false)).DayOpen))
        {
            return null;
        }

        var opened = await DayOpenedAtAsync(hall, cancellationToken).ConfigureAwait(false);
        return opened is { } o && catalog.Date(o) >= day && o >= ClosesOf(schedule, catalog, day.AddDays(-1)) ? null : at;
    }

    /// <summary>The Opens and Closes of the hall's days of the date before, of and after <paramref name="now"/>'s.</summary>
    private static IEnumerable<(DateTimeOffset At, DateOnly Day, bool Open)> Boundaries(DaySchedule schedule, HallCatalog catalog, DateTimeOffset now)
    {
        var today = catalog.Date(now);
        for (var day = today.AddDays(-1); day <= today.AddDays(1); day = day.AddDays(1))
        {
            yield return (catalog.At(day, schedule.Opens!.Value), day, true);
            yield return (ClosesOf(schedule, catalog, day), day, false);
        }
    }

    /// <summary>When the day of <paramref name="day"/> closes: that date, or the next when Closes is earlier than Opens (a night hall).</summary>
    private static DateTimeOffset ClosesOf(DaySchedule schedule, HallCatalog catalog, DateOnly day) =>
        catalog.At(schedule.Closes < schedule.Opens ? day.AddDays(1) : day, schedule.Closes!.Value);

    /// <summary>
    /// When the hall's day was last opened, read from its saved state (the hall keeps it nowhere else); null when not
    /// known (a journal from before it was kept). Once per hall at start and at each scheduled change: not on any path
    /// a client waits on.
    /// </summary>
    internal static async Task<DateTimeOffset?> DayOpenedAtAsync(HallHandle hall, CancellationToken cancellationToken)
    {
        var ticks = (await hall.SaveStateAsync(cancellationToken).ConfigureAwait(false)).DayOpenedAt;
        return ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Clock(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";
}
