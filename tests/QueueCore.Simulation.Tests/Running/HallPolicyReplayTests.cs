namespace QueueCore.Simulation.Tests.Running;

/// <summary>
/// The hall's policies as the simulation runs them, on traced days small enough to work out by hand: the order and
/// time of every call (a planner's check that the simulated hall decides as the real one does).
/// </summary>
public sealed class HallPolicyReplayTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qc-policy").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static WindowScenario Window(int id, params SkillScenario[] skills) => new()
    {
        Id = id, Comprehensive = skills.Length == 0, Skills = skills, Shifts = [TestScenarios.Span(9, 12)],
    };

    /// <summary>Replays <paramref name="trace"/> (rows "label,hh:mm:ss,service,age,handling seconds", one arrival time
    /// per ticket) and returns each call as "label@hh:mm:ss/window".</summary>
    private string[] Calls(string trace, PriorityScenario? priority = null, params WindowScenario[] windows)
    {
        File.WriteAllText(Path.Combine(_directory, "day.csv"), "ticket,arrival,service,age,handling_seconds\n" + trace.ReplaceLineEndings("\n"));
        var scenario = new Scenario
        {
            DayStart = "09:00",
            Halls =
            [
                new HallScenario
                {
                    Id = "h", Trace = "day.csv", Priority = priority,
                    Services = [new ServiceScenario { Id = 101 }, new ServiceScenario { Id = 102 }],
                    Windows = windows.Length > 0 ? windows : [Window(1)],
                },
            ],
        };
        var labels = trace.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split(','))
            .DistinctBy(f => f[0]).ToDictionary(f => TimeSpan.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture).Ticks, f => f[0]);
        var calls = new List<CallRecord>();
        new Replication(ScenarioCompiler.Compile(scenario, _directory), 1) { CallObserver = calls.Add }.Run();
        return [.. calls.Select(c => $"{labels[c.Issued]}@{TimeSpan.FromTicks(c.Called):hh\\:mm\\:ss}/{c.Window}")];
    }

    [Fact]
    public void HeadStart_AnElderlyCitizenPassesANormalOneIssuedLessThanTenMinutesBefore()
    {
        var calls = Calls("""
            T1,09:00:00,101,30,600
            T2,09:00:30,101,30,60
            E1,09:05:00,101,70,60
            """);
        Assert.Equal(["T1@09:00:00/1", "E1@09:10:00/1", "T2@09:11:00/1"], calls);
    }

    [Fact]
    public void OverflowDelay_TheOverflowWindowTakesTheTicketWhenItHasWaitedTheDelay()
    {
        // Window 2 serves 101 as overflow after 5 minutes: T2 waits from 09:00:10 while window 1 is busy, and window 2,
        // idle, takes it at 09:05:10, not before.
        var calls = Calls("""
            T1,09:00:00,101,30,600
            T2,09:00:10,101,30,60
            """,
            null,
            Window(1, new SkillScenario { Service = 101 }),
            Window(2, new SkillScenario { Service = 102 }, new SkillScenario { Service = 101, Overflow = true, OverflowDelayMinutes = 5 }));
        Assert.Equal(["T1@09:00:00/1", "T2@09:05:10/2"], calls);
    }

    [Fact]
    public void DedicatedWindow_ServesOthersOnlyWhileNoElderlyCitizenWaits()
    {
        var calls = Calls("""
            T0,09:00:00,101,30,600
            N1,09:01:00,101,30,600
            E1,09:02:00,101,70,60
            N2,09:02:30,101,30,60
            """,
            null,
            Window(1) with { DedicatedClass = "elderly" },
            Window(2));
        Assert.Equal(["T0@09:00:00/2", "N1@09:01:00/1", "E1@09:10:00/2", "N2@09:11:00/1"], calls);
    }

    [Fact]
    public void InterleaveAfter_OneNormalTicketAfterEachPriorityCall()
    {
        var calls = Calls("""
            T0,09:00:00,101,30,600
            N1,09:01:00,101,30,60
            E1,09:02:00,101,70,60
            E2,09:03:00,101,70,60
            """,
            new PriorityScenario { InterleaveAfter = 1 });
        Assert.Equal(["T0@09:00:00/1", "E1@09:10:00/1", "N1@09:11:00/1", "E2@09:12:00/1"], calls);
    }

    [Fact]
    public void MaxWait_AnOverdueNormalTicketOutranksStrictPriority()
    {
        // Elderly with a ten-hour head start (strict priority), the guard at 10 minutes: N1, waiting since 09:00:10,
        // is overdue at 09:15 and outranks E3 (overdue too, but issued later).
        var calls = Calls("""
            T0,09:00:00,101,30,300
            N1,09:00:10,101,30,300
            E1,09:01:00,101,70,300
            E2,09:02:00,101,70,300
            E3,09:03:00,101,70,300
            """,
            new PriorityScenario { MaxWaitMinutes = 10, Classes = [new() { Id = "normal" }, new() { Id = "elderly", HeadStartMinutes = 600 }] });
        Assert.Equal(["T0@09:00:00/1", "E1@09:05:00/1", "E2@09:10:00/1", "N1@09:15:00/1", "E3@09:20:00/1"], calls);
    }

    [Fact]
    public void MultiItemTicket_GoesOnToItsNextItemWithoutLosingItsPlace()
    {
        var calls = Calls("""
            T1,09:00:00,101,30,300
            T1,09:00:00,102,30,300
            T2,09:00:01,101,30,60
            """);
        Assert.Equal(["T1@09:00:00/1", "T1@09:05:00/1", "T2@09:10:00/1"], calls);
    }
}
