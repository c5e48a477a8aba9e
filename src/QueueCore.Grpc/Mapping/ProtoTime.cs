using Google.Protobuf.WellKnownTypes;

namespace QueueCore.Grpc.Mapping;

/// <summary>Conversions between .NET times and protobuf's well-known types.</summary>
public static class ProtoTime
{
    /// <summary>A protobuf duration.</summary>
    public static Duration ToProto(this TimeSpan value) => Duration.FromTimeSpan(value);

    /// <summary>A protobuf timestamp (UTC).</summary>
    public static Timestamp ToProto(this DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    /// <summary>A timestamp or null when unset.</summary>
    public static Timestamp? ToProto(this DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}
