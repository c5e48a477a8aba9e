using System.Globalization;

namespace QueueCore.Simulation;

// The windows of a hall: skills, and the spans they are staffed (shifts with the breaks cut out).
internal sealed partial class ScenarioCompiler
{
    private WindowPlan[] BuildWindows(HallScenario h, string path, HashSet<int> serviceIds, HashSet<string> classIds, out List<WindowDefinition> definitions)
    {
        definitions = [];
        var plans = new List<WindowPlan>();
        var ids = new HashSet<int>();
        var windowErrors = _errors.Count;
        Check(h.Windows.Count > 0, $"{path}.windows", "must list at least one window");
        for (var i = 0; i < h.Windows.Count; i++)
        {
            var w = h.Windows[i];
            var wp = $"{path}.windows[{i}]";
            var idValid = w.Id is > 0 and <= MaxId;
            Check(idValid, $"{wp}.id", $"must be a window number from 1 to {MaxId} (was {w.Id})");
            var countValid = w.Count is >= 1 and <= HallDefinition.MaxWindows;
            Check(countValid, $"{wp}.count", $"must be from 1 to {HallDefinition.MaxWindows} (was {w.Count})");
            Check(!idValid || !countValid || w.Id + w.Count - 1 <= MaxId, $"{wp}.count", $"numbers windows {w.Id} to {w.Id + w.Count - 1}, past the highest window number, {MaxId}");
            Check(w.Comprehensive || w.Skills.Count > 0, $"{wp}.skills", "a window that is not comprehensive needs at least one skill");
            for (var k = 0; k < w.Skills.Count; k++)
            {
                Check(w.Skills[k].Service == NotGiven || serviceIds.Contains(w.Skills[k].Service), $"{wp}.skills[{k}].service", $"{w.Skills[k].Service} is not a service of this hall");
                Check(w.Skills[k].Service != NotGiven, $"{wp}.skills[{k}].service", "is required (a service id of this hall)");
                Check(w.Skills[k].OverflowDelayMinutes >= 0, $"{wp}.skills[{k}].overflowDelayMinutes", $"must not be negative (was {w.Skills[k].OverflowDelayMinutes})");
                AtMost(w.Skills[k].OverflowDelayMinutes, $"{wp}.skills[{k}].overflowDelayMinutes");
                Check(w.Skills[k].Overflow || w.Skills[k].OverflowDelayMinutes == 0, $"{wp}.skills[{k}].overflowDelayMinutes",
                    $"applies to an overflow skill only; set \"overflow\": true, or leave it out (was {w.Skills[k].OverflowDelayMinutes})");
                var same = w.Skills.Take(k).ToList().FindIndex(x => x == w.Skills[k]); // said here, not by the engine as "window 1 skill 1" of "halls[0]"
                Check(same < 0 || !serviceIds.Contains(w.Skills[k].Service), $"{wp}.skills[{k}].service", $"{w.Skills[k].Service} is listed again, as skills[{same}] lists it; list each skill once");
            }

            Check(w.DedicatedClass is null || classIds.Contains(w.DedicatedClass), $"{wp}.dedicatedClass", $"'{w.DedicatedClass}' is not a class of the hall");
            Check(w.Shifts.Count > 0, $"{wp}.shifts", "must list at least one shift (\"from\", \"to\")");
            var errorsBefore = _errors.Count;
            var shifts = Ranges(w.Shifts, $"{wp}.shifts");
            var shiftsValid = _errors.Count == errorsBefore; // else a break's place is not known: no follow-on error
            var breaks = Ranges(w.Breaks, $"{wp}.breaks", listed: out var listed);
            for (var b = 0; b < breaks.Count && shiftsValid; b++)
            {
                // Named by its place in the file: the spans are sorted, and breaks[0] named the earliest, not the first listed.
                Check(shifts.Any(x => x.From <= breaks[b].From && breaks[b].To <= x.To), $"{wp}.breaks[{listed[b]}]", "must lie inside one of the window's shifts");
            }

            var open = Subtract(shifts, breaks);

            // A window its breaks keep closed all day serves nobody: run refused every arrival "after the day closed".
            Check(!shiftsValid || shifts.Count == 0 || open.Length > 0, $"{wp}.breaks",
                "cover all of the window's shifts, so it is never open (the run refused every arrival as after the day's close); shorten the breaks, or leave the window out");
            var skills = w.Skills.Select(k => new WindowSkill
            {
                Service = k.Service,
                Tier = k.Overflow ? SkillTier.Overflow : SkillTier.Primary,
                OverflowDelay = TimeSpan.FromMinutes(Math.Clamp(k.OverflowDelayMinutes, 0, MaxMinutes)),
            }).ToArray();
            for (var n = 0; n < (countValid ? w.Count : 1); n++) // a bad count numbers one window: no follow-on "defined twice"
            {
                var id = w.Id + n;
                Check(ids.Add(id), $"{wp}.id", $"window {id} is defined twice");
                definitions.Add(new WindowDefinition { Id = id, Comprehensive = w.Comprehensive, Skills = skills, DedicatedClass = w.DedicatedClass, AutoAssign = true });
                plans.Add(new WindowPlan { Id = id, Open = open });
            }
        }

        // Said of the service, not by the engine as "halls[0]: Hall 'h': no window serves service item 2"; not after a
        // window's own error (a skill without its service), which is the likelier cause.
        var served = h.Windows.Any(w => w.Comprehensive) ? serviceIds : h.Windows.SelectMany(w => w.Skills).Select(k => k.Service).ToHashSet();
        for (var i = 0; i < h.Services.Count && _errors.Count == windowErrors; i++)
        {
            Check(!serviceIds.Contains(h.Services[i].Id) || served.Contains(h.Services[i].Id), $"{path}.services[{i}]",
                $"no window serves service {h.Services[i].Id} (none is comprehensive or lists it in its skills): its tickets could never be called");
        }

        return [.. plans];
    }

    private List<(long From, long To)> Ranges(IReadOnlyList<TimeRangeScenario> ranges, string path, bool withinDay = false) =>
        Ranges(ranges, path, out _, withinDay);

    /// <summary>The valid spans of <paramref name="ranges"/>, sorted; <paramref name="listed"/> gives each one's index in
    /// the file, by which a problem with it is named.</summary>
    private List<(long From, long To)> Ranges(IReadOnlyList<TimeRangeScenario> ranges, string path, out int[] listed, bool withinDay = false)
    {
        var result = new List<(long From, long To, int Index)>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var from = Time(ranges[i].From, $"{path}[{i}].from");
            var to = Time(ranges[i].To, $"{path}[{i}].to");
            if (withinDay && from >= TimeSpan.TicksPerDay)
            {
                // The engine's configuration refuses such a start ("24:00" is the day's end, not a time in it); said of
                // the start, not as a "to" that is not after it.
                _errors.Add($"{path}[{i}].from: '{ranges[i].From}' " + (from == TimeSpan.TicksPerDay
                    ? "is the end of the day: a span of issuing hours starts from 0:00 to 23:59"
                    : "is past 24:00: issuing hours are times of the hall's day"));
                continue;
            }

            if (from >= 0 && to >= 0)
            {
                // A night shift written as the clock reads it ("22:00" to "02:00") is the likely mistake: say how to write it.
                Check(to > from, $"{path}[{i}].to", $"'{ranges[i].To}' must be after from '{ranges[i].From}'" + (to >= from ? ""
                    : withinDay ? $"; hours past midnight are a span of their own ('{ranges[i].From}' to '24:00', then '0:00' to '{ranges[i].To}')"
                    : string.Create(CultureInfo.InvariantCulture, $"; past midnight the hours count on, so {ranges[i].To} the next day is '{(to / TimeSpan.TicksPerHour) + 24}:{to / TimeSpan.TicksPerMinute % 60:00}'")));
                result.Add((from, to, i));
            }
        }

        result.Sort();
        var name = path[(path.LastIndexOf('.') + 1)..];
        for (var i = 1; i < result.Count; i++)
        {
            // Said of the two spans ("spans overlap" left the planner to find them), the one listed later first.
            var (earlier, later) = (Math.Min(result[i].Index, result[i - 1].Index), Math.Max(result[i].Index, result[i - 1].Index));
            Check(result[i].From >= result[i - 1].To, $"{path}[{later}]", $"{ranges[later].From}-{ranges[later].To} overlaps {name}[{earlier}] ({ranges[earlier].From}-{ranges[earlier].To})");
        }

        listed = [.. result.Select(r => r.Index)];
        return [.. result.Select(r => (r.From, r.To))];
    }

    /// <summary>The shifts with the breaks cut out, merged where they touch.</summary>
    private static (long From, long To)[] Subtract(List<(long From, long To)> shifts, List<(long From, long To)> breaks)
    {
        var open = new List<(long From, long To)>();
        foreach (var (from, to) in shifts)
        {
            var start = from;
            foreach (var (bf, bt) in breaks.Where(b => b.From < to && b.To > from))
            {
                if (bf > start)
                {
                    open.Add((start, bf));
                }

                start = Math.Max(start, bt);
            }

            if (to > start)
            {
                open.Add((start, to));
            }
        }

        var merged = new List<(long From, long To)>();
        foreach (var span in open)
        {
            if (merged.Count > 0 && merged[^1].To == span.From)
            {
                merged[^1] = (merged[^1].From, span.To);
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged];
    }

    /// <summary>A hall of arrivals whose last window has closed by dayStart refuses every citizen: the run showed a table
    /// of zeros and only a count of refusals (a dayStart of 18:00 typed for 08:00). A traced hall's arrivals keep their
    /// own times.</summary>
    private void CheckHallsOpenAfterDayStart(List<HallPlan> halls, long dayStart, string given)
    {
        foreach (var h in halls.Where(h => h.Trace is null && h.DayEnd <= dayStart && h.Services.Any(x => x.RatePerTick.Any(r => r > 0))))
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"dayStart: '{given}' is when halls[{h.Index}] ({h.Definition.Id}) has closed (its last window closes at {Clock(h.DayEnd)}): every arrival would be refused; set dayStart to when the arrivals begin, or the shifts to the hours they come"));
        }
    }
}
