namespace QueueCore;

/// <summary>A category's prefix and its daily number sequence.</summary>
internal sealed class CategoryRecord(ServiceCategory definition)
{
    public ServiceCategory Definition { get; } = definition;

    public string Id => Definition.Id;

    public string Prefix => Definition.Prefix;

    /// <summary>The prefix's number in the text table (numbers and events carry it instead of the string).</summary>
    public int PrefixText { get; } = TextTable.Intern(definition.Prefix);

    public int Width => Definition.NumberWidth;

    /// <summary>The last number issued today.</summary>
    public int Sequence;

    /// <summary>The printed number <paramref name="sequence"/> of this category.</summary>
    public TicketNumber Number(int sequence) => new(PrefixText, sequence, Width);
}
