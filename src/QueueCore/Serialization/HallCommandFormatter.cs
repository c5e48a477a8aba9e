using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace QueueCore;

/// <summary>
/// MessagePack form of a <see cref="HallCommand"/>: an array of its fields in a fixed order (kind, window, ticket,
/// items, value, class, age, flags, appointment, instant, reason, auto, close policy, request id). New fields are
/// only ever appended, and a reader takes the fields it knows, so journals written today stay readable.
/// </summary>
public sealed class HallCommandFormatter : IMessagePackFormatter<HallCommand>
{
    private const int FieldCount = 14;

    /// <summary>The one instance.</summary>
    public static readonly HallCommandFormatter Instance = new();

    /// <inheritdoc/>
    public void Serialize(ref MessagePackWriter writer, HallCommand value, MessagePackSerializerOptions options)
    {
        writer.WriteArrayHeader(FieldCount);
        writer.Write((byte)value.Kind);
        writer.Write(value.Window);
        writer.Write(value.Ticket);
        var items = value.Services;
        var span = items.AsSpan();
        writer.WriteArrayHeader(span.Length);
        foreach (var s in span)
        {
            writer.Write(s);
        }

        writer.Write(value.Value);
        writer.Write(value.PriorityClass);
        writer.Write(value.Age);
        writer.Write((byte)value.Flags);
        writer.Write(value.Appointment);
        writer.Write(value.InstantTicks);
        writer.Write(value.Reason);
        if (value.Auto is { } auto)
        {
            writer.Write(auto);
        }
        else
        {
            writer.WriteNil();
        }

        writer.Write((byte)value.ClosePolicy);
        if (value.RequestId == Guid.Empty)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteBinHeader(16);
            value.RequestId.TryWriteBytes(writer.GetSpan(16));
            writer.Advance(16);
        }
    }

    /// <inheritdoc/>
    public HallCommand Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var count = reader.ReadArrayHeader();
        var kind = CommandKind.None;
        int window = 0, value = 0;
        long ticket = 0, instant = 0;
        ServiceItemList services = default;
        string? cls = null, appointment = null, reason = null;
        byte age = 0;
        TicketFlags flags = TicketFlags.None;
        bool? auto = null;
        var policy = DayClosePolicy.CancelWaiting;
        var requestId = Guid.Empty;
        for (var i = 0; i < count; i++)
        {
            switch (i)
            {
                case 0: kind = (CommandKind)reader.ReadByte(); break;
                case 1: window = reader.ReadInt32(); break;
                case 2: ticket = reader.ReadInt64(); break;
                case 3: services = ReadItems(ref reader); break;
                case 4: value = reader.ReadInt32(); break;
                case 5: cls = reader.ReadString(); break;
                case 6: age = reader.ReadByte(); break;
                case 7: flags = (TicketFlags)reader.ReadByte(); break;
                case 8: appointment = reader.ReadString(); break;
                case 9: instant = reader.ReadInt64(); break;
                case 10: reason = reader.ReadString(); break;
                case 11: auto = reader.TryReadNil() ? null : reader.ReadBoolean(); break;
                case 12: policy = (DayClosePolicy)reader.ReadByte(); break;
                case 13: requestId = reader.TryReadNil() ? Guid.Empty : ReadGuid(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new HallCommand
        {
            Kind = kind, Window = window, Ticket = ticket, Services = services, Value = value, PriorityClass = cls, Age = age,
            Flags = flags, Appointment = appointment, Reason = reason, Auto = auto, ClosePolicy = policy, RequestId = requestId,
        }.WithInstant(instant);
    }

    private static Guid ReadGuid(ref MessagePackReader reader)
    {
        var bytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A request id is 16 bytes.");
        return bytes.Length == 16 ? new Guid(bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray())
            : throw new MessagePackSerializationException($"A request id is 16 bytes; {bytes.Length} were read.");
    }

    private static ServiceItemList ReadItems(ref MessagePackReader reader)
    {
        var n = reader.ReadArrayHeader();
        if (n > ServiceItemList.Capacity)
        {
            throw new MessagePackSerializationException($"A command carries at most {ServiceItemList.Capacity} service items; {n} were read.");
        }

        Span<int> items = stackalloc int[ServiceItemList.Capacity];
        for (var i = 0; i < n; i++)
        {
            items[i] = reader.ReadInt32();
        }

        return new ServiceItemList(items[..n]);
    }
}
