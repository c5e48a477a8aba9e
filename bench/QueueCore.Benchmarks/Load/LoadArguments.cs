namespace QueueCore.Benchmarks.Load;

/// <summary>A load command's arguments once checked (<see cref="LoadCommand.Parse"/>): its numbers in order, defaults
/// filled in; any further numbers (their default when none was given); its words (null when not given); whether its
/// flag was given.</summary>
internal sealed record LoadArguments(int[] Numbers, int[] More, string?[] Words, bool Flag);
