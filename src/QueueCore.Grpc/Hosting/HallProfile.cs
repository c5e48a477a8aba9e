namespace QueueCore.Grpc.Hosting;

/// <summary>What the server knows of a hall beyond its engine definition: where it is and what its screens speak.</summary>
public sealed record HallProfile
{
    /// <summary>The region the hall belongs to (kiosks suggest halls of the same region).</summary>
    public string Region { get; init; } = "";

    /// <summary>
    /// The language screens show and speak calls in: a BCP-47 tag of English or Chinese ("en", "en-GB", "zh-CN", ...),
    /// kept in its canonical form (<see cref="HallLanguage"/>).
    /// </summary>
    public string Language { get; init; } = CallText.English;
}
