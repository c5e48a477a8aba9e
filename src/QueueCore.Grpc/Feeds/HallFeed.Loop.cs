using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Feeds;

/// <remarks>This part: the loop that reads the hall's events and appends the log.</remarks>
public sealed partial class HallFeed
{
    private async Task RunAsync(EventSubscription subscription)
    {
        var stop = _stop.Token;
        await using (subscription.ConfigureAwait(false))
        {
            try
            {
                // The hall as it is when the subscription is attached: the snapshot, taken after the attach, covers the
                // events buffered before it (skipped), so nothing is missed or read twice, and the subscription never lags.
                // A hall with a past (recovered from the journal, restored) gives the screens' model from it; a new one
                // has nothing to give yet. RecentCalls: the windows and the recently finished tickets the model is
                // rebuilt from, without the waiting and parked tickets no screen shows.
                var (start, _) = await ResyncAsync(subscription, stop).ConfigureAwait(false);
                if (start.Sequence > 0)
                {
                    Reset(start, atStart: true, afterFault: false);
                }

                while (!stop.IsCancellationRequested)
                {
                    var read = false;
                    while (subscription.TryRead(out var hallEvent))
                    {
                        Apply(hallEvent);
                        read = true;
                    }

                    if (subscription.Lagged)
                    {
                        var (snapshot, afterFault) = await ResyncAsync(subscription, stop).ConfigureAwait(false);
                        Reset(snapshot, atStart: false, afterFault);
                        continue;
                    }

                    if (read)
                    {
                        Signal();
                    }

                    if (_waitingDirty && await RefreshIfDueAsync(stop).ConfigureAwait(false))
                    {
                        continue;
                    }

                    if (!await WaitForEventsAsync(subscription, stop).ConfigureAwait(false))
                    {
                        break; // the hall was removed or the engine stopped
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (InvalidOperationException e) // the hall was removed, or its shard stopped after failures
            {
                Log.FeedStopped(_logger, _hall.Id, e);
            }
            catch (Exception e)
            {
                // Nothing should reach here; if something does, say so: the feed's streams end Unavailable and the next
                // stream of the hall starts a new feed, but without this line nobody would know why the screens dropped.
                Log.FeedFailed(_logger, _hall.Id, e);
                Volatile.Write(ref _failed, true);
            }
            finally
            {
                _refreshDue?.Dispose();
                _figuresReady.TrySetResult(); // nobody waits for figures that will not come

                // Ended before the last signal: the loop's task completes only later (the subscription is disposed after
                // this), and a stream woken by the signal that then saw the task still running would wait for a signal
                // that never comes (a screen left hanging after its hall was removed).
                Volatile.Write(ref _ended, true);
                Signal(); // streams waiting on the feed see it completed
            }
        }
    }

    /// <summary>
    /// A fresh snapshot the subscription continues from (the <see cref="SnapshotDetail.RecentCalls"/> the model is rebuilt
    /// from). While the hall is faulted it has none to give: the feed waits for it to be restored
    /// (<see cref="HallHandle.RestoreAsync"/>), asking again every <see cref="RestorePoll"/>, and its streams stay open
    /// showing what they showed (nothing happens in an isolated hall). It stopped at the fault before, and a restore keeps
    /// the hall's handle, so no new feed replaced it: the hall's screens stayed dead until the server restarted.
    /// AfterFault: the snapshot is of the hall restored after a fault.
    /// </summary>
    private async Task<(HallSnapshot Snapshot, bool AfterFault)> ResyncAsync(EventSubscription subscription, CancellationToken stop)
    {
        var faulted = false;
        while (true)
        {
            HallSnapshot snapshot;
            try
            {
                snapshot = await subscription.ResyncAsync(SnapshotDetail.RecentCalls, stop).ConfigureAwait(false);
            }
            catch (HallFaultedException e)
            {
                if (!faulted)
                {
                    Log.FeedWaitsForRestore(_logger, _hall.Id, e.Message);
                    faulted = true;
                    _figuresReady.TrySetResult(); // nobody waits for figures before the restore
                }

                await Task.Delay(RestorePoll, _throttle, stop).ConfigureAwait(false);
                continue;
            }

            // The restore told the subscription to resynchronise once more, after the fault had: the first snapshot that
            // succeeds is of the restored hall, and the next one starts the subscription past that second loss.
            if (!faulted || !subscription.Lagged)
            {
                return (snapshot, faulted);
            }
        }
    }

    /// <summary>Waits for events, or until the pending refresh of the waiting counts is due.</summary>
    private async Task<bool> WaitForEventsAsync(EventSubscription subscription, CancellationToken stop)
    {
        if (!_waitingDirty)
        {
            return await subscription.WaitToReadAsync(stop).ConfigureAwait(false);
        }

        // One token source for the refresh's deadline, kept from wait to wait until it fires: a hall that has events
        // waits many times between two refreshes, and a linked source and its timer per wait were garbage by the thousand.
        if (_refreshDue is null || !_refreshDue.TryReset())
        {
            _refreshDue?.Dispose();
            _refreshDue = CancellationTokenSource.CreateLinkedTokenSource(stop);
        }

        var due = _refreshEvery - _throttle.GetElapsedTime(_lastRefresh);
        _refreshDue.CancelAfter(due > TimeSpan.Zero ? due : TimeSpan.Zero);
        try
        {
            return await subscription.WaitToReadAsync(_refreshDue.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return true; // the refresh is due
        }
    }

    /// <summary>Takes a fresh snapshot for the waiting counts when the last one is old enough; true if it did.</summary>
    private async Task<bool> RefreshIfDueAsync(CancellationToken stop)
    {
        if (_lastRefresh != long.MinValue && _throttle.GetElapsedTime(_lastRefresh) < _refreshEvery)
        {
            return false;
        }

        HallSnapshot snapshot;
        try
        {
            snapshot = await _hall.GetSnapshotAsync(SnapshotDetail.Services, stop).ConfigureAwait(false);
        }
        catch (HallFaultedException)
        {
            Refreshed(); // try again later; the feed goes on with what it has
            _figuresReady.TrySetResult();
            return false;
        }

        Refreshed();
        _waitingDirty = false;
        Offer(snapshot);
        var waiting = WaitingOf(snapshot);
        lock (_gate)
        {
            // The first counts are an update only for a screen that took its snapshot without them. Logged for none,
            // they would come again to every screen resuming at this sequence (the log gives counts at the resume
            // point again), though each had them in its snapshot.
            if (!waiting.Equals(_waiting) && (_countsLoaded || _snapshotWithoutCounts))
            {
                Append(default, _sequence, new DisplayUpdate { Sequence = _sequence, Waiting = waiting }, 0, FeedEntryKind.Waiting);
            }

            _waiting = waiting;
            _countsLoaded = true;
        }

        _figuresReady.TrySetResult();
        Signal();
        return true;
    }

    /// <summary>
    /// Notes a refresh and draws the wait before the next: <see cref="Hosting.ServerOptions.FiguresRefresh"/> and up to half
    /// as long again, at random. A server of 500 halls whose feeds all started together would otherwise take their 500
    /// snapshots in the same instant, twice a second, and every command queued behind that burst would wait for it.
    /// </summary>
    private void Refreshed()
    {
        _lastRefresh = _throttle.GetTimestamp();
        _refreshEvery = _options.FiguresRefresh * (1 + (Random.Shared.NextDouble() / 2));
    }

    private WaitingCounts WaitingOf(HallSnapshot snapshot)
    {
        // Screens show one line per category: each item's count carries its category, named as the definition names it
        // now (a redefinition that renames a category changes the counts, and screens get them as an update).
        var catalog = Hosting.HallCatalog.Of(_hall.Definition);
        var counts = new WaitingCounts();
        foreach (var service in snapshot.Services)
        {
            var category = catalog.CategoryOf(service.Service);
            counts.Services.Add(new WaitingCount
            {
                Service = service.Service,
                Name = service.Name,
                // The item's line, as the kiosks count it (a citizen reads both): tickets sent to one window's own
                // queue wait for that window alone, and are counted apart (display.proto, WaitingCount).
                Waiting = service.InLine,
                AtWindows = service.Waiting - service.InLine,
                Category = category?.Id ?? "",
                CategoryName = category is null ? "" : Hosting.HallCatalog.DisplayName(category),
                Prefix = category?.Prefix ?? "",
            });
        }

        return counts;
    }

    /// <summary>Brings the model and the log up to one hall event.</summary>
    private void Apply(in HallEvent e)
    {
        lock (_gate)
        {
            _sequence = e.Sequence;
            DisplayUpdate? display = null;
            var window = 0;
            switch (e.Kind)
            {
                case HallEventKind.TicketCalled or HallEventKind.TicketRecalled:
                    var call = CallOf(e);
                    if (_current.TryGetValue(e.Window, out var before))
                    {
                        _shownAt.Remove(before.Ticket);
                    }

                    _current[e.Window] = call;
                    _shownAt[e.Ticket] = e.Window;
                    _recent.Add(call);
                    display = new DisplayUpdate { Sequence = e.Sequence, Call = call };
                    window = e.Window;
                    break;
                case HallEventKind.ServingStarted or HallEventKind.Rated:
                    break; // the call stays on screen while the citizen is served
                case HallEventKind.ServiceTimePassed or HallEventKind.WaitLimitPassed or HallEventKind.QueueLengthWarning
                    or HallEventKind.IdleTimePassed:
                    // Alerts for the manager: the ticket has not moved. A service past its time limit cleared the window's
                    // call from every screen while the citizen was still being served there.
                    break;
                case HallEventKind.DayOpened:
                    // A new day numbers its tickets from 1 again: yesterday's calls stayed in the recent list, so the
                    // morning's screens showed them (and today's A001 beside yesterday's A001). Every screen starts the
                    // day clean from a snapshot (no ticket of the previous day is live, so nothing is at a window and
                    // one snapshot fits every window filter); a screen resuming across the opening gets it from the log.
                    _recent.Clear();
                    _current.Clear();
                    _shownAt.Clear();
                    _lastFinished.Clear(); // the pads' "last finished here" is today's: yesterday's services are not rated
                    _lastFinishedRated.Clear();
                    _lastFinishedCleared++;
                    display = new DisplayUpdate { Sequence = e.Sequence, Snapshot = NewDaySnapshot() };
                    break;
                case HallEventKind.WindowClosed or HallEventKind.WindowPaused:
                    if (_current.Remove(e.Window, out var shown))
                    {
                        _shownAt.Remove(shown.Ticket);
                        display = Cleared(e, shown);
                        window = e.Window;
                    }

                    break;
                default:
                    if (e.Ticket != 0 && _shownAt.Remove(e.Ticket, out var at) && _current.Remove(at, out var gone))
                    {
                        display = Cleared(e, gone);
                        window = at;
                    }

                    break;
            }

            if (e.Kind is HallEventKind.ServiceFinished or HallEventKind.TicketCompleted && e.Window != 0)
            {
                _lastFinished[e.Window] = (e.Ticket, e.Number.ToString());
                _lastFinishedRated.Remove(e.Window); // a new service to rate (also the same visit's next item)
            }
            else if (e.Kind == HallEventKind.Rated && e.Window > 0
                && _lastFinished.TryGetValue(e.Window, out var rated) && rated.Ticket == e.Ticket)
            {
                _lastFinishedRated.Add(e.Window); // the service the window's pad shows was rated (by it, or another pad)
            }

            if (ChangesWaiting(e.Kind))
            {
                _waitingDirty = true;
            }

            Append(e, e.Sequence, display, window, FeedEntryKind.Event);
            if (e.Kind == HallEventKind.HallRedefined && Rename())
            {
                Append(default, e.Sequence, null, 0, FeedEntryKind.Renamed);
            }
        }
    }

    /// <summary>
    /// After a redefinition (under the gate): gives the calls on screen and in the recent list the windows' names as the
    /// hall now has them, and says whether a name screens show changed (the hall's, or a window's with a call listed), or
    /// the hall's time zone (screens show the calls' times in it; an admin who corrected it left open screens on the old).
    /// Open screens kept the old names until they reconnected, and even a new screen's snapshot listed the current calls
    /// with the window names they were made under. A window removed since keeps the name its calls were made under.
    /// The calls are replaced, not changed: the log's entries share them with streams writing them out.
    /// </summary>
    private bool Rename()
    {
        var catalog = Hosting.HallCatalog.Of(_hall.Definition);
        var renamed = !string.Equals(_hallName, catalog.Definition.Name, StringComparison.Ordinal)
            || !string.Equals(_timeZone, catalog.IanaTimeZone, StringComparison.Ordinal);
        _hallName = catalog.Definition.Name;
        _timeZone = catalog.IanaTimeZone;
        Call Renamed(Call call)
        {
            if (catalog.Window(call.Window) is not { } now || string.Equals(now.Name, call.WindowName, StringComparison.Ordinal))
            {
                return call;
            }

            renamed = true;
            var copy = call.Clone();
            copy.WindowName = now.Name;
            // The line and the voice name the window too: a renamed desk announced under its old name sends citizens to a
            // sign that no longer hangs there.
            copy.Text = Hosting.CallText.Display(call.Language, call.Number, call.Window, now.Name);
            copy.Speech = Hosting.CallText.Speech(call.Language, call.Number, call.Window, now.Name);
            return copy;
        }

        foreach (var (window, call) in _current.ToList())
        {
            _current[window] = Renamed(call);
        }

        _recent.Replace(Renamed);

        return renamed;
    }

    /// <summary>Whether an event changes what the waiting counts show: a count, or an estimate (open windows, the
    /// handling time a finished service updates).</summary>
    private static bool ChangesWaiting(HallEventKind kind) => kind is HallEventKind.TicketIssued or HallEventKind.TicketCalled
        or HallEventKind.NextItem or HallEventKind.NoShow or HallEventKind.Transferred or HallEventKind.Parked
        or HallEventKind.Resumed or HallEventKind.Cancelled or HallEventKind.DayOpened or HallEventKind.DayClosed
        or HallEventKind.HallRedefined or HallEventKind.WindowOpened or HallEventKind.WindowClosed
        or HallEventKind.WindowPaused or HallEventKind.WindowResumed or HallEventKind.ServiceFinished;

    /// <summary>
    /// The screens' snapshot at a day's opening (under the gate), with nobody waiting: a day opens only once no ticket of
    /// the previous day is live. Given the last refreshed counts, a screen showed yesterday's waiting until the next
    /// refresh when the day closed and opened within one. The feed's counts are zeroed too, for new screens' snapshots.
    /// </summary>
    private DisplaySnapshot NewDaySnapshot()
    {
        var nobody = new WaitingCounts();
        foreach (var count in _waiting.Services)
        {
            var zero = count.Clone(); // the log's entries share the counts with streams writing them out
            zero.Waiting = 0;
            zero.AtWindows = 0;
            nobody.Services.Add(zero);
        }

        _waiting = nobody;
        var snapshot = NewSnapshot();
        snapshot.Waiting.AddRange(_waiting.Services);
        return snapshot;
    }

    /// <summary>
    /// A snapshot's hall, with its name, language and time zone as the hall has them now (under the gate). They may be a
    /// redefinition ahead of the feed: when the feed reads it, it tells every screen (<see cref="Rename"/>).
    /// </summary>
    private DisplaySnapshot NewSnapshot()
    {
        var catalog = Hosting.HallCatalog.Of(_hall.Definition);
        return new DisplaySnapshot
        {
            Hall = _hall.Id, HallName = catalog.Definition.Name, Language = Language, TimeZone = catalog.IanaTimeZone,
            Timeline = Timeline(),
        };
    }

    private static DisplayUpdate Cleared(in HallEvent e, Call shown) => new()
    {
        Sequence = e.Sequence,
        Cleared = new CallCleared { Window = shown.Window, Ticket = shown.Ticket, Number = shown.Number },
    };

    private Call CallOf(in HallEvent e)
    {
        var language = Language;
        var number = e.Number.ToString();
        var windowName = Hosting.HallCatalog.Of(_hall.Definition).WindowName(e.Window);
        return new Call
        {
            Sequence = e.Sequence,
            Time = e.Time.ToProto(),
            Ticket = e.Ticket,
            Number = number,
            Window = e.Window,
            WindowName = windowName,
            Service = e.Service,
            Recall = e.Kind == HallEventKind.TicketRecalled,
            Text = Hosting.CallText.Display(language, number, e.Window, windowName),
            Speech = Hosting.CallText.Speech(language, number, e.Window, windowName),
            Language = language,
        };
    }

    /// <summary>
    /// The feed missed events (or starts on a hall with a past): rebuild the model from the snapshot and tell every
    /// reader to start over.
    /// </summary>
    private void Reset(HallSnapshot snapshot, bool atStart, bool afterFault)
    {
        // A restore tells the feed the way a lag does (its subscription must resynchronise); the engine's range of the
        // numbers restores gave out twice says which it was. Logged as a lag, an operator's restore read as a fault.
        var restored = afterFault || snapshot.RenumberedAfter != _renumberedAfter || snapshot.RenumberedThrough != _renumberedThrough
            || snapshot.Sequence < _sequence;
        if (atStart)
        {
            // The feed subscribes from sequence 0, so a hall recovered from the journal starts it "lagged": that is its
            // normal start, not a fault (a warning per hall at every restart taught operators to ignore the warning).
            Log.FeedStartedFromSnapshot(_logger, _hall.Id, snapshot.Sequence);
        }
        else if (restored)
        {
            Log.FeedRestored(_logger, _hall.Id, snapshot.Sequence, snapshot.RenumberedAfter, snapshot.RenumberedThrough);
        }
        else
        {
            Log.FeedResynced(_logger, _hall.Id, snapshot.Sequence);
        }

        Offer(snapshot);
        lock (_gate)
        {
            // The numbers a restore gave out again, exactly as the engine knows them: the feed's own sequence cannot say,
            // since commands may have moved the restored hall on (even past where the old timeline got) before this
            // snapshot, and a screen resuming at the snapshot's sequence was handed the new timeline's events.
            (_renumberedAfter, _renumberedThrough) = (snapshot.RenumberedAfter, snapshot.RenumberedThrough);
            _sequence = snapshot.Sequence;
            _current.Clear();
            _shownAt.Clear();
            var numbers = snapshot.AtWindows.ToDictionary(t => t.Ticket);
            foreach (var window in snapshot.Windows)
            {
                if (window.State is WindowState.Calling or WindowState.Serving && numbers.TryGetValue(window.Ticket, out var ticket))
                {
                    _current[window.Window] = CallOf(ticket, window.Window, snapshot);
                    _shownAt[ticket.Ticket] = window.Window;
                }
            }

            RecoverRecent(snapshot);
            // The pads' "last finished here" is what the feed saw itself: after missing events it may be older than the
            // window's last finish. Without it the pad asks the hall (EvaluatorService), which never names an older one.
            _lastFinished.Clear();
            _lastFinishedRated.Clear();
            _lastFinishedCleared++;

            _waiting = WaitingOf(snapshot);
            _countsLoaded = true;
            _waitingDirty = false;
            _figuresReady.TrySetResult();
            Append(default, snapshot.Sequence, null, 0, FeedEntryKind.Reset);
            _resetIndex = _appended;
            _lastWaiting = -1;
            _completeAfter = snapshot.Sequence;
        }

        Signal();
    }

    /// <summary>
    /// A ticket of a snapshot as a screen shows its call: when it was called (the snapshot's time if the hall does not
    /// know), marked a recall when that call was one, with the snapshot's sequence (the call's own event is not in the
    /// snapshot).
    /// </summary>
    private Call CallOf(TicketSnapshot ticket, int window, HallSnapshot snapshot)
    {
        var language = Language;
        var number = ticket.Number.ToString();
        var windowName = Hosting.HallCatalog.Of(_hall.Definition).WindowName(window);
        return new Call
        {
            Sequence = snapshot.Sequence,
            Time = (ticket.CalledAt ?? snapshot.Time).ToProto(),
            Ticket = ticket.Ticket,
            Number = number,
            Window = window,
            WindowName = windowName,
            Service = ticket.Service,
            Recall = ticket.Recalls > 0, // its latest call was a recall, as the live stream marked it
            Text = Hosting.CallText.Display(language, number, window, windowName),
            Speech = Hosting.CallText.Speech(language, number, window, windowName),
            Language = language,
        };
    }

    /// <summary>
    /// Brings the recent calls up to a snapshot (under the gate): the calls it still shows (tickets at windows) and the
    /// tickets it says were completed or dropped as no-shows today, each with when it was called, in the order they were
    /// called, after the calls the list already holds. After a restart the list was empty, so a screen showed the current
    /// calls beside an empty "last calls"; after a lag, the calls made while the feed was behind are added. A call older
    /// than the newest in the list is left out (shown already, or older than what the list keeps), and so is one the list
    /// holds (the same ticket, window and time). Not in a snapshot, so missing from a rebuilt list though a screen that
    /// saw them live listed them: a recalled ticket's earlier calls (the hall keeps its latest, the recall, marked one) and the
    /// earlier calls of tickets called again (re-queued no-shows, transfers, next items).
    /// </summary>
    private void RecoverRecent(HallSnapshot snapshot)
    {
        var calls = _current.Values
            .Concat(snapshot.RecentlyFinished.Where(t => t.Window != 0 && t.CalledAt is not null).Select(t => CallOf(t, t.Window, snapshot)))
            .OrderBy(c => c.Time.ToDateTimeOffset())
            .ToList();
        var newest = _recent.Newest?.Time.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
        foreach (var call in calls)
        {
            if (call.Time.ToDateTimeOffset() < newest || _recent.Holds(call))
            {
                continue;
            }

            _recent.Add(call);
        }
    }

    /// <summary>Appends an entry (under the gate); the entry it overwrites raises the log's floor.</summary>
    private void Append(in HallEvent e, long sequence, DisplayUpdate? display, int window, FeedEntryKind kind)
    {
        var index = _appended;
        _completeAfter = Math.Max(_completeAfter, _log.Write(index, new FeedEntry(e, sequence, display, window, kind)));
        if (kind == FeedEntryKind.Waiting)
        {
            // Newer counts replace older ones on every screen, so a reader behind gets only the newest: the log keeps
            // one set of counts alive instead of a message per refresh for its whole length (with hundreds of busy
            // halls, megabytes a minute that would only die in gen2).
            if (_lastWaiting >= 0)
            {
                _log.ClearDisplay(_lastWaiting);
            }

            _lastWaiting = index;
        }

        Volatile.Write(ref _appended, index + 1);
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
}
