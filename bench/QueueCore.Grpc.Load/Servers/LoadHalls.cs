using System.Globalization;

namespace QueueCore.Grpc.Load.Servers;

/// <summary>
/// The halls both servers serve: city halls shaped like the server's demo hall (4 categories, 8 service items,
/// 12 windows), all windows comprehensive and called by their clerk (no auto mode), so that every
/// FinishAndCallNext the load sends calls exactly one ticket while tickets wait.
/// </summary>
internal static class LoadHalls
{
    public const int Windows = 12;

    /// <summary>The service items, ids as in the demo hall.</summary>
    public static readonly int[] Services = [101, 102, 201, 202, 301, 302, 401, 402];

    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"hall-{index:D4}");

    public static string[] Ids(int count) => [.. Enumerable.Range(0, count).Select(Id)];

    /// <summary>
    /// The real server's configuration key (<c>--ticket-capacity</c>) for every load hall's
    /// <see cref="HallDefinition.InitialTicketCapacity"/>: the unary phases only issue, so the halls' ticket tables
    /// grow all run, every hall at the same pace.
    /// </summary>
    public const string TicketCapacityKey = "LoadHalls:InitialTicketCapacity";

    public static HallDefinition Definition(int index) => new()
    {
        Id = Id(index),
        Name = string.Create(CultureInfo.InvariantCulture, $"City service center {index}"),
        Categories =
        [
            new() { Id = "business", Prefix = "A", Name = "Business" },
            new() { Id = "tax", Prefix = "B", Name = "Tax" },
            new() { Id = "social", Prefix = "C", Name = "Social insurance" },
            new() { Id = "civil", Prefix = "D", Name = "Civil affairs" },
        ],
        Services =
        [
            new() { Id = 101, Category = "business", Name = "Business registration", ExpectedHandlingTime = TimeSpan.FromMinutes(9) },
            new() { Id = 102, Category = "business", Name = "Company seal", ExpectedHandlingTime = TimeSpan.FromMinutes(4) },
            new() { Id = 201, Category = "tax", Name = "Tax registration", ExpectedHandlingTime = TimeSpan.FromMinutes(7) },
            new() { Id = 202, Category = "tax", Name = "Invoices", ExpectedHandlingTime = TimeSpan.FromMinutes(5) },
            new() { Id = 301, Category = "social", Name = "Pension", ExpectedHandlingTime = TimeSpan.FromMinutes(8) },
            new() { Id = 302, Category = "social", Name = "Medical insurance", ExpectedHandlingTime = TimeSpan.FromMinutes(6) },
            new() { Id = 401, Category = "civil", Name = "Residence permit", ExpectedHandlingTime = TimeSpan.FromMinutes(7) },
            new() { Id = 402, Category = "civil", Name = "Certificates", ExpectedHandlingTime = TimeSpan.FromMinutes(3) },
        ],
        Windows = [.. Enumerable.Range(1, Windows).Select(w => new WindowDefinition
        {
            Id = w,
            Name = string.Create(CultureInfo.InvariantCulture, $"Window {w}"),
            Comprehensive = true,
        })],
        Priority = new PriorityPolicy { MaxWait = TimeSpan.FromMinutes(45), InterleaveAfter = 3 },
    };
}
