using System.Globalization;

namespace QueueCore.Simulation;

// The services of a hall: demand, distributions and behaviour shares.
internal sealed partial class ScenarioCompiler
{
    /// <summary>The most arrivals an hour a service may have: far beyond any hall, yet a day of it still simulates.
    /// A larger rate (a typo such as 1e30) gave gaps shorter than a tick, so the day never advanced past its first arrival.</summary>
    private const double MaxArrivalsPerHour = 1_000_000;

    private ServicePlan BuildService(ServiceScenario svc, string path, Scenario s, HashSet<int> serviceIds, HashSet<string> classIds, PriorityPolicy policy, bool traced)
    {
        for (var i = 0; i < svc.ArrivalsPerHour.Count; i++)
        {
            // NaN fails here; Infinity (JSON's 1e400) fails the bound below, as one problem.
            Check(svc.ArrivalsPerHour[i] >= 0, $"{path}.arrivalsPerHour[{i}]", $"must be a rate of 0 or more (was {svc.ArrivalsPerHour[i]})");
            Check(!(svc.ArrivalsPerHour[i] > MaxArrivalsPerHour), $"{path}.arrivalsPerHour[{i}]", $"must be at most {MaxArrivalsPerHour:0} an hour (was {svc.ArrivalsPerHour[i]})");
        }

        Check(svc.Handling is not null || (traced && svc.ArrivalsPerHour.Count == 0), $"{path}.handling", "is required (a distribution of handling times)");
        var handling = svc.Handling is null ? null : BuildDistribution(svc.Handling, $"{path}.handling");
        var patience = svc.Patience is null ? null : BuildDistribution(svc.Patience, $"{path}.patience");
        var cumulative = new List<double>();
        var sum = 0.0;
        foreach (var (id, share) in svc.ClassMix)
        {
            Check(classIds.Contains(id), $"{path}.classMix.{id}", $"'{id}' is not a class of the hall ({string.Join(", ", classIds)})");
            Check(share is >= 0 and <= 1, $"{path}.classMix.{id}", $"must be a share from 0 to 1 (was {share})");
            sum += share;
            cumulative.Add(sum);
        }

        Check(svc.AppointmentShare is >= 0 and <= 1, $"{path}.appointmentShare", $"must be a share from 0 to 1 (was {svc.AppointmentShare})");
        Check(svc.AppointmentShare == 0 || policy.AppointmentClass is not null, $"{path}.appointmentShare", "the hall has no 'appointment' class to give appointment holders");
        var total = sum + svc.AppointmentShare;
        Check(total <= 1 + 1e-9, $"{path}.classMix", $"class shares plus appointmentShare add up to {Math.Round(total, 9)}, more than 1"); // rounded: 0.3 + 0.08 is 1.3800000000000001
        Check(svc.NoShowShare is >= 0 and <= 1, $"{path}.noShowShare", $"must be a share from 0 to 1 (was {svc.NoShowShare})");
        var multi = svc.MultiItem;
        if (multi is not null)
        {
            Check(multi.Share is >= 0 and <= 1, $"{path}.multiItem.share", $"must be a share from 0 to 1 (was {multi.Share})");
            Check(multi.Items.Count > 0 || multi.Share == 0, $"{path}.multiItem.items", $"must list at least one other service of this hall to draw the extra items from (share is {multi.Share})");
            for (var i = 0; i < multi.Items.Count; i++)
            {
                Check(serviceIds.Contains(multi.Items[i]) && multi.Items[i] != svc.Id, $"{path}.multiItem.items[{i}]", $"{multi.Items[i]} is not another service of this hall");
            }

            Check(multi.MaxExtra >= 1 && multi.MaxExtra <= Math.Min(ServiceItemList.Capacity - 1, Math.Max(1, multi.Items.Distinct().Count())),
                $"{path}.multiItem.maxExtra", $"must be from 1 to the number of distinct items listed (at most {ServiceItemList.Capacity - 1}); was {multi.MaxExtra}");
        }

        Check(svc.DailyCap is null or >= 1, $"{path}.dailyCap", $"must be at least 1 ticket, or left out for no cap (was {svc.DailyCap})");
        var limitMinutes = svc.WaitLimitMinutes ?? s.WaitLimitMinutes;
        Check(limitMinutes > 0, $"{path}.waitLimitMinutes", $"must be greater than 0 (was {limitMinutes})");
        var limit = (long)((svc.WaitLimitMinutes is { } own ? AtMost(own, $"{path}.waitLimitMinutes") : Math.Min(limitMinutes, MaxMinutes)) * TimeSpan.TicksPerMinute);
        return new ServicePlan
        {
            Id = svc.Id,
            Global = GlobalService(svc.Id, svc.Name, limit),
            RatePerTick = [.. svc.ArrivalsPerHour.Select(r => r / TimeSpan.TicksPerHour)],
            Handling = handling,
            Patience = patience,
            ClassCumulative = [.. cumulative],
            ClassIds = [.. svc.ClassMix.Keys],
            ClassGlobal = [.. svc.ClassMix.Keys.Select(GlobalClass)],
            AppointmentShare = svc.AppointmentShare,
            MultiShare = multi?.Share ?? 0,
            MultiItems = [.. multi?.Items.Distinct() ?? []],
            MaxExtra = multi?.MaxExtra ?? 0,
            NoShowShare = svc.NoShowShare,
            WaitLimitTicks = limit,
        };
    }

    /// <summary>
    /// Notes each service of an untraced hall that gives no <c>arrivalsPerHour</c>: none are generated for it, which is
    /// right for an item that only comes as an extra item of other services' tickets, but a forgotten rate otherwise,
    /// and its day without tickets read as no load. An explicit rate of 0 says none come, and is not noted.
    /// </summary>
    private void NoteServicesWithoutArrivals(IReadOnlyList<ServiceScenario> services, string path)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var svc = services[i];
            if (svc.ArrivalsPerHour.Count > 0)
            {
                continue;
            }

            var named = svc.Name.Length > 0 ? $"service {svc.Id} ({svc.Name})" : $"service {svc.Id}";
            var extra = services.Any(x => x.MultiItem is { Share: > 0 } m && m.Items.Contains(svc.Id));
            _notices.Add(extra
                ? $"{path}.services[{i}].arrivalsPerHour: not given, so {named} comes only as an extra item of other services' tickets (multiItem), never on a ticket of its own; give its rates per slot if citizens also come for it alone"
                : $"{path}.services[{i}].arrivalsPerHour: not given, so no ticket comes for {named} (nor as another service's multiItem); give its rates per slot, or [0] if none come");
        }
    }

    /// <summary>
    /// Notes the halls no citizen comes to: untraced, and every service's rate 0 or not given. Their day has no ticket,
    /// so every wait and share is empty and the windows stand idle; the run's table of zeros and dashes read as a hall
    /// where nobody waits. A scenario where no citizen comes at all is said once, first.
    /// </summary>
    private void NoteHallsWithoutArrivals(List<HallPlan> halls)
    {
        static bool Empty(HallPlan h) => h.Trace is null && h.Services.All(s => !s.RatePerTick.Any(r => r > 0));
        if (halls.All(Empty))
        {
            _notices.Insert(0, "No citizen arrives: every arrival rate (arrivalsPerHour) of every service is 0 or not given, so the day has no ticket and its figures are empty: no wait was measured, nobody was served; give the services' rates per slot");
            return;
        }

        foreach (var h in halls.Where(Empty))
        {
            _notices.Add($"halls[{h.Index}] ({h.Definition.Id}): no citizen arrives: every arrival rate (arrivalsPerHour) of its services is 0 or not given, so its windows stand idle all day and it adds nothing to the figures; give its services' rates per slot");
        }
    }

    /// <summary>A service's issuing hours as the engine's spans of a day: "H:mm" from 0:00 to 24:00, each from before to.</summary>
    private IReadOnlyList<IssuingHours> IssuingHours(IReadOnlyList<TimeRangeScenario> spans, string path)
    {
        const long Day = TimeSpan.TicksPerDay;
        var errorsBefore = _errors.Count;
        var ranges = Ranges(spans, path, withinDay: true);
        for (var i = 0; i < spans.Count; i++)
        {
            var to = spans[i].To.Split(':') is [var hours, _] && int.TryParse(hours, CultureInfo.InvariantCulture, out var h) ? h : 0;
            Check(to < 24 || spans[i].To == "24:00", $"{path}[{i}].to", $"'{spans[i].To}' is past 24:00: issuing hours are times of the hall's day");
        }

        // 24:00 is the end of the day, which the engine's spans give as To 00:00 (a TimeOnly cannot be 24:00).
        return _errors.Count > errorsBefore ? [] : [.. ranges.Select(r => new IssuingHours { From = new TimeOnly(r.From), To = r.To == Day ? TimeOnly.MinValue : new TimeOnly(r.To) })];
    }

    private Distribution? BuildDistribution(DistributionScenario d, string path)
    {
        const double M = TimeSpan.TicksPerMinute;
        bool Positive(double? v, string field)
        {
            // Infinity (JSON's 1e400) is positive: the bound below names it too large, as one problem.
            Check(v is > 0, $"{path}.{field}", v is null ? $"is required for a {d.Kind} distribution" : $"must be greater than 0 (was {v})");
            return v is > 0 && AtMost(v.Value, $"{path}.{field}") == v.Value;
        }

        var kind = d.Kind.ToLowerInvariant();
        if (Takes(kind) is { } takes)
        {
            // A field another kind uses would be ignored: an exponential's sdMinutes is not the spread the planner meant.
            void Unused(bool given, string field) => Check(!given || takes.Contains(field), $"{path}.{field}",
                $"not used by {(kind == "exponential" ? "an" : "a")} {kind} distribution (it takes {string.Join(" and ", takes)})");
            Unused(d.MeanMinutes is not null, "meanMinutes");
            Unused(d.SdMinutes is not null, "sdMinutes");
            Unused(d.Minutes is not null, "minutes");
            Unused(d.SamplesMinutes is not null, "samplesMinutes");
        }

        switch (kind)
        {
            case "exponential":
                return Positive(d.MeanMinutes, "meanMinutes") ? Distribution.Exponential(d.MeanMinutes!.Value * M) : null;
            case "fixed":
                return Positive(d.Minutes, "minutes") ? Distribution.Fixed(d.Minutes!.Value * M) : null;
            case "lognormal":
                return Positive(d.MeanMinutes, "meanMinutes") & Positive(d.SdMinutes, "sdMinutes")
                    ? Distribution.LogNormal(d.MeanMinutes!.Value * M, d.SdMinutes!.Value * M) : null;
            case "empirical":
                var samples = d.SamplesMinutes ?? [];
                Check(samples.Count > 0, $"{path}.samplesMinutes", "must list at least one observed duration");
                for (var i = 0; i < samples.Count; i++)
                {
                    Check(samples[i] > 0, $"{path}.samplesMinutes[{i}]", $"must be greater than 0 (was {samples[i]})");
                    AtMost(samples[i], $"{path}.samplesMinutes[{i}]");
                }

                return samples.Count > 0 ? Distribution.Empirical(samples.Select(x => Math.Min(x, MaxMinutes) * M)) : null;
            default:
                _errors.Add($"{path}.kind: '{d.Kind}' is not one of exponential, lognormal, fixed, empirical");
                return null;
        }
    }

    /// <summary>The fields a distribution kind takes, or null for a kind there is not.</summary>
    private static string[]? Takes(string kind) => kind switch
    {
        "exponential" => ["meanMinutes"],
        "lognormal" => ["meanMinutes", "sdMinutes"],
        "fixed" => ["minutes"],
        "empirical" => ["samplesMinutes"],
        _ => null,
    };
}
