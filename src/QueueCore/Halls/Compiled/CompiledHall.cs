namespace QueueCore;

/// <summary>A validated hall definition in the form the state machine uses.</summary>
internal sealed record CompiledHall(
    ServiceRecord[] Services,
    CategoryRecord[] Categories,
    WindowRecord[] Windows,
    Dictionary<int, int> ServiceIndex,
    Dictionary<int, int> WindowIndex,
    Dictionary<string, int> ClassIndex,
    string[] ClassIds,
    long[] HeadStart,
    int NormalClass,
    int AppointmentClass,
    int[] RuleClass,
    TimeZoneInfo Zone);
