namespace QueueCore.Simulation;

/// <summary>What a result row covers: a service (or all), a class (or all), an hour of the day (or all).</summary>
/// <param name="Service">The service id, or null for all services.</param>
/// <param name="Class">The class id, or null for all classes.</param>
/// <param name="Hour">The hour of the day the waits began (0 = midnight), or null for the whole day.</param>
public readonly record struct ResultKey(int? Service, string? Class, int? Hour);
