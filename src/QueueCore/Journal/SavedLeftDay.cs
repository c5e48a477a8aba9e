using MessagePack;
using MessagePack.Resolvers;

namespace QueueCore;

/// <summary>
/// A <see cref="CarriedDay"/> as a <see cref="JournalRecordKind.LeftDay"/> record holds it, with the number of the
/// removal that left it. MessagePack, as the hall's saved state: new keys only, never renumbered or reused.
/// </summary>
[MessagePackObject]
internal sealed class SavedLeftDay
{
    // The type is internal (no public API for a journal detail): the resolver that serializes non-public types.
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard.WithResolver(StandardResolverAllowPrivate.Instance);

    /// <summary>See <see cref="CarriedDay.Numbering"/>.</summary>
    [Key(0)] public SavedCategory[] Numbering { get; set; } = [];

    /// <summary>See <see cref="CarriedDay.Issued"/>.</summary>
    [Key(1)] public SavedService[] Issued { get; set; } = [];

    /// <summary>See <see cref="CarriedDay.CheckIns"/>.</summary>
    [Key(2)] public SavedCheckIn[] CheckIns { get; set; } = [];

    /// <summary>See <see cref="CarriedDay.Until"/>.</summary>
    [Key(3)] public long Until { get; set; }

    /// <summary>See <see cref="CarriedDay.Serial"/>.</summary>
    [Key(4)] public long Serial { get; set; }

    /// <summary>
    /// The engine's number for the removal that left the day (<see cref="HallEntry.Removal"/>), kept across restarts: of
    /// two left days of one id in different shards' logs (removed on one shard, added again and removed on another), the
    /// higher is the last.
    /// </summary>
    [Key(5)] public long Removal { get; set; }

    /// <summary>The day a hall added again takes over.</summary>
    public CarriedDay ToCarriedDay() => new(Numbering, Issued, CheckIns, Until, Serial);

    /// <summary>The record's body for <paramref name="day"/>, left by removal number <paramref name="removal"/>.</summary>
    public static byte[] Serialize(CarriedDay day, long removal) => MessagePackSerializer.Serialize(
        new SavedLeftDay { Numbering = day.Numbering, Issued = day.Issued, CheckIns = day.CheckIns, Until = day.Until, Serial = day.Serial, Removal = removal },
        Options);

    /// <summary>Reads a record's body.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are not a left day.</exception>
    public static SavedLeftDay Deserialize(in System.Buffers.ReadOnlySequence<byte> bytes) => MessagePackSerializer.Deserialize<SavedLeftDay>(bytes, Options);
}
