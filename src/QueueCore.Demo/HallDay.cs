using System.Globalization;

namespace QueueCore.Demo;

/// <summary>
/// Plays one day of a hall on the engine in virtual time: citizens arrive and take tickets (some for several
/// items, some elderly or with appointments), clerks call, serve, recall, mark no-shows, transfer and park,
/// citizens rate. Everything shown comes back from the engine as results and events.
/// </summary>
internal sealed class HallDay(HallHandle hall, DemoClock clock, TextWriter output, int seed)
{
    private enum Phase { Idle, Calling, Serving }

    private sealed class Clerk
    {
        public Phase Phase;
        public DateTimeOffset Until;
    }

    private static readonly int[] Singles =
        [DemoHall.Seal, DemoHall.BankAccount, DemoHall.Invoice, DemoHall.Pension, DemoHall.MedicalInsurance,
         DemoHall.MedicalInsurance, DemoHall.Residence, DemoHall.Certificate, DemoHall.Certificate, DemoHall.Tax];

    private readonly Random _random = new(seed);
    private readonly Dictionary<int, Clerk> _clerks = [];
    private readonly DayReport _report = new();
    private int _callsShown;
    private int _appointments; // booking codes are unique: the hall checks each in once a day

    /// <summary>Plays the day and prints its report; returns the report (whose figures must add up).</summary>
    public async Task<DayReport> PlayAsync(CancellationToken cancellationToken)
    {
        using var events = hall.Subscribe();
        await hall.OpenDayAsync(cancellationToken);
        foreach (var w in hall.Definition.Windows)
        {
            var opened = await hall.OpenWindowAsync(w.Id, clerk: 1000 + w.Id, auto: w.AutoAssign, cancellationToken);
            _clerks[w.Id] = new Clerk();
            output.WriteLine($"08:30  window {w.Id} ({w.Name}) opened{(w.AutoAssign ? ", auto mode" : "")}: {opened.IsSuccess}");
        }

        var closing = clock.GetUtcNow().Date.AddHours(16).AddMinutes(30);
        // Open 08:30 to 16:30 for tickets, then extended service until the last ticket is done (at most 19:00).
        for (var minute = 0; minute < 10 * 60 + 30; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var now = clock.GetUtcNow();
            if (now < closing)
            {
                await ArrivalsAsync(now, cancellationToken);
            }
            else if (now == closing)
            {
                await hall.CloseDayAsync(DayClosePolicy.ServeRemaining, cancellationToken);
                output.WriteLine("16:30  hall closed for new tickets; serving the remaining ones");
            }

            await LunchBreakAsync(now, cancellationToken);
            foreach (var (window, clerk) in _clerks)
            {
                await WorkAsync(window, clerk, now, cancellationToken);
            }

            Drain(events, now);
            if (now.Minute == 0 && now <= closing)
            {
                var s = await hall.GetSnapshotAsync(cancellationToken);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{now:HH:mm}  waiting {s.TotalWaiting,3}, at windows {s.AtWindows.Count}, longest wait {s.Services.Max(x => x.LongestWait).TotalMinutes:F0} min"));
            }
            else if (now > closing && _report.StillOpen == 0)
            {
                output.WriteLine($"{now:HH:mm}  last ticket served");
                break;
            }
        }

        if (_report.StillOpen > 0)
        {
            // Out of time: what still waits or is parked is cancelled (a ticket at a window stays open).
            await hall.CloseDayAsync(DayClosePolicy.CancelWaiting, cancellationToken);
            output.WriteLine($"{clock.GetUtcNow():HH:mm}  hall closed; {_report.Waiting + _report.ParkedNow} waiting or parked tickets cancelled");
        }

        var end = await hall.GetSnapshotAsync(cancellationToken); // follows every event the hall has sent
        Drain(events, clock.GetUtcNow());
        _report.Print(output, end);
        return _report;
    }

    private async Task ArrivalsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Busier mid-morning and early afternoon: about 50 to 80 arrivals an hour.
        var rate = now.Hour is 9 or 10 or 14 ? 1.3 : 0.8;
        for (var n = Poisson(rate); n > 0; n--)
        {
            ServiceItemList items = _random.Next(6) == 0
                ? new ServiceItemList([DemoHall.Registration, DemoHall.Seal, DemoHall.Tax]) // one visit, three items
                : Singles[_random.Next(Singles.Length)];
            var age = (byte)_random.Next(18, 90);
            var flags = _random.Next(30) == 0 ? TicketFlags.Disabled : _random.Next(40) == 0 ? TicketFlags.KeyEnterprise : TicketFlags.None;
            var result = _random.Next(15) == 0
                ? await hall.CheckInAppointmentAsync(items, $"APT-{++_appointments:D3}-{_random.Next(10000):D4}", now.AddMinutes(_random.Next(-20, 10)), cancellationToken)
                : await hall.IssueTicketAsync(items, age, flags, cancellationToken: cancellationToken);
            if (!result.IsSuccess)
            {
                output.WriteLine($"{now:HH:mm}  kiosk: {result.Message}");
            }
        }
    }

    private async Task LunchBreakAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now.Hour == 12 && now.Minute == 0 && _clerks[2].Phase == Phase.Idle)
        {
            await hall.PauseWindowAsync(2, "lunch", cancellationToken);
        }
        else if (now.Hour == 13 && now.Minute == 0)
        {
            await hall.ResumeWindowAsync(2, cancellationToken);
        }
    }

    private async Task WorkAsync(int window, Clerk clerk, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (clerk.Phase)
        {
            case Phase.Idle when !hall.Definition.Windows[window - 1].AutoAssign:
                var call = await hall.CallNextAsync(window, cancellationToken);
                if (call.IsSuccess)
                {
                    (clerk.Phase, clerk.Until) = (Phase.Calling, now.AddMinutes(1));
                }

                break;
            case Phase.Calling when now >= clerk.Until:
                var roll = _random.Next(100);
                if (roll < 92)
                {
                    var started = await hall.StartServingAsync(window, cancellationToken: cancellationToken);
                    var minutes = started.IsSuccess ? Math.Max(1, (int)(Expected(started.Service) * (0.5 + _random.NextDouble()))) : 0;
                    (clerk.Phase, clerk.Until) = (Phase.Serving, now.AddMinutes(minutes));
                }
                else if (roll < 96 && (await hall.RecallAsync(window, cancellationToken: cancellationToken)).IsSuccess)
                {
                    clerk.Until = now.AddMinutes(1);
                }
                else
                {
                    await hall.NoShowAsync(window, cancellationToken: cancellationToken);
                    clerk.Phase = Phase.Idle;
                }

                break;
            case Phase.Serving when now >= clerk.Until:
                var outcome = _random.Next(100);
                var done = outcome < 3
                    ? await hall.ParkAsync(window, "missing document", cancellationToken: cancellationToken)
                    : await hall.FinishAsync(window, cancellationToken: cancellationToken);
                if (done.IsSuccess && outcome >= 3 && _random.Next(10) < 7)
                {
                    await hall.RateAsync(done.Ticket, _random.Next(20) == 0 ? 2 : _random.Next(4, 6), cancellationToken);
                }

                clerk.Phase = Phase.Idle;
                break;
        }
    }

    /// <summary>Reads the events so far: auto-mode calls tell their clerks, the first calls are shown as a screen would.</summary>
    private void Drain(EventSubscription events, DateTimeOffset now)
    {
        while (events.TryRead(out var e))
        {
            var repeats = _report.CallsAfterNoShow;
            _report.Add(e);
            if (e.Kind == HallEventKind.TicketCalled)
            {
                var clerk = _clerks[e.Window];
                if (clerk.Phase == Phase.Idle)
                {
                    (clerk.Phase, clerk.Until) = (Phase.Calling, now.AddMinutes(1));
                }

                // A ticket re-queued after a no-show may be called again at once (by an auto-mode window): say so.
                Show(e, _report.CallsAfterNoShow > repeats ? " (called again after a no-show)" : "");
            }
            else if (e.Kind == HallEventKind.TicketRecalled)
            {
                Show(e, $" (recall {e.Value})");
            }
        }

        if (events.Lagged)
        {
            output.WriteLine($"{now:HH:mm}  (the event reader fell behind; figures are partial)");
        }
    }

    /// <summary>Shows the first calls and recalls as a call screen would.</summary>
    private void Show(in HallEvent e, string note)
    {
        if (_callsShown++ < 14)
        {
            output.WriteLine($"{e.Time:HH:mm}  screen: \"{e.Number}, please go to window {e.Window}\"{note}");
        }
    }

    private double Expected(int service) =>
        hall.Definition.Services.First(s => s.Id == service).ExpectedHandlingTime.TotalMinutes;

    private int Poisson(double mean)
    {
        var (limit, k, p) = (Math.Exp(-mean), 0, 1.0);
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }
}
