namespace QueueCore.Tests.Properties;

/// <summary>
/// One run of random traffic applied to a <see cref="Hall"/> and to <see cref="ReferenceScheduler"/> in lockstep. Each
/// operation is one generated int, decoded against the model's state (so most commands are ones a clerk would press, and
/// some are refused). With <c>preciseTicks</c> the run ticks both at every instant a timer falls due (the earlier of the
/// hall's <see cref="Hall.NextDue"/> and the model's) before each command, as an engine does; without it (only for halls
/// without auto windows, whose timers' order cannot depend on when a look was scheduled) timers fire only on the run's own
/// coarse ticks, late and in batches.
/// </summary>
internal sealed partial class HallModelRun
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private HallDefinition _definition;
    private Hall _hall;
    private readonly ReferenceScheduler _model;
    private readonly bool _autoWindows;
    private readonly bool _preciseTicks;
    private readonly string _label;
    private readonly int[] _serviceIds;
    private readonly string[] _classIds;
    private readonly bool _busy;
    private readonly bool _redefine;
    private readonly HashSet<(long Ticket, int Item)> _finished = [];
    private readonly HashSet<string> _numbersToday = [];
    private readonly Queue<(int, DateTimeOffset, HallCommand, CommandResult, List<ModelEvent>)> _recent = new();
    private DateTimeOffset _now = Start;
    private int _step;
    private int _op;

    private HallModelRun(HallDefinition definition, bool autoWindows, bool preciseTicks, string label, bool busy, bool redefine)
    {
        _redefine = redefine;
        _serviceIds = [.. definition.Services.Select(s => s.Id)];
        _classIds = [.. definition.Priority.Classes.Select(c => c.Id)];
        _busy = busy;
        _definition = definition;
        _hall = new Hall(definition);
        _model = new ReferenceScheduler(definition);
        _autoWindows = autoWindows;
        _preciseTicks = preciseTicks;
        _label = label;
    }

    public ModelTrafficStats Stats { get; } = new();

    /// <summary>Runs <paramref name="ops"/>; a failure names the run (<paramref name="label"/>), the step, the op and the command.
    /// With <paramref name="busy"/>, the traffic is denser (seconds between most commands, few day closes), so queues grow
    /// and classes, head starts and delays compete, and some tickets are issued with an age and flags instead of a class,
    /// so the hall's class rules give it.</summary>
    /// With <paramref name="redefine"/>, the hall is redefined now and then with other window definitions
    /// (<see cref="ModelHalls.Variant"/>), and the model with it.
    public static ModelTrafficStats Run(HallDefinition definition, bool autoWindows, bool preciseTicks, int[] ops, string label, bool busy = false, bool redefine = false)
    {
        var run = new HallModelRun(definition, autoWindows, preciseTicks, label, busy, redefine);
        run.Apply(HallCommand.OpenDay(), run._now);
        foreach (var w in definition.Windows)
        {
            run.Apply(HallCommand.OpenWindow(w.Id, clerk: w.Id), run._now);
        }

        foreach (var op in ops)
        {
            run._step++;
            run._op = op;
            run.MaybeSave(op);
            run.Step(op);
        }

        run.CheckTickets(run._model.All.Values);
        run.CheckReplay();

        // The interleave rule both ways: normal calls owed after a run of several priority calls; normal calls owed
        // after the first of a run of several.
        run.Stats.InterleaveAfterPriorityRuns = run._model.InterleavePriorityCalls > 1 ? run._model.OwedNormalCalls : 0;
        run.Stats.InterleaveNormalRuns = run._model.LaterOwedNormalCalls;
        return run.Stats;
    }

    private void Step(int op)
    {
        var b = new OpBits(op);
        _now = _now.AddSeconds(_busy ? (b.Chance(95) ? b.Next(40) : 300 + b.Next(1200)) : b.Chance(90) ? b.Next(150) : 300 + b.Next(2100));
        if (_preciseTicks)
        {
            TickUntil(_now);
        }

        // Redefinitions more often while an idle auto window stands beside tickets it may not take (its new skills may
        // let it); closes more often at a window whose own queue holds a ticket an idle auto window takes (pushed there).
        if (_redefine && new OpBits(op ^ 0x68E31DA4).Next(IdleAutoBesideWaiting() ? 10 : RedefineOneIn) == 0)
        {
            Redefine(op);
        }

        var (command, window) = _redefine && new OpBits(op ^ 0x1B873593).Next(10) == 0 && WithOwnQueue(pushedOnly: true) is { } closing
            ? (HallCommand.CloseWindow(closing), closing)
            : Decode(ref b);
        var at = _now;
        if (b.Chance(3))
        {
            at = _now.AddSeconds(-1 - b.Next(900)); // a stepped-back wall clock: the hall keeps its own time
            Stats.StepsBack++;
        }

        if (command.Kind == CommandKind.CallNext)
        {
            _model.AdvanceClock(at); // as the hall does first thing when it applies the command
            CheckCallNextChoice(_model.WindowOf(command.Window));
        }

        Apply(command, at, window);
    }

    /// <summary>Ticks the hall and the model at every instant up to <paramref name="until"/> at which either has a timer due.</summary>
    private void TickUntil(DateTimeOffset until)
    {
        for (var ticks = 0; ; ticks++)
        {
            var hallDue = _hall.NextDue?.UtcTicks ?? long.MaxValue;
            var due = Math.Min(hallDue, _model.NextDue ?? long.MaxValue);
            if (due > until.UtcTicks)
            {
                return;
            }

            Require(ticks < 1000, () => "the timers never settle");
            Apply(HallCommand.Tick(), new DateTimeOffset(due, TimeSpan.Zero));
        }
    }

    /// <summary>Picks a command from the model's state: mostly one that fits (a serving window to finish, a parked ticket
    /// to resume), sometimes any, so refusals are compared too.</summary>
    private (HallCommand Command, int Window) Decode(ref OpBits b)
    {
        var windows = _model.Windows;
        var any = windows[b.Next(windows.Count)].Id;
        var roll = b.Next(1000);
        var bits = b;
        int WindowIn(params WindowState[] states)
        {
            var fit = windows.Where(w => states.Contains(w.State)).ToList();
            return fit.Count > 0 && bits.Chance(80) ? fit[bits.Next(fit.Count)].Id : any;
        }

        // A terminal names the ticket it shows, so a press meant for it cannot land on the next one: mostly that ticket,
        // sometimes none (whatever the window has), sometimes another (refused).
        HallCommand Named(HallCommand c) => c with
        {
            Ticket = bits.Next(10) switch
            {
                < 5 => 0,
                < 9 => _model.WindowOf(c.Window).Current?.Id ?? 0,
                _ => TicketIn(TicketState.Waiting, TicketState.Called, TicketState.Serving),
            },
        };

        long TicketIn(params TicketState[] states)
        {
            var fit = _model.Live.Where(t => states.Contains(t.State)).ToList();
            var known = _model.Live.Concat(_model.RecentlyRetired).ToList();
            return fit.Count > 0 && bits.Chance(85) ? fit[bits.Next(fit.Count)].Id
                : known.Count > 0 && bits.Chance(90) ? known[bits.Next(known.Count)].Id
                : 999_999;
        }

        var command = roll switch
        {
            < 260 => Issue(ref bits),
            < 370 => HallCommand.CallNext(WindowIn(WindowState.Idle)),
            < 430 => HallCommand.FinishAndCallNext(WindowIn(WindowState.Serving, WindowState.Calling, WindowState.Idle)),
            < 540 => Named(HallCommand.StartServing(WindowIn(WindowState.Calling))),
            < 620 => Named(bits.Chance(20)
                ? HallCommand.FinishAndPause(WindowIn(WindowState.Serving, WindowState.Calling), "break")
                : HallCommand.Finish(WindowIn(WindowState.Serving))),
            < 670 => Named(bits.Chance(20) ? HallCommand.NoShowAndPause(WindowIn(WindowState.Calling), "break") : HallCommand.NoShow(WindowIn(WindowState.Calling))),
            < 695 => Named(HallCommand.Recall(WindowIn(WindowState.Calling))),
            // Mostly a waiting ticket; sometimes one a window shows (called or serving there: refused).
            < 715 => HallCommand.CallTicket(WindowIn(WindowState.Idle), bits.Chance(15) ? TicketIn(TicketState.Called, TicketState.Serving) : TicketIn(TicketState.Waiting)),
            < 750 => Named(HallCommand.TransferToService(WindowIn(WindowState.Calling, WindowState.Serving), bits.Chance(97) ? _serviceIds[bits.Next(_serviceIds.Length)] : 99)),
            < 785 => Named(HallCommand.TransferToWindow(WindowIn(WindowState.Calling, WindowState.Serving), TransferTarget(ref bits))),
            < 820 => HallCommand.Park(WindowIn(WindowState.Serving), "document", bits.Next(10) switch
            {
                < 4 => null, // back by hand, or after the policy's AutoResumeAfter
                < 8 => _now.AddSeconds(60 + bits.Next(2400)),
                < 9 => _now.AddHours(1 + bits.Next(30)), // maybe after the item's hours end today, or more than a day ahead: refused
                _ => _now.AddSeconds(-bits.Next(120)), // not later than now: refused
            }),
            < 840 => HallCommand.ResumeParked(TicketIn(TicketState.Parked)),
            < 865 => HallCommand.Cancel(TicketIn(TicketState.Waiting, TicketState.Called, TicketState.Parked)),
            < 875 => HallCommand.QueryTicket(TicketIn(TicketState.Waiting, TicketState.Called, TicketState.Serving, TicketState.Parked)),
            < 915 => HallCommand.Tick(),
            < 935 => HallCommand.OpenWindow(WindowIn(WindowState.Closed), bits.Chance(90) ? 0 : 1 + bits.Next(6),
                _autoWindows ? bits.Next(3) switch { 0 => null, 1 => true, _ => false } : false),
            < 943 => HallCommand.PauseWindow(WindowIn(WindowState.Idle)),
            // The manager's: an idle window, a paused one (the clerk's taken over, the manager's own again), any other.
            < 950 => HallCommand.PauseWindowAsManager(WindowIn(WindowState.Idle, WindowState.Paused), bits.Next(3) switch { 0 => null, 1 => "meeting", _ => "audit" }),
            < 959 => HallCommand.ResumeWindow(WindowIn(WindowState.Paused)),
            < 965 => HallCommand.ResumeWindowAsManager(WindowIn(WindowState.Paused)),
            < 980 => HallCommand.CloseWindow(_redefine && bits.Chance(50) && WithOwnQueue() is { } sent
                ? sent // in runs with redefinitions, often one with an own queue (its tickets go back to their items, offered again)
                : WindowIn(WindowState.Idle, WindowState.Paused)),
            < 988 when _busy && !bits.Chance(20) => Issue(ref bits),
            < 988 => HallCommand.CloseDay(bits.Chance(60) ? DayClosePolicy.CancelWaiting : DayClosePolicy.ServeRemaining),
            _ => HallCommand.OpenDay(),
        };
        b = bits;

        // An opened window's clerk: its own number (0 above), or another window's, who may still hold that one.
        if (command.Kind == CommandKind.OpenWindow && command.Value == 0)
        {
            command = command with { Value = command.Window };
        }

        return (command, command.Window != 0 ? command.Window : any);
    }

    /// <summary>A window to send a ticket to: any (or an unknown one, refused); in runs with redefinitions, often an
    /// idle auto window, which calls it at once (a push from its own queue).</summary>
    private int TransferTarget(ref OpBits b)
    {
        var windows = _model.Windows;
        if (_redefine && b.Chance(50) && windows.Where(w => w.Auto && w.State == WindowState.Idle).ToList() is { Count: > 0 } idle)
        {
            return idle[b.Next(idle.Count)].Id;
        }

        return b.Chance(97) ? windows[b.Next(windows.Count)].Id : 99;
    }

    /// <summary>An idle or paused window with tickets in its own queue, one of them for an item an idle auto window takes
    /// as primary if any; else null.</summary>
    private int? WithOwnQueue(bool pushedOnly = false)
    {
        var sent = _model.Waiting.Where(t => t.QueueWindow is { State: WindowState.Idle or WindowState.Paused }).ToList();
        var pushed = sent.Find(t => _model.Windows.Any(w => w != t.QueueWindow && w.Auto && w.State == WindowState.Idle && w.TierOf(t.Service) == 1));
        return (pushed ?? (pushedOnly ? null : sent.FirstOrDefault()))?.QueueWindow!.Id;
    }

    private bool IdleAutoBesideWaiting() =>
        _model.Windows.Any(w => w.Auto && w.State == WindowState.Idle) && _model.Waiting.Any(t => t.QueueWindow is null);

    private HallCommand Issue(ref OpBits b)
    {
        var count = b.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        var items = new List<int>();
        for (var i = 0; i < count; i++)
        {
            items.Add(_serviceIds[b.Next(_serviceIds.Length)]);
        }

        if (!b.Chance(3))
        {
            items = [.. items.Distinct()]; // a few keep an item listed twice, which is refused
        }

        if (b.Chance(1))
        {
            items[0] = 99;
        }

        if (_busy && b.Chance(30))
        {
            return HallCommand.IssueTicket(new ServiceItemList([.. items]), age: (byte)(b.Chance(50) ? 0 : 50 + b.Next(30)), flags: (TicketFlags)b.Next(16));
        }

        var cls = b.Chance(50) ? _definition.Priority.NormalClass : b.Chance(2) ? "vip" : _classIds[b.Next(_classIds.Length)];
        return HallCommand.IssueTicket(new ServiceItemList([.. items]), priorityClass: cls);
    }

    /// <summary>A failure message: the run, the step, what was wrong, the last commands and the model's state.</summary>
    private string Where(string what) =>
        $"{_label}, step {_step} (op {_op}) at {_now:HH:mm:ss}: {what}\nlast commands:\n  {string.Join("\n  ", _recent.Select(Format))}"
        + $"\nthe model at {new DateTimeOffset(_model.Now, TimeSpan.Zero):HH:mm:ss}:\n  {string.Join("\n  ", _model.Windows)}\n  "
        + string.Join("\n  ", _model.Live.Take(40).Select(t => $"{t} standing {new DateTimeOffset(_model.Standing(t), TimeSpan.Zero):HH:mm:ss} "
            + $"own queue of {t.QueueWindow?.Id ?? 0} window {t.Window?.Id ?? 0} items [{string.Join(",", t.Items)}]@{t.ItemIndex}"));

    /// <summary>Fails with <paramref name="what"/>, the run, the step and the last commands, when <paramref name="condition"/> is false.</summary>
    private void Require([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition, Func<string> what)
    {
        if (!condition)
        {
            Assert.Fail(Where(what()));
        }
    }

    /// <summary>Keeps the last commands and their events for failure messages (formatted only on failure).</summary>
    private void Remember(HallCommand command, DateTimeOffset at, CommandResult r, List<ModelEvent> events)
    {
        if (command.Kind == CommandKind.Tick && events.Count == 0)
        {
            return;
        }

        if (_recent.Count == 30)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue((_step, at, command, r, events));
    }

    private static string Format((int Step, DateTimeOffset At, HallCommand Command, CommandResult Result, List<ModelEvent> Events) c) =>
        $"{c.Step}@{c.At:HH:mm:ss}: {Describe(c.Command)} -> {c.Result} ["
        + string.Join("; ", c.Events.Where(e => e.Kind != HallEventKind.TicketIssued).Select(e => $"{e.Kind} {e.Ticket} w{e.Window} i{e.Service} v{e.Value}")) + "]";
}
