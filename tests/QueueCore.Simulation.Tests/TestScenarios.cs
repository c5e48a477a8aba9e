using System.Globalization;

namespace QueueCore.Simulation.Tests;

/// <summary>Scenarios the tests build in code.</summary>
internal static class TestScenarios
{
    /// <summary>One service, <paramref name="servers"/> comprehensive windows, Poisson arrivals at
    /// <paramref name="perHour"/>, exponential handling with mean <paramref name="meanMinutes"/>, one class: M/M/c.
    /// Arrivals run <paramref name="hours"/> hours; the first <paramref name="warmupHours"/> are not counted, and the
    /// windows stay open long enough to serve everyone.</summary>
    public static Scenario MMc(int servers, double perHour, double meanMinutes, int hours, int warmupHours, double limitMinutes = 5) => new()
    {
        Name = $"M/M/{servers}",
        DayStart = "0:00",
        SlotMinutes = hours * 60,
        WarmupMinutes = warmupHours * 60,
        WaitLimitMinutes = limitMinutes,
        Halls =
        [
            new HallScenario
            {
                Id = "mmc",
                Priority = new PriorityScenario { Classes = [new ClassScenario { Id = "normal" }], MaxWaitMinutes = 0 },
                Services = [new ServiceScenario { Id = 1, Name = "single", ArrivalsPerHour = [perHour], Handling = Exponential(meanMinutes) }],
                Windows = [new WindowScenario { Id = 1, Count = servers, Comprehensive = true, Shifts = [Span(0, hours + 100)] }],
            },
        ],
    };

    public static DistributionScenario Exponential(double meanMinutes) => new() { Kind = "exponential", MeanMinutes = meanMinutes };

    public static TimeRangeScenario Span(int fromHour, int toHour) => new() { From = Clock(fromHour * 60), To = Clock(toHour * 60) };

    public static string Clock(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00}");

    /// <summary>A small hall day: two services, default classes, four windows with a lunch break, 08:00 to 17:00.</summary>
    public static Scenario Township(double load = 1.0) => new()
    {
        Name = "township",
        DayStart = "08:00",
        SlotMinutes = 60,
        Halls =
        [
            new HallScenario
            {
                Id = "township",
                Services =
                [
                    new ServiceScenario
                    {
                        Id = 101, Name = "household", ArrivalsPerHour = [.. new[] { 20.0, 30, 30, 20, 10, 20, 25, 20 }.Select(x => x * load)],
                        Handling = new DistributionScenario { Kind = "lognormal", MeanMinutes = 6, SdMinutes = 3 },
                        ClassMix = new Dictionary<string, double> { ["elderly"] = 0.15, ["key-enterprise"] = 0.05, ["green"] = 0.01 },
                        AppointmentShare = 0.1,
                        MultiItem = new MultiItemScenario { Share = 0.2, Items = [102] },
                    },
                    new ServiceScenario
                    {
                        Id = 102, Name = "social", ArrivalsPerHour = [.. new[] { 10.0, 15, 15, 10, 5, 10, 12, 10 }.Select(x => x * load)],
                        Handling = Exponential(5),
                        ClassMix = new Dictionary<string, double> { ["elderly"] = 0.3 },
                        NoShowShare = 0.03,
                        Patience = Exponential(45),
                    },
                ],
                Windows =
                [
                    new WindowScenario { Id = 1, Count = 2, Comprehensive = true, Shifts = [Span(8, 17)], Breaks = [new() { From = "12:00", To = "12:30" }] },
                    new WindowScenario { Id = 3, Skills = [new() { Service = 101 }, new() { Service = 102, Overflow = true, OverflowDelayMinutes = 10 }], Shifts = [Span(8, 12), Span(13, 17)] },
                    new WindowScenario { Id = 4, Skills = [new() { Service = 102 }], Shifts = [Span(8, 17)], Breaks = [new() { From = "12:30", To = "13:00" }] },
                ],
            },
        ],
    };
}
