namespace QueueCore.Tests.Properties;

/// <summary>What one run of model traffic exercised (the long runs assert every rule was reached).</summary>
internal sealed class ModelTrafficStats
{
    public int Steps, Calls, Overdue, Overflow, PriorityOverEarlierNormal, OwnQueueCalls, InterleaveCalls;
    public int AutoCalls, AutoCallsOnTick, CallBacksAfterHold, Holds;
    public int TransfersToService, TransfersToWindow, Parks, ParksWithReturnTime, Resumes, ResumesOnTick, ReturnsToWindow;
    public int WaitAlerts, ServiceAlerts, IdleAlerts, DayCloses, DaysOpened, CancelledAtClose, ItemsCancelledAfterClose;
    public int StepsBack, Ticks;
    public int FinishAndPauses, NoShowAndPauses, RecallsOfShown, TransfersOfShown, OthersOfShown, CallsOfShown, NamedOther;
    public HashSet<QueueError> Refusals { get; } = [];

    public override string ToString() =>
        $"steps {Steps} calls {Calls} (overdue {Overdue}, overflow {Overflow}, priority over earlier normal {PriorityOverEarlierNormal}, "
        + $"own queue {OwnQueueCalls}, interleave {InterleaveCalls}, auto {AutoCalls}, auto on tick {AutoCallsOnTick}, "
        + $"call-backs {CallBacksAfterHold}, holds {Holds}); transfers {TransfersToService}/{TransfersToWindow}; parks {Parks} "
        + $"(return time {ParksWithReturnTime}), resumes {Resumes} (on tick {ResumesOnTick}, to window {ReturnsToWindow}); "
        + $"alerts wait {WaitAlerts} service {ServiceAlerts} idle {IdleAlerts}; day closes {DayCloses}, days {DaysOpened}, "
        + $"cancelled at close {CancelledAtClose}, items cancelled after close {ItemsCancelledAfterClose}; steps back {StepsBack}; "
        + $"ticks {Ticks}; finish-and-pause {FinishAndPauses}, no-show-and-pause {NoShowAndPauses}; naming the shown ticket: recalls {RecallsOfShown}, "
        + $"transfers {TransfersOfShown}, others {OthersOfShown}, calls {CallsOfShown}, another ticket {NamedOther}; refusals {string.Join(",", Refusals.Order())}";
}
