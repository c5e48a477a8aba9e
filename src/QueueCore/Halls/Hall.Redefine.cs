namespace QueueCore;

/// <remarks>This part: redefinition at run time.</remarks>
public sealed partial class Hall
{
    /// <summary>The hall for <paramref name="d"/>, keeping this hall's day; its <see cref="LastEvents"/> hold the events to publish.</summary>
    // stub: replaced by the hall rewrite
    internal Hall Redefine(HallDefinition d, DateTimeOffset now) => Restore(d, SaveState());
}
