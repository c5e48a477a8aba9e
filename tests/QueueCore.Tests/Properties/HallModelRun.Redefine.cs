namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: the hall redefined at run time (<see cref="Hall.Redefine"/>) with other window definitions, the model with
/// it (<see cref="ReferenceScheduler.Redefine"/>): the same events (the calls idle auto windows make with their new
/// skills), then the same queues and windows as after any command. The twin is redefined too; a journal holds commands
/// only, so the journal is checked up to the redefinition and the state saved again after it.
/// </remarks>
internal sealed partial class HallModelRun
{
    private const int RedefineOneIn = 150;

    private void Redefine(int op)
    {
        var next = ModelHalls.Variant(_definition, op, [.. _model.Waiting.Where(t => t.QueueWindow is null).Select(t => t.Service).Distinct()],
            [.. _model.Windows.Where(w => w.Auto && w.State == WindowState.Idle).Select(w => w.Id)]);
        CheckReplay();
        var hall = _hall.Redefine(next, _now);
        var actual = hall.LastEvents.ToArray().Where(e => ModelEvent.Followed(e.Kind)).Select(e => ModelEvent.Of(e)).ToList();
        if (_twin is not null)
        {
            var twin = _twin.Redefine(next, _now);
            Require(twin.LastEvents.SequenceEqual(hall.LastEvents), () => "redefined, the hall restored at the last save gave other events than the hall");
        }

        _hall = hall;
        _definition = next;
        Save(); // before the checks below, whose queries the twin takes too
        _model.Redefine(next, _now);
        var expected = WaitAlertsByItem([.. _model.LastEvents]);
        actual = WaitAlertsByItem(actual);
        Require(expected.SequenceEqual(actual), () =>
            $"redefined ({Windows(next)}), the hall gave events\n  {string.Join("\n  ", actual)}\nthe model expected\n  {string.Join("\n  ", expected)}");
        Stats.Redefinitions++;
        Stats.CallsOnRedefinition += expected.Count(e => e.Kind == HallEventKind.TicketCalled);
        CheckState(0);
    }

    private static string Windows(HallDefinition d) => string.Join("; ", d.Windows.Select(w =>
        $"{w.Id}{(w.Comprehensive ? " all" : "")}{(w.AutoAssign ? " auto" : "")}{(w.DedicatedClass is null ? "" : " " + w.DedicatedClass)} ["
        + string.Join(",", w.Skills.Select(k => $"{k.Category ?? k.Service.ToString()}{(k.Tier == SkillTier.Overflow ? $"+{k.OverflowDelay.TotalMinutes}m" : "")}")) + "]"));
}
