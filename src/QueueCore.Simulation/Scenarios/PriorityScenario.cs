namespace QueueCore.Simulation;

/// <summary>The hall's priority policy: classes as head starts, the starvation guard and interleaving.</summary>
public sealed record PriorityScenario
{
    /// <summary>The classes; must include "normal". Null: the engine's five default classes.</summary>
    public IReadOnlyList<ClassScenario>? Classes { get; set; }

    /// <summary>After waiting this many minutes a ticket outranks every class. Null: the engine default (60);
    /// 0: no guard.</summary>
    public double? MaxWaitMinutes { get; set; }

    /// <summary>After this many priority calls in a row a window takes a normal ticket. Null: off. Shorthand for
    /// <see cref="Interleave"/> with one normal call; set one of the two.</summary>
    public int? InterleaveAfter { get; set; }

    /// <summary>The interleave ratio in either direction (the engine's <see cref="InterleaveRule"/>): e.g.
    /// { priorityCalls: 1, normalCalls: 2 } is "two normal tickets for each priority one". Null: off.</summary>
    public InterleaveScenario? Interleave { get; set; }
}
