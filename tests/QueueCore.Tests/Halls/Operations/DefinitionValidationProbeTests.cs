namespace QueueCore.Tests.Halls.Operations;

/// <summary>
/// Issue 10, Fix 15 entry by entry, for the values its first list did not name: every bad value is refused with an
/// <see cref="ArgumentException"/> naming it, never a <see cref="NullReferenceException"/> and never accepted silently.
/// </summary>
public class DefinitionValidationProbeTests
{
    public static TheoryData<string, string> Bad() => new()
    {
        { "negative resume head start", "ResumeHeadStart" },
        { "resume head start past the maximum", "ResumeHeadStart" },
        { "class head start past the maximum", "head start" },
        { "aging rate NaN", "AgingRate" },
        { "aging rate infinite", "AgingRate" },
        { "negative aging rate", "AgingRate" },
        { "negative max wait", "MaxWait" },
        { "negative requeue places", "NoShow.RequeuePlacesBack cannot be negative; it is -1" },
        { "negative pause after", "NoShow.PauseWindowAfter cannot be negative; it is -1" },
        { "negative recalls", "NoShow.MaxRecalls cannot be negative; it is -1" },
        { "negative early window", "AppointmentEarlyWindow" },
        { "null categories", "Categories" },
        { "null services", "Services" },
        { "null windows", "Windows" },
        { "null skills", "Skills" },
        { "null classes", "Classes" },
        { "null rules", "Rules" },
        { "null issuing hours", "IssuingHours" },
        { "null no-show policy", "NoShow" },
        { "null park policy", "Park" },
        { "null time zone", "TimeZone" },
        { "null category id", "category" },
        { "null class id", "class" },
        { "empty issuing hours span", "issuing hours" },
        { "negative min age", "MinAge" },
        { "window selection 9", "WindowSelection" },
        { "negative interleave calls", "Interleave" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Hall_BadValue_ArgumentExceptionNamingIt(string what, string expected)
    {
        var d = Break(what);
        var e = Record.Exception(() => new Hall(d));
        Assert.True(e is ArgumentException, $"{what}: {(e is null ? "accepted" : e.GetType().Name + ": " + e.Message)}");
        Assert.Contains(expected, e!.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static HallDefinition Break(string what)
    {
        var d = OperationFixtures.Small();
        var p = d.Priority;
        var svc = d.Services[0];
        return what switch
        {
            "negative resume head start" => d with { Park = new() { ResumeHeadStart = TimeSpan.FromMinutes(-5) } },
            "resume head start past the maximum" => d with { Park = new() { ResumeHeadStart = PriorityPolicy.MaxHeadStart + TimeSpan.FromDays(1) } },
            "class head start past the maximum" => d with { Priority = p with { Classes = [.. p.Classes, new() { Id = "x", HeadStart = TimeSpan.MaxValue }] } },
            "aging rate NaN" => d with { Priority = p with { AgingRate = double.NaN } },
            "aging rate infinite" => d with { Priority = p with { AgingRate = double.PositiveInfinity } },
            "negative aging rate" => d with { Priority = p with { AgingRate = -1 } },
            "negative max wait" => d with { Priority = p with { MaxWait = TimeSpan.FromMinutes(-1) } },
            "negative requeue places" => d with { NoShow = new() { RequeuePlacesBack = -1 } },
            "negative pause after" => d with { NoShow = new() { PauseWindowAfter = -1 } },
            "negative recalls" => d with { NoShow = new() { MaxRecalls = -1 } },
            "negative early window" => d with { Priority = p with { AppointmentEarlyWindow = TimeSpan.FromMinutes(-1) } },
            "null categories" => d with { Categories = null! },
            "null services" => d with { Services = null! },
            "null windows" => d with { Windows = null! },
            "null skills" => d with { Windows = [d.Windows[0] with { Skills = null! }, .. d.Windows.Skip(1)] },
            "null classes" => d with { Priority = p with { Classes = null! } },
            "null rules" => d with { Priority = p with { Rules = null! } },
            "null issuing hours" => d with { Services = [svc with { IssuingHours = null! }, .. d.Services.Skip(1)] },
            "null no-show policy" => d with { NoShow = null! },
            "null park policy" => d with { Park = null! },
            "null time zone" => d with { TimeZone = null! },
            "null category id" => d with { Categories = [new() { Id = null!, Prefix = "Z" }, .. d.Categories] },
            "null class id" => d with { Priority = p with { Classes = [.. p.Classes, new() { Id = null! }] } },
            "empty issuing hours span" => d with { Services = [svc with { IssuingHours = [new() { From = new(9, 0), To = new(9, 0) }] }, .. d.Services.Skip(1)] },
            "negative min age" => d with { Priority = p with { Rules = [new() { Class = PriorityPolicy.Elderly, MinAge = -5 }] } },
            "window selection 9" => d with { WindowSelection = (WindowSelection)9 },
            "negative interleave calls" => d with { Priority = p with { Interleave = new() { PriorityCalls = -1, NormalCalls = 1 } } },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }
}
