namespace QueueCore.Simulation.Tests.Running;

/// <summary>A clerk whose shift ends leaves after the ticket in hand, whether its citizen came or not: the next ticket
/// waits for a window on shift.</summary>
public sealed class ShiftEndTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qc-shift").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Run_NoShowAtTheEndOfAShift_TheNextTicketWaitsForAWindowOnShift()
    {
        // Window 1 works 09:00-10:00, window 2 from 10:05. A001 is called at 09:59:30 and does not come; A002 waits. The
        // clerk of window 1 marks the no-show at 10:00:30, after their shift: the hall pushed A002 to them, and they
        // served it, where A002 should have waited for window 2.
        File.WriteAllText(Path.Combine(_directory, "day.csv"), """
            ticket,arrival,service,handling_seconds
            A001,09:59:30,101,
            A002,09:59:40,101,60
            """);
        var scenario = new Scenario
        {
            DayStart = "09:00",
            RecallSeconds = 60,
            Halls =
            [
                new HallScenario
                {
                    Id = "h",
                    Trace = "day.csv",
                    Services = [new ServiceScenario { Id = 101 }],
                    Windows =
                    [
                        new WindowScenario { Id = 1, Comprehensive = true, Shifts = [TestScenarios.Span(9, 10)] },
                        new WindowScenario { Id = 2, Comprehensive = true, Shifts = [new() { From = "10:05", To = "12:00" }] },
                    ],
                },
            ],
        };

        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 1 }, _directory);

        var (one, two) = (result.Windows.Single(w => w.Window == 1), result.Windows.Single(w => w.Window == 2));
        Assert.Equal((0, 1), (one.Served.Mean, two.Served.Mean));
        Assert.Equal(1 + (30.0 / 3600), one.OpenHours.Mean, 6); // it left with the no-show, at 10:00:30
        Assert.Equal(5 + (20.0 / 60), result.Row(101)![Metric.MaxWait].Mean, 6); // A002, from 09:59:40 to 10:05
    }
}
