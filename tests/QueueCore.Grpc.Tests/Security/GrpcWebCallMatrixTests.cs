using System.Net;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// The refusals of <see cref="CallMatrixTests"/> through gRPC-Web (HTTP/1.1, what the browser pages use), server streams
/// included: every call of every service without a key is Unauthenticated, by a role that does not belong there
/// PermissionDenied, for another hall PermissionDenied, each with its message; nothing is changed.
/// </summary>
public class GrpcWebCallMatrixTests(ITestOutputHelper output)
{
    private const string HallB = "hall-b";

    private static readonly (ServiceDescriptor Service, string[] Roles)[] Services =
    [
        (Kiosk.Descriptor, ["kiosk", "admin"]),
        (Terminal.Descriptor, ["terminal", "admin"]),
        (Display.Descriptor, ["display", "admin"]),
        (Evaluator.Descriptor, ["evaluator", "admin"]),
        (Dashboard.Descriptor, ["dashboard", "admin"]),
        (Admin.Descriptor, ["admin"]),
    ];

    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task EveryCall_OverGrpcWeb_WithoutKeyWrongRoleOrOtherHall_RefusedSayingWhy(GrpcWebMode mode)
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(TestDevices.HallA));
            s.Halls.Add(TestHalls.Small(HallB));
            Traffic.Unlimited(s);
        });
        using var channel = GrpcChannel.ForAddress(server.WebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(mode, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var before = await SequenceAsync(server);
        var calls = 0;

        foreach (var (service, roles) in Services)
        {
            foreach (var method in service.Methods)
            {
                var request = Request(method, HallB);
                foreach (var key in (string?[])[null, "not-a-device-key-0123456789"])
                {
                    Expect(await RawCalls.CallAsync(As(channel, key), method, request), StatusCode.Unauthenticated, "x-api-key", $"{key ?? "no key"} on {method.FullName}");
                    calls++;
                }

                foreach (var device in TestDevices.All.Where(d => !roles.Contains(d.Role)))
                {
                    Expect(await RawCalls.CallAsync(As(channel, device.Key), method, request), StatusCode.PermissionDenied,
                        $"Device '{device.Id}' (role {device.Role}) may not call", $"{device.Id} on {method.FullName}");
                    calls++;
                }

                foreach (var device in TestDevices.All.Where(d => roles.Contains(d.Role) && !d.Halls.Contains("*")))
                {
                    if (method.InputType.FindFieldByName("hall") is not null)
                    {
                        Expect(await RawCalls.CallAsync(As(channel, device.Key), method, request), StatusCode.PermissionDenied,
                            $"is not allowed to act on hall '{HallB}'", $"{device.Id} on {method.FullName}");
                        calls++;
                    }
                }
            }
        }

        output.WriteLine($"{calls} calls");
        Assert.Equal(before, await SequenceAsync(server));
    }

    private static CallInvoker As(GrpcChannel channel, string? key) => key is null
        ? channel.CreateCallInvoker()
        : channel.Intercept(metadata =>
        {
            metadata.Add("x-api-key", key);
            return metadata;
        });

    private static async Task<long> SequenceAsync(ServerKit server) =>
        (await server.Dashboard(TestDevices.Admin).GetSnapshotAsync(new() { Hall = HallB }).Bounded()).Sequence;

    private static byte[] Request(MethodDescriptor method, string hall)
    {
        var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
        method.InputType.FindFieldByName("hall")?.Accessor.SetValue(request, hall);
        if (method.InputType.FindFieldByName("window") is { FieldType: FieldType.Int32 } window)
        {
            window.Accessor.SetValue(request, 1);
        }

        return request.ToByteArray();
    }

    private static void Expect(RpcException? e, StatusCode code, string says, string who)
    {
        Assert.True(e is not null, $"{who}: let through, expected {code}");
        Assert.True(e.StatusCode == code, $"{who}: expected {code}, got {e.Status}");
        Assert.Contains(says, e.Status.Detail, StringComparison.Ordinal);
    }
}
