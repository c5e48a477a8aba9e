namespace QueueCore.Simulation;

// Nulls where the model has none: JSON may write null for any list, object or string ("services": null, a null
// list entry), and a scenario built in code may leave one. Each is named by its field path and the scenario refused
// before its meaning is checked, which reads them all.
internal sealed partial class ScenarioCompiler
{
    private void CheckNulls(Scenario s)
    {
        Text(s.Name, "name");
        Text(s.Description, "description");
        Text(s.DayStart, "dayStart");
        foreach (var (h, path) in Objects(s.Halls, "halls"))
        {
            Text(h.Id, $"{path}.id");
            Text(h.WindowSelection, $"{path}.windowSelection");
            if (h.Priority?.Classes is { } classes)
            {
                foreach (var (c, cp) in Objects(classes, $"{path}.priority.classes"))
                {
                    Text(c.Id, $"{cp}.id");
                }
            }

            foreach (var (svc, sp) in Objects(h.Services, $"{path}.services"))
            {
                Text(svc.Name, $"{sp}.name");
                Present(svc.ArrivalsPerHour, $"{sp}.arrivalsPerHour", "an array");
                Present(svc.ClassMix, $"{sp}.classMix", "an object");
                Spans(svc.IssuingHours, $"{sp}.issuingHours");
                KindOf(svc.Handling, $"{sp}.handling");
                KindOf(svc.Patience, $"{sp}.patience");
                if (svc.MultiItem is { } multi)
                {
                    Present(multi.Items, $"{sp}.multiItem.items", "an array");
                }
            }

            foreach (var (w, wp) in Objects(h.Windows, $"{path}.windows"))
            {
                _ = Objects(w.Skills, $"{wp}.skills").Count(); // a skill has no field that may be null

                Spans(w.Shifts, $"{wp}.shifts");
                Spans(w.Breaks, $"{wp}.breaks");
            }
        }
    }

    private void KindOf(DistributionScenario? d, string path)
    {
        if (d is not null)
        {
            Text(d.Kind, $"{path}.kind");
        }
    }

    private void Spans(IReadOnlyList<TimeRangeScenario> spans, string path)
    {
        foreach (var (span, sp) in Objects(spans, path))
        {
            Text(span.From, $"{sp}.from");
            Text(span.To, $"{sp}.to");
        }
    }

    /// <summary>The list's entries that are not null, with their paths; a null list or entry is an error.</summary>
    private IEnumerable<(T Item, string Path)> Objects<T>(IReadOnlyList<T?> list, string path)
        where T : class
    {
        if (!Present(list, path, "an array"))
        {
            yield break;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (Present(list[i], $"{path}[{i}]", "an object"))
            {
                yield return (list[i]!, $"{path}[{i}]");
            }
        }
    }

    private void Text(string? text, string path) => Present(text, path, "a string");

    private bool Present(object? value, string path, string what)
    {
        Check(value is not null, path, $"must be {what}");
        return value is not null;
    }
}
