namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: the hall redefined at run time with other window definitions (skills, tiers, overflow delays, dedicated
/// class, auto-assign) and items' wait limits, the same windows in the same order, the same items, classes and policies. The queue, the
/// windows' states, own queues, holds and interleave counts stay; each window works by its new skills from now on, and
/// every idle auto window (in definition order) looks once for a ticket its new skills let it take.
/// </remarks>
internal sealed partial class ReferenceScheduler
{
    public void Redefine(HallDefinition definition, DateTimeOffset at)
    {
        _events.Clear();
        Now = Math.Max(Now, at.UtcTicks);
        _definition = definition;

        // A wait limit added or changed applies to the tickets already waiting, counted from when they came to wait (one
        // already past it alerts at the next tick); a ticket that alerted for its item does not again; a limit removed
        // watches none.
        foreach (var s in definition.Services)
        {
            var before = _services[s.Id].WaitLimit;
            _services[s.Id] = s;
            if (before != s.WaitLimit)
            {
                foreach (var t in Waiting.Where(t => t.Service == s.Id && !_waitAlerted.Contains((t.Id, t.Service))))
                {
                    t.WatchDue = s.WaitLimit is { } limit ? t.EnqueuedAt + limit.Ticks : null;
                }
            }
        }

        foreach (var w in Windows)
        {
            var d = definition.Windows.Single(x => x.Id == w.Id);
            w.Definition = d;
            w.Dedicated = d.DedicatedClass is null ? -1 : ClassIndex(d.DedicatedClass);
            w.Skills = SkillsOf(d, definition);
        }

        foreach (var w in Windows)
        {
            AutoCallIfIdle(w);
        }
    }
}
