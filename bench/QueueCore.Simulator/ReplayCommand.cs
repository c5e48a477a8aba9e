using QueueCore.Simulation;

namespace QueueCore.Simulator;

/// <summary><c>replay trace.csv staffing.json</c>: a real day's arrivals and handling times with other staffing.</summary>
internal static class ReplayCommand
{
    public static int Run(CommandLine line)
    {
        const string Missing = "replay: give a trace CSV and a staffing scenario (its first hall's windows and services are used), e.g. replay bench/scenarios/township-monday.csv bench/scenarios/township-replay.json";
        var (trace, staffing) = (line.File(1, Missing), line.File(2, Missing));
        var directory = line.Out(Path.Combine("sim-out", "replay-" + Path.GetFileNameWithoutExtension(trace)));

        var scenario = ScenarioFileException.Naming(staffing, () => ScenarioReader.Load(staffing));
        if (scenario.Halls is not [{ Services: { } services }, ..] || services.Contains(null!))
        {
            ScenarioFileException.Naming(staffing, () => QueueCore.Simulation.Simulator.Validate(scenario)); // throws, naming what is missing or null
        }

        var hall = scenario.Halls[0] with
        {
            Trace = trace, // as given (relative to the current directory: no base directory below), so its problems name it so
            Services = [.. scenario.Halls[0].Services.Select(s => s with { ArrivalsPerHour = [] })],
        };
        scenario = scenario with { Name = $"{Path.GetFileName(trace)} replayed with {Path.GetFileName(staffing)}", Halls = [hall] };

        // Without a patience every replication replays the same day, so few are needed; with one, each draws other
        // patiences for the trace's citizens, and two days gave intervals wider than the figures.
        var options = line.Simulation(replications: hall.Services.Any(s => s.Patience is not null) ? 20 : 2);
        SimulationResult result;
        try
        {
            result = RunCommand.Simulate(scenario, options, null);
        }
        catch (ScenarioException e) when (!e.Errors.All(error => error.StartsWith("trace file '", StringComparison.Ordinal)))
        {
            throw new ScenarioFileException(staffing, e); // the trace's own problems name the trace file already
        }
        Tables.Show(result);
        RunCommand.Write(result, directory);
        return 0;
    }
}
