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
    public int OverflowAfterDelay, InterleaveAfterPriorityRuns, InterleaveNormalRuns;
    public int ClosesServingRemaining, ClosesCancellingWaiting, ReopensAfterServingRemaining, ReopensAfterCancellingWaiting;
    public int PausesRefusedInHand, ClosesRefusedInHand, ClosesWithOwnQueue, NextItems, LaterItemsCalledByStanding;
    public int Restores, Replays, Redefinitions, CallsOnRedefinition;
    public HashSet<QueueError> Refusals { get; } = [];

    /// <summary>Per command kind: tickets the command made wait that an idle auto window called at once (pushed).</summary>
    public Dictionary<CommandKind, int> PushedWhenWaiting { get; } = [];

    /// <summary>Adds <paramref name="other"/>'s counts to these (runs over many seeds add up).</summary>
    public void Add(ModelTrafficStats other)
    {
        foreach (var field in typeof(ModelTrafficStats).GetFields().Where(f => f.FieldType == typeof(int)))
        {
            field.SetValue(this, (int)field.GetValue(this)! + (int)field.GetValue(other)!);
        }

        Refusals.UnionWith(other.Refusals);
        foreach (var (kind, count) in other.PushedWhenWaiting)
        {
            PushedWhenWaiting[kind] = PushedWhenWaiting.GetValueOrDefault(kind) + count;
        }
    }

    public override string ToString() =>
        $"steps {Steps} calls {Calls} (overdue {Overdue}, overflow {Overflow}, priority over earlier normal {PriorityOverEarlierNormal}, "
        + $"own queue {OwnQueueCalls}, interleave {InterleaveCalls}, auto {AutoCalls}, auto on tick {AutoCallsOnTick}, "
        + $"call-backs {CallBacksAfterHold}, holds {Holds}); transfers {TransfersToService}/{TransfersToWindow}; parks {Parks} "
        + $"(return time {ParksWithReturnTime}), resumes {Resumes} (on tick {ResumesOnTick}, to window {ReturnsToWindow}); "
        + $"alerts wait {WaitAlerts} service {ServiceAlerts} idle {IdleAlerts}; day closes {DayCloses}, days {DaysOpened}, "
        + $"cancelled at close {CancelledAtClose}, items cancelled after close {ItemsCancelledAfterClose}; steps back {StepsBack}; "
        + $"ticks {Ticks}; finish-and-pause {FinishAndPauses}, no-show-and-pause {NoShowAndPauses}; naming the shown ticket: recalls {RecallsOfShown}, "
        + $"transfers {TransfersOfShown}, others {OthersOfShown}, calls {CallsOfShown}, another ticket {NamedOther}; refusals {string.Join(",", Refusals.Order())}; "
        + $"overflow after a delay {OverflowAfterDelay}, interleave after priority runs {InterleaveAfterPriorityRuns}, normal runs {InterleaveNormalRuns}; "
        + $"closes serving remaining {ClosesServingRemaining} (reopened {ReopensAfterServingRemaining}), cancelling {ClosesCancellingWaiting} (reopened {ReopensAfterCancellingWaiting}); "
        + $"refused with a ticket in hand: pauses {PausesRefusedInHand}, closes {ClosesRefusedInHand}; closes with an own queue {ClosesWithOwnQueue}; "
        + $"next items {NextItems}, later items called by standing {LaterItemsCalledByStanding}; restores {Restores}, replays {Replays}; redefinitions {Redefinitions} (calls {CallsOnRedefinition}); "
        + $"pushed when waiting: {string.Join(", ", PushedWhenWaiting.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"))}";
}
