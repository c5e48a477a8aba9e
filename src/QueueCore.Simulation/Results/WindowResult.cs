namespace QueueCore.Simulation;

/// <summary>One window's figures over the replications.</summary>
/// <param name="Hall">The hall id.</param>
/// <param name="Window">The window number.</param>
/// <param name="Utilisation">Share of its open time spent calling or serving (0 to 1).</param>
/// <param name="Served">Items it served per day, the warm-up's included (the rows count only those after it).</param>
/// <param name="OpenHours">Hours it was open per day.</param>
public sealed record WindowResult(string Hall, int Window, Estimate Utilisation, Estimate Served, Estimate OpenHours);
