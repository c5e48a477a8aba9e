using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>
/// Requests that parse but carry any values (negative, huge, empty, control characters, timestamps past year 9999,
/// durations of the wrong sign, dozens of repeated entries, another hall's JSON) on every call of every service, as an
/// admin that may make each: each is answered or refused with a status a client can act on and a message, never
/// Unknown or Internal; the server logs no error and goes on serving.
/// </summary>
public class FieldValueFuzzTests(ITestOutputHelper output)
{
    private const string Hall = "hall-f";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AnyFieldValues_EveryCall_AnsweredOrRefusedCleanly_TheServerGoesOn(int seed)
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Hall, 1, 2);
        for (var i = 0; i < 5; i++)
        {
            await server.TakeAsync(Hall, service: 1 + (i % 2));
        }

        var random = new Random(seed);
        var methods = new[] { Kiosk.Descriptor, Terminal.Descriptor, Display.Descriptor, Evaluator.Descriptor, Dashboard.Descriptor, Admin.Descriptor }
            .SelectMany(s => s.Methods).ToList();
        var invoker = server.As(TestDevices.Admin);
        var failures = new List<string>();
        var codes = new SortedDictionary<StatusCode, int>();
        for (var n = 0; n < 2000; n++)
        {
            var method = methods[random.Next(methods.Count)];
            if (method.Name == "RemoveHall" && random.Next(10) > 0)
            {
                continue; // now and then, so the other calls mostly meet the hall
            }

            var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
            Fill(request, random, 0);
            var e = await RawCalls.CallAsync(invoker, method, request.ToByteArray());
            var code = e?.StatusCode ?? StatusCode.OK;
            codes[code] = codes.GetValueOrDefault(code) + 1;
            if (code is StatusCode.Unknown or StatusCode.Internal or StatusCode.DeadlineExceeded or StatusCode.Unavailable
                || (e is not null && string.IsNullOrWhiteSpace(e.Status.Detail)))
            {
                failures.Add($"{method.FullName} {request} -> {e!.Status}");
            }

            if (method.Name == "RemoveHall" && e is null)
            {
                await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small(Hall, windows: 3)) }).Bounded();
            }
        }

        output.WriteLine(string.Join(", ", codes.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.Empty(failures);
        Assert.True(codes.GetValueOrDefault(StatusCode.OK) > 100, "too few calls got through to test anything");
        Assert.Empty(server.ErrorLogs);

        // The hall is not faulted (its state answers), and the server goes on: a hall added now issues its first ticket.
        Assert.Equal(Hall, (await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Hall);
        await server.Admin().AddHallAsync(new() { Json = HallConfiguration.ToJson(TestHalls.Small("hall-after")) }).Bounded();
        Assert.Equal("A001", (await server.TakeAsync("hall-after")).Number);
    }

    private static void Fill(IMessage message, Random rnd, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (rnd.Next(4) == 0) continue;
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                var count = rnd.Next(10) == 0 ? rnd.Next(5, 70) : rnd.Next(0, 4);
                for (var i = 0; i < count; i++)
                {
                    var v = Value(field, rnd, depth);
                    if (v is not null) list.Add(v);
                }
            }
            else if (field.IsMap)
            {
            }
            else
            {
                var v = Value(field, rnd, depth);
                if (v is not null) field.Accessor.SetValue(message, v);
            }
        }
    }

    private static readonly int[] Ints = [0, 1, 2, 3, 4, -1, int.MaxValue, int.MinValue, 5, 50, 101, 500, 501, 1000];
    private static readonly long[] Longs = [0, 1, -1, long.MaxValue, long.MinValue, 1048576, 2097153, 3145730, 5, 100];
    private static readonly string[] Strings = ["", "x", " ", "\u0000\u0007", "é漢字😀", new string('y', 300), "*", "a", "normal", "elderly", "../x", "%00", "hall-a"];

    private static object? Value(FieldDescriptor field, Random rnd, int depth)
    {
        if (rnd.Next(10) < 7)
        {
            switch (field.FieldType)
            {
                case FieldType.Int32: return field.Name is "score" ? rnd.Next(1, 6) : rnd.Next(0, 4);
                case FieldType.Int64: return rnd.Next(3) == 0 ? 0L : (long)(rnd.Next(1, 12) * 1048576L + rnd.Next(0, 12));
                case FieldType.String when field.Name != "hall" && field.Name != "json": return field.Name == "code" ? "C" + rnd.Next(3) : "";
                case FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName:
                    return Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(rnd.Next(-3600, 3600)));
                case FieldType.Message when field.MessageType.FullName == Duration.Descriptor.FullName:
                    return Duration.FromTimeSpan(TimeSpan.FromSeconds(rnd.Next(1, 3600)));
            }
        }

        switch (field.FieldType)
        {
            case FieldType.Int32:
            case FieldType.SInt32:
            case FieldType.SFixed32:
                return rnd.Next(3) == 0 ? rnd.Next(-3, 10) : Ints[rnd.Next(Ints.Length)];
            case FieldType.Int64:
            case FieldType.SInt64:
                return Longs[rnd.Next(Longs.Length)];
            case FieldType.Bool:
                return rnd.Next(2) == 0;
            case FieldType.Enum:
                return rnd.Next(-1, 6);
            case FieldType.String:
                if (field.Name == "hall") return rnd.Next(10) < 8 ? Hall : Strings[rnd.Next(Strings.Length)];
                if (field.Name == "request_id") return rnd.Next(3) switch { 0 => "", 1 => Guid.NewGuid().ToString(), _ => Strings[rnd.Next(Strings.Length)] };
                if (field.Name == "json") return rnd.Next(4) switch
                {
                    0 => HallConfiguration.ToJson(TestHalls.Small(rnd.Next(2) == 0 ? Hall : "hall-" + rnd.Next(5), windows: rnd.Next(0, 4))),
                    1 => "{\"Id\":\"" + Hall + "\",\"Services\":[{\"Id\":-5}],\"Windows\":[{\"Id\":1,\"Skills\":[{\"Service\":99}]}]}",
                    2 => "{\"Id\":\"h\",\"Name\":null,\"Categories\":[null],\"Priority\":{\"Classes\":[{\"Id\":\"\"}]},\"TimeZone\":\"Mars/Olympus\"}",
                    _ => Strings[rnd.Next(Strings.Length)],
                };
                return Strings[rnd.Next(Strings.Length)];
            case FieldType.Message:
                if (depth > 3) return null;
                if (field.MessageType.FullName == Timestamp.Descriptor.FullName)
                {
                    long[] seconds = [0, -1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + rnd.Next(-100000, 100000), 253402300799, -62135596800, 253402300800, long.MaxValue];
                    int[] nanos = [0, 0, 0, -1, 999_999_999, 1_000_000_000];
                    return new Timestamp { Seconds = seconds[rnd.Next(seconds.Length)], Nanos = nanos[rnd.Next(nanos.Length)] };
                }

                if (field.MessageType.FullName == Duration.Descriptor.FullName)
                {
                    long[] seconds = [0, 1, -1, 3600, 3601, 315576000000, long.MaxValue, 86400 * 400];
                    int[] nanos = [0, 0, 0, -1, 999_999_999, 1_000_000_000, 100_000_000];
                    return new Duration { Seconds = seconds[rnd.Next(seconds.Length)], Nanos = nanos[rnd.Next(nanos.Length)] };
                }

                var inner = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                Fill(inner, rnd, depth + 1);
                return inner;
            default:
                return null;
        }
    }
}
