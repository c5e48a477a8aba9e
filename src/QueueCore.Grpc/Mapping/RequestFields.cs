using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace QueueCore.Grpc.Mapping;

/// <summary>Reads and checks request fields, refusing bad ones with InvalidArgument and a message naming the field.</summary>
public static class RequestFields
{
    /// <summary>The longest hall id (and region) accepted, in characters: ids are names people type, not payloads.</summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// The command with the calling device's request id (<see cref="Security.DeviceRequestIds"/>: the client's id
    /// scoped to the device of <paramref name="context"/>), if one was given; a malformed id is refused.
    /// </summary>
    public static HallCommand WithRequestId(this HallCommand command, string requestId, ServerCallContext context) =>
        RequestId(requestId, context) is { } id ? command.WithRequestId(id) : command;

    /// <summary>
    /// The id the hall is given for the client's request id, scoped to the device of <paramref name="context"/>
    /// (<see cref="Security.DeviceRequestIds"/>), or null when none was given; a malformed id is refused.
    /// </summary>
    public static Guid? RequestId(string requestId, ServerCallContext context) =>
        RequestId(requestId) is { } id ? Security.DeviceRequestIds.Scoped(context.GetHttpContext().User, id) : null;

    /// <summary>The client's request id, or null when none was given; a malformed id is refused.</summary>
    public static Guid? RequestId(string requestId)
    {
        if (requestId.Length == 0)
        {
            return null;
        }

        return Guid.TryParse(requestId, out var id) && id != Guid.Empty
            ? id
            : throw GrpcErrors.InvalidArgument($"request_id '{Clip(requestId)}' is not a UUID.");
    }

    /// <summary>The rule a hall id follows, in the words messages and the contracts use.</summary>
    public const string HallIdRule = "1 to 128 letters, digits, '-', '_' or '.', starting with a letter or a digit";

    /// <summary>The rule a region follows, in the words messages and the contracts use.</summary>
    public const string RegionRule = "at most 128 characters, none of them a control character";

    /// <summary>A hall id (or a region) named <paramref name="field"/> of at most <see cref="MaxIdLength"/> characters.</summary>
    public static string Id(string value, string field) => value.Length <= MaxIdLength
        ? value
        : throw GrpcErrors.InvalidArgument($"{field} is {value.Length} characters long; at most {MaxIdLength} are accepted.");

    /// <summary>
    /// Refuses a hall id in a request that no hall can have: a control character (from a client's mangled string). Told
    /// as a bad request, not as a hall outside the device's scope, which is what the scope check would answer.
    /// </summary>
    public static void HallInRequest(string hall)
    {
        if (ControlCharacterAt(hall) is var at and >= 0)
        {
            throw GrpcErrors.InvalidArgument(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hall has {Describe(hall[at])} at position {at + 1}; no hall id has one."));
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="id"/> as the id of a new hall, or null when it follows <see cref="HallIdRule"/>.
    /// A hall id goes into addresses (<c>/screen/{hall}</c>), device scopes (where "*" means every hall) and logs.
    /// </summary>
    public static string? HallIdProblem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "is empty";
        }

        if (id.Length > MaxIdLength)
        {
            return $"is {id.Length} characters long";
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (!char.IsLetterOrDigit(c) && (i == 0 || c is not ('-' or '_' or '.')))
            {
                return $"has {Describe(c)} at position {i + 1}";
            }
        }

        return null;
    }

    /// <summary>What is wrong with <paramref name="region"/>, or null when it follows <see cref="RegionRule"/>.</summary>
    public static string? RegionProblem(string region)
    {
        if (region.Length > MaxIdLength)
        {
            return $"is {region.Length} characters long";
        }

        var control = ControlCharacterAt(region);
        return control < 0 ? null : $"has {Describe(region[control])} at position {control + 1}";
    }

    /// <summary>The id of a new hall named <paramref name="field"/>, or InvalidArgument saying the rule.</summary>
    public static string HallId(string id, string field) => HallIdProblem(id) is { } problem
        ? throw GrpcErrors.InvalidArgument($"{field} '{Clip(id)}' {problem}; a hall id is {HallIdRule}.")
        : id;

    /// <summary>A region named <paramref name="field"/>, or InvalidArgument saying the rule.</summary>
    public static string Region(string region, string field) => RegionProblem(region) is { } problem
        ? throw GrpcErrors.InvalidArgument($"{field} '{Clip(region)}' {problem}; a region is {RegionRule}.")
        : region;

    /// <summary>Where the first C0 or C1 control character (or DEL) of <paramref name="text"/> is, or -1.</summary>
    private static int ControlCharacterAt(string text)
    {
        var at = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        return at >= 0 ? at : text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
    }

    private static string Describe(char c) => char.IsWhiteSpace(c) || char.IsControl(c)
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"U+{(int)c:X4} (white space or a control character)")
        : $"'{c}'";

    /// <summary>The service items of a ticket (1 to <see cref="ServiceItemList.Capacity"/>, each at most once).</summary>
    public static ServiceItemList Services(RepeatedField<int> services)
    {
        if (services.Count is 0 or > ServiceItemList.Capacity)
        {
            throw GrpcErrors.InvalidArgument($"services must name 1 to {ServiceItemList.Capacity} service items; it names {services.Count}.");
        }

        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            if (service < 0)
            {
                throw GrpcErrors.InvalidArgument($"services: {service} is not a service id (ids are not negative).");
            }

            // The engine refuses it too, but in its words ("Service item 101 is listed twice"), naming no field.
            if (services.IndexOf(service) < i)
            {
                throw GrpcErrors.InvalidArgument($"services names service item {service} twice; a ticket holds each item at most once.");
            }
        }

        Span<int> items = stackalloc int[services.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = services[i];
        }

        return new ServiceItemList(items);
    }

    /// <summary>A positive id (window, service) named <paramref name="field"/>.</summary>
    public static int Positive(int value, string field) =>
        value > 0 ? value : throw GrpcErrors.InvalidArgument($"{field} must be a positive id; it is {value}.");

    /// <summary>A non-negative id named <paramref name="field"/>.</summary>
    public static int NotNegative(int value, string field) =>
        value >= 0 ? value : throw GrpcErrors.InvalidArgument($"{field} must not be negative; it is {value}.");

    /// <summary>An optional count or limit named <paramref name="field"/>: 0 is "not set" (null), a negative one is refused.</summary>
    public static int? Optional(int value, string field) => value switch
    {
        0 => null,
        < 0 => throw GrpcErrors.InvalidArgument($"{field} must not be negative (0: not set); it is {value}."),
        _ => value,
    };

    /// <summary>
    /// A display name (service, window) named <paramref name="field"/>: at most <see cref="HallDefinition.MaxNameLength"/>
    /// characters as a person counts them (<see cref="TextLength"/>: an emoji is one), empty for none, not only white
    /// space. The engine refuses these too, but naming its own Name option.
    /// </summary>
    public static string Name(string value, string field)
    {
        if (!TextLength.Fits(value, HallDefinition.MaxNameLength))
        {
            throw GrpcErrors.InvalidArgument(TooLong(field, value, HallDefinition.MaxNameLength));
        }

        return value.Length > 0 && string.IsNullOrWhiteSpace(value)
            ? throw GrpcErrors.InvalidArgument($"{field} is only white space; give a name or leave it empty for none.")
            : value;
    }

    /// <summary>A ticket id.</summary>
    public static long TicketId(long value, string field = "ticket") =>
        value > 0 ? value : throw GrpcErrors.InvalidArgument($"{field} must be a ticket id (positive); it is {value}.");

    /// <summary>
    /// The ticket a terminal shows, which a command on the window's ticket must find at the window: an id, or 0 for none
    /// named (the window's ticket, whatever it is).
    /// </summary>
    public static long ShownTicket(long value, string field = "ticket") => value >= 0
        ? value
        : throw GrpcErrors.InvalidArgument($"{field} must be the id of the ticket the terminal shows (positive), or 0 for the window's ticket; it is {value}.");

    /// <summary>
    /// The item of the ticket a terminal shows (<c>ticket_service</c>), which the window's ticket must be at: null when unset
    /// (any item), else an item id (0 or more), given with the <paramref name="ticket"/> it belongs to.
    /// </summary>
    public static int? ShownService(bool isSet, int value, long ticket, string field = "ticket_service") => !isSet
        ? null
        : value < 0
            ? throw GrpcErrors.InvalidArgument($"{field} must be the id of the item the terminal shows for ticket (0 or more); it is {value}.")
            : ticket == 0
                ? throw GrpcErrors.InvalidArgument($"{field} names the item of ticket, the ticket the terminal shows; give ticket too, or leave {field} unset.")
                : value;

    /// <summary>A free text (reason, note) of at most <paramref name="max"/> characters as a person counts them
    /// (<see cref="TextLength"/>: an emoji is one; the engine's limit for a reason); empty gives null.</summary>
    public static string? Text(string value, string field, int max = HallCommand.MaxReasonLength) => value.Length switch
    {
        0 => null,
        _ when !TextLength.Fits(value, max) => throw GrpcErrors.InvalidArgument(TooLong(field, value, max)),
        _ => value,
    };

    /// <summary>A code (an appointment reference) of at most <paramref name="max"/> UTF-16 code units, as the engine counts
    /// codes; empty gives null.</summary>
    public static string? Code(string value, string field, int max) => value.Length switch
    {
        0 => null,
        _ when value.Length > max => throw GrpcErrors.InvalidArgument($"{field} is longer than {max} characters."),
        _ => value,
    };

    /// <summary>"reason is 201 characters long; at most 200 are accepted.", counted as <see cref="TextLength"/> counts.</summary>
    private static string TooLong(string field, string value, int max)
    {
        var characters = TextLength.Of(value);
        return characters > max
            ? $"{field} is {characters} characters long; at most {max} are accepted."
            : $"{field} is {characters} characters long but takes {value.Length} UTF-16 code units; at most {max * TextLength.MaxUnitsPerCharacter} are accepted.";
    }

    /// <summary>A timestamp that protobuf considers valid, as a UTC instant.</summary>
    public static DateTimeOffset? Instant(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw GrpcErrors.InvalidArgument($"{field} is not a valid timestamp.");
        }
    }

    /// <summary>
    /// A timestamp that, when given, must be later than <paramref name="now"/>; null only when the field is absent
    /// (0001-01-01 is a time like any other, not "unset").
    /// </summary>
    public static DateTimeOffset? Later(Timestamp? value, string field, DateTimeOffset now) => Instant(value, field) switch
    {
        null => null,
        var at when at <= now => throw GrpcErrors.InvalidArgument($"{field} must be later than now ({now:u}); {at:u} was given."),
        var at => at,
    };

    /// <summary>A duration that protobuf considers valid (normalized, within ±10,000 years), or null when unset.</summary>
    public static TimeSpan? Span(Duration? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        // Duration.ToTimeSpan throws InvalidOperationException for these, which reads as a server state problem.
        var (seconds, nanos) = (value.Seconds, value.Nanos);
        if (seconds is < Duration.MinSeconds or > Duration.MaxSeconds || nanos is <= -Duration.NanosecondsPerSecond or >= Duration.NanosecondsPerSecond
            || (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0))
        {
            throw GrpcErrors.InvalidArgument($"{field} is not a valid duration (seconds {seconds}, nanos {nanos}): nanos must be within ±999,999,999 with the sign of seconds.");
        }

        return value.ToTimeSpan();
    }

    /// <summary>A page size: default when 0, at most <paramref name="max"/>.</summary>
    public static int PageSize(int count, int defaultCount = 50, int max = 500) => count switch
    {
        0 => defaultCount,
        < 0 => throw GrpcErrors.InvalidArgument($"count must not be negative; it is {count}."),
        _ when count > max => throw GrpcErrors.InvalidArgument($"count must be at most {max}; it is {count}."),
        _ => count,
    };

    /// <summary>
    /// <paramref name="text"/> shortened to <paramref name="max"/> characters for a message: a client's text echoed in
    /// full could make the status bigger than the client accepts (trailers over 64 KB fail the call).
    /// </summary>
    public static string Clip(string text, int max = 40) => text.Length <= max ? text : text[..max] + "...";
}
