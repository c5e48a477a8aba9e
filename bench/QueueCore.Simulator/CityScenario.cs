namespace QueueCore.Simulation;

/// <summary>The city-scale scenario: a city's halls (10 to 130 windows each) and a day's tickets spread over them.</summary>
internal static class CityScenario
{
    private static readonly double[] Profile = [0.8, 1.2, 1.3, 1.0, 0.7, 1.0, 1.1, 0.9]; // 09:00 to 17:00, mean 1

    public static Scenario Build(int halls, int tickets)
    {
        var windowsPerHall = Enumerable.Range(0, halls).Select(i => 10 + (int)((long)i * 121 / halls)).ToArray();
        var perWindowHour = tickets / (8.0 * windowsPerHall.Sum() * 1.0);
        var hallScenarios = new HallScenario[halls];
        for (var i = 0; i < halls; i++)
        {
            var n = windowsPerHall[i];
            var services = Enumerable.Range(0, 8).Select(s => new ServiceScenario
            {
                Id = 101 + s,
                Name = $"service {101 + s}",
                ArrivalsPerHour = [.. Profile.Select(p => p * perWindowHour * n / 8)],
                Handling = new DistributionScenario { Kind = "lognormal", MeanMinutes = 14, SdMinutes = 7 }, // windows about 90% busy: a peak day
                ClassMix = new Dictionary<string, double> { ["elderly"] = 0.1, ["key-enterprise"] = 0.03 },
                AppointmentShare = 0.05,
                NoShowShare = 0.02,
                MultiItem = new MultiItemScenario { Share = 0.08, Items = [101 + ((s + 1) % 8)] },
                Patience = new DistributionScenario { Kind = "exponential", MeanMinutes = 90 },
            }).ToArray();
            var comprehensive = (int)Math.Round(n * 0.7);
            var windows = new List<WindowScenario>
            {
                new() { Id = 1, Count = comprehensive, Comprehensive = true, Shifts = [new() { From = "09:00", To = "17:30" }] },
            };
            for (var w = comprehensive + 1; w <= n; w++)
            {
                var primary = 101 + (w % 8);
                windows.Add(new WindowScenario
                {
                    Id = w,
                    Skills = [new() { Service = primary }, new() { Service = 101 + ((w + 1) % 8) }, .. Enumerable.Range(101, 8).Where(x => x != primary && x != 101 + ((w + 1) % 8)).Select(x => new SkillScenario { Service = x, Overflow = true, OverflowDelayMinutes = 10 })],
                    Shifts = [new() { From = "09:00", To = "17:30" }],
                    Breaks = w % 3 == 0 ? [new() { From = w % 2 == 0 ? "12:00" : "12:30", To = w % 2 == 0 ? "12:30" : "13:00" }] : [],
                });
            }

            hallScenarios[i] = new HallScenario { Id = $"hall-{i:0000}", Services = services, Windows = windows };
        }

        return new Scenario { Name = $"City: {halls:N0} halls, {windowsPerHall.Sum():N0} windows, ~{tickets:N0} tickets", DayStart = "09:00", SlotMinutes = 60, Halls = hallScenarios };
    }
}
