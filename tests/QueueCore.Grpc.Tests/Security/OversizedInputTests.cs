using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// Oversized input on every call of every service, as an admin that may make each: a string field of 1.5 million
/// characters (under the server's 2 MiB request limit), a repeated field of hundreds of thousands of entries, a request
/// over the limit, a hall's JSON nested thousands deep. Each is refused (or answered) with a status a client can act on
/// and a short message (never the input echoed back), the hall is unchanged and the server goes on serving.
/// </summary>
public class OversizedInputTests(ITestOutputHelper output)
{
    private const string Hall = "hall-o";
    private const int HugeString = 1_500_000;
    private const int HugeRepeated = 300_000;

    private static readonly ServiceDescriptor[] Services =
        [Kiosk.Descriptor, Terminal.Descriptor, Display.Descriptor, Evaluator.Descriptor, Dashboard.Descriptor, Admin.Descriptor];

    [Fact]
    public async Task HugeStringOrRepeatedField_EveryCall_RefusedWithAShortMessage_HallUnchanged_ServerGoesOn()
    {
        await using var server = await StartAsync();
        var before = await SequenceAsync(server);
        var failures = new List<string>();
        var calls = 0;

        foreach (var method in Services.SelectMany(s => s.Methods))
        {
            foreach (var (path, request) in Oversized(method))
            {
                var e = await RawCalls.CallAsync(server.As(TestDevices.Admin), method, request.ToByteArray());
                calls++;
                var code = e?.StatusCode ?? StatusCode.OK;
                output.WriteLine($"{method.FullName} {path}: {code} {Clip(e?.Status.Detail)}");
                if (code is StatusCode.Unknown or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
                    || (e is not null && (string.IsNullOrWhiteSpace(e.Status.Detail) || e.Status.Detail.Length > 2048)))
                {
                    failures.Add($"{method.FullName} {path}: {code} ({e?.Status.Detail.Length} characters) {Clip(e?.Status.Detail)}");
                }
            }
        }

        output.WriteLine($"{calls} calls");
        Assert.Empty(failures);
        Assert.Equal(before, await SequenceAsync(server));
        Assert.Empty(server.ErrorLogs);
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task RequestOverTheLimit_ResourceExhaustedSayingSo_ServerGoesOn()
    {
        await using var server = await StartAsync();
        var before = await SequenceAsync(server);
        var huge = new string('x', 3_000_000);

        var e = await Rpc.FailsAsync(StatusCode.ResourceExhausted, () => server.Admin().AddHallAsync(new() { Json = huge }));
        Assert.Contains("exceeds the maximum", e.Status.Detail, StringComparison.Ordinal);
        using (var screen = server.Display().Watch(new() { Hall = Hall, Timeline = huge }))
        {
            await screen.ResponseStream.EndsWithAsync(StatusCode.ResourceExhausted);
        }

        Assert.Equal(before, await SequenceAsync(server));
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
    }

    [Fact]
    public async Task AddHall_JsonNestedThousandsDeep_InvalidArgument_ServerGoesOn()
    {
        await using var server = await StartAsync();
        const int depth = 100_000;
        var json = "{\"Id\":\"deep\",\"Services\":" + new string('[', depth) + new string(']', depth) + "}";

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument, () => server.Admin().AddHallAsync(new() { Json = json }));
        Assert.InRange(e.Status.Detail.Length, 1, 2048);
        Assert.Equal("A001", (await server.TakeAsync(Hall)).Number);
        Assert.Empty(server.ErrorLogs);
    }

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 2));
        Traffic.Unlimited(s);
    });

    private static async Task<long> SequenceAsync(ServerKit server) =>
        (await server.Dashboard(TestDevices.Admin).GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Sequence;

    /// <summary>
    /// The method's request, for each string field (also one level down) set to a huge string and each repeated field
    /// given a huge count, the rest as a valid request would have it (the hall, window 1).
    /// </summary>
    private static IEnumerable<(string Path, IMessage Request)> Oversized(MethodDescriptor method)
    {
        foreach (var field in method.InputType.Fields.InDeclarationOrder())
        {
            foreach (var (path, fill) in Fills(field, field.Name, 0))
            {
                var request = Base(method);
                fill(request);
                yield return (path, request);
            }
        }
    }

    private static IEnumerable<(string Path, Action<IMessage> Fill)> Fills(FieldDescriptor field, string path, int depth)
    {
        if (field.IsRepeated)
        {
            yield return ($"{path}[{HugeRepeated}]", m =>
            {
                var list = (IList)field.Accessor.GetValue(m);
                for (var i = 0; i < HugeRepeated; i++)
                {
                    list.Add(field.FieldType switch
                    {
                        FieldType.Int32 => (object)(i + 1),
                        FieldType.String => "x",
                        FieldType.Message => Activator.CreateInstance(field.MessageType.ClrType)!,
                        _ => throw new InvalidOperationException(field.FullName),
                    });
                }
            });
        }
        else if (field.FieldType == FieldType.String)
        {
            yield return ($"{path} ({HugeString} characters)", m => field.Accessor.SetValue(m, new string('x', HugeString)));
        }
        else if (field.FieldType == FieldType.Message && depth == 0 && field.MessageType.File.Package == "queuecore.v1")
        {
            foreach (var inner in field.MessageType.Fields.InDeclarationOrder())
            {
                foreach (var (innerPath, fill) in Fills(inner, $"{path}.{inner.Name}", depth + 1))
                {
                    yield return (innerPath, m =>
                    {
                        var child = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                        fill(child);
                        field.Accessor.SetValue(m, child);
                    });
                }
            }
        }
    }

    private static IMessage Base(MethodDescriptor method)
    {
        var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
        method.InputType.FindFieldByName("hall")?.Accessor.SetValue(request, Hall);
        if (method.InputType.FindFieldByName("window") is { FieldType: FieldType.Int32 } window)
        {
            window.Accessor.SetValue(request, 1);
        }

        return request;
    }

    private static string? Clip(string? text) => text is { Length: > 200 } ? text[..200] + "..." : text;
}
