namespace QueueCore;

/// <summary>A validated hall definition in the form the state machine uses: dense indices, ticks, shared profiles.</summary>
internal sealed record CompiledHall(
    ServiceRecord[] Services,
    CategoryRecord[] Categories,
    WindowRecord[] Windows,
    IdIndex ServiceIndex,
    IdIndex WindowIndex,
    Dictionary<string, int> ClassIndex,
    string[] ClassIds,
    int[] ClassTexts,
    long[] HeadStart,
    int NormalClass,
    int AppointmentClass,
    ClassRules Rules,
    TimeZoneInfo Zone,
    long ResumeBonusTicks,
    RankNode[] Forest,
    int TierCount,
    int StaleWords);
