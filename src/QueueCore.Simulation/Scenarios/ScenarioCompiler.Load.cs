using System.Globalization;

namespace QueueCore.Simulation;

// The offered load of a hall against its staffed windows, slot by slot: a hall the arrivals overload is said to be.
internal sealed partial class ScenarioCompiler
{
    /// <summary>
    /// Notes each run of slots in which a hall's arrivals bring at least as much work as its open windows can do: offered
    /// load (arrivals an hour times mean handling hours, further items of multi-item tickets included, absent holders
    /// not) at or above the windows staffed on average over the slot. There the queue grows for as long as it lasts
    /// (utilisation ρ ≥ 1 has no steady state), so a wait figure is that of the overload's length, not of the staffing;
    /// without the note the run printed it as calmly as any other. Traced halls have no rates and are not judged;
    /// citizens who give up (patience) can keep an overloaded queue finite, which the note says.
    /// </summary>
    private void NoteOverload(HallPlan hall, string path, long dayStart, long slotTicks)
    {
        if (hall.Trace is not null || hall.Services.Any(s => s.Handling is null))
        {
            return;
        }

        var slots = hall.Services.Max(s => s.RatePerTick.Length);
        var (first, peak, peakOffered, peakStaffed) = (-1, 0.0, 0.0, 0.0);
        for (var k = 0; k <= slots; k++)
        {
            var (offered, staffed) = k < slots ? Load(hall, k, dayStart + (k * slotTicks), slotTicks) : (0, 0);
            if (staffed > 0 && offered >= staffed * (1 - 1e-9))
            {
                first = first < 0 ? k : first;
                if (offered / staffed > peak)
                {
                    (peak, peakOffered, peakStaffed) = (offered / staffed, offered, staffed);
                }

                continue;
            }

            if (first >= 0)
            {
                var patience = hall.Services.Any(s => s.Patience is not null);
                _notices.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{path} ({hall.Definition.Id}): overloaded from {Clock(dayStart + (first * slotTicks))} to {Clock(dayStart + (k * slotTicks))}: the arrivals bring {peakOffered:0.##} {(Math.Round(peakOffered, 2) == 1 ? "window's" : "windows'")} worth of handling (arrivals an hour x mean handling time) to {peakStaffed:0.##} {(Math.Round(peakStaffed, 2) == 1 ? "window" : "windows")} open (utilisation {peak:0.00}{(k - first > 1 ? " at the worst slot" : "")}); at 1 or more the queue grows as long as it lasts{(patience ? " (unless citizens give up)" : "")}, so its waits measure how long the overload lasts, not a steady state: add windows or check the rates"));
                (first, peak) = (-1, 0);
            }
        }
    }

    /// <summary>Slot <paramref name="k"/>'s offered load in Erlangs, and its windows open on average over the slot.</summary>
    private static (double Offered, double Staffed) Load(HallPlan hall, int k, long from, long slotTicks)
    {
        var offered = 0.0;
        foreach (var s in hall.Services)
        {
            if (k >= s.RatePerTick.Length || s.RatePerTick[k] == 0)
            {
                continue;
            }

            var extra = s.MultiShare > 0 && s.MultiItems.Length > 0
                ? s.MultiShare * (s.MaxExtra + 1) / 2.0 * s.MultiItems.Average(id => hall.Services[hall.ServiceIndexById[id]].Handling!.Mean)
                : 0;
            offered += s.RatePerTick[k] * (1 - s.NoShowShare) * (s.Handling!.Mean + extra);
        }

        var open = 0L;
        var to = from + slotTicks;
        foreach (var w in hall.Windows)
        {
            foreach (var (f, t) in w.Open)
            {
                open += Math.Max(0, Math.Min(t, to) - Math.Max(f, from));
            }
        }

        return (offered, (double)open / slotTicks);
    }

    /// <summary>A time of day as the tables read it, "HH:mm" ("09:30"; hours past 24 count on, as in scenarios).</summary>
    private static string Clock(long ticks) =>
        string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerHour:00}:{ticks / TimeSpan.TicksPerMinute % 60:00}");
}
