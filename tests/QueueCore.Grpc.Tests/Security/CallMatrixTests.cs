using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// Every call of every service, as every device, with no key and with a key nobody holds, on the device's own hall,
/// another hall and a hall that does not exist: each is let through (and answered by the service, here NotFound for
/// the hall that does not exist) or refused with Unauthenticated or PermissionDenied and a message that says why; a
/// refused call changes nothing. The services are read from the contracts, so a call added later is in the matrix too.
/// </summary>
public class CallMatrixTests(ITestOutputHelper output)
{
    private const string HallB = "hall-b";
    private const string NoSuchHall = "no-such-hall";

    /// <summary>The services and the roles each admits.</summary>
    private static readonly (ServiceDescriptor Service, string[] Roles)[] Services =
    [
        (Kiosk.Descriptor, ["kiosk", "admin"]),
        (Terminal.Descriptor, ["terminal", "admin"]),
        (Display.Descriptor, ["display", "admin"]),
        (Evaluator.Descriptor, ["evaluator", "admin"]),
        (Dashboard.Descriptor, ["dashboard", "admin"]),
        (Admin.Descriptor, ["admin"]),
    ];

    [Fact]
    public async Task EveryCall_EveryDeviceKeyAndHall_AllowedOrRefusedSayingWhy_RefusalsChangeNothing()
    {
        await using var server = await StartAsync();
        var before = await SequencesAsync(server);
        var calls = 0;

        foreach (var (service, roles) in Services)
        {
            Assert.Equal(service.FullName, service.File.Package + "." + service.Name); // the contracts as the server serves them
            foreach (var method in service.Methods)
            {
                var hallField = method.InputType.FindFieldByName("hall");
                var windowField = method.InputType.FindFieldByName("window") is { FieldType: FieldType.Int32 } w ? w : null; // not PutWindow's definition

                // No key, and a key no device holds: Unauthenticated, saying how to send one.
                foreach (var key in (string?[])[null, "not-a-device-key-0123456789"])
                {
                    var e = await RawCalls.CallAsync(server.As(key), method, Request(method, hallField, HallB, windowField, 1));
                    Expect(e, StatusCode.Unauthenticated, "x-api-key", method, key ?? "no key");
                    calls++;
                }

                foreach (var device in TestDevices.All)
                {
                    var who = $"{device.Id} on {method.FullName}";
                    var invoker = server.As(device);
                    if (!roles.Contains(device.Role))
                    {
                        var e = await RawCalls.CallAsync(invoker, method, Request(method, hallField, HallB, windowField, 1));
                        Expect(e, StatusCode.PermissionDenied, $"Device '{device.Id}' (role {device.Role}) may not call", method, who);
                        calls++;
                        continue;
                    }

                    if (hallField is null)
                    {
                        // Not about one hall (ListHalls, SuggestHalls, AddHall): let through; an empty request is answered
                        // by the service (a list, or InvalidArgument naming what is missing), never with a refusal.
                        var e = await RawCalls.CallAsync(invoker, method, Request(method, null, "", null, 0));
                        Assert.True(e is null || e.StatusCode == StatusCode.InvalidArgument, $"{who}: {e?.Status}");
                        calls++;
                        continue;
                    }

                    var allHalls = device.Halls.Contains("*");
                    var window = device.Window > 0 ? device.Window : 1;

                    // Another hall: only a device of every hall is let through (the hall exists, so the call would act on
                    // it: only the refusals are made here).
                    if (!allHalls)
                    {
                        var e = await RawCalls.CallAsync(invoker, method, Request(method, hallField, HallB, windowField, window));
                        Expect(e, StatusCode.PermissionDenied, $"Device '{device.Id}' is not allowed to act on hall '{HallB}'", method, who);
                        calls++;
                    }

                    // Another window, for a device bound to one.
                    if (device.Window > 0 && windowField is not null)
                    {
                        var e = await RawCalls.CallAsync(invoker, method, Request(method, hallField, HallB, windowField, device.Window + 1));
                        Expect(e, StatusCode.PermissionDenied, $"is bound to window {device.Window} and may not act on window {device.Window + 1}", method, who);
                        calls++;
                    }

                    // A hall that does not exist: refused for a device of other halls, NotFound (from the service) for one
                    // of every hall.
                    {
                        var e = await RawCalls.CallAsync(invoker, method, Request(method, hallField, NoSuchHall, windowField, window));
                        if (allHalls)
                        {
                            Assert.True(e is { StatusCode: StatusCode.NotFound or StatusCode.InvalidArgument }, $"{who} on a hall that does not exist: {e?.Status}");
                        }
                        else
                        {
                            Expect(e, StatusCode.PermissionDenied, $"is not allowed to act on hall '{NoSuchHall}'", method, who);
                        }

                        calls++;
                    }
                }
            }
        }

        output.WriteLine($"{calls} calls");
        Assert.Equal(before, await SequencesAsync(server));
        Assert.Empty(server.ErrorLogs);
    }

    [Fact]
    public async Task DeviceRevokedOrMovedAtRunTime_ItsNextCallsRefusedSayingWhy_TheOthersGoOn()
    {
        await using var server = await StartAsync();
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        int Index(TestDevice device) => Enumerable.Range(0, 64).First(i => configuration[$"QueueCoreServer:Devices:{i}:Id"] == device.Id);

        // The hall-A terminal is moved to hall B, the dashboard's key revoked, the kiosk made a display.
        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.TerminalOfHallA)}:Halls:0"] = HallB;
        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Dashboard)}:Key"] = "dashboard-key-replaced-0001";
        configuration[$"QueueCoreServer:Devices:{Index(TestDevices.Kiosk)}:Role"] = "display";
        configuration.Reload();
        var before = await SequencesAsync(server);

        var moved = server.Terminal(TestDevices.TerminalOfHallA);
        var e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => moved.OpenWindowAsync(new() { Hall = TestDevices.HallA, Window = 1 }));
        Assert.Contains($"not allowed to act on hall '{TestDevices.HallA}'", e.Status.Detail, StringComparison.Ordinal);
        e = await Rpc.FailsAsync(StatusCode.Unauthenticated, () => server.Dashboard().GetSnapshotAsync(new() { Hall = HallB }));
        Assert.Contains("not a known device's key", e.Status.Detail, StringComparison.Ordinal);
        e = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => server.Kiosk().TakeTicketAsync(new() { Hall = HallB, Services = { 1 } }));
        Assert.Contains("(role display) may not call /queuecore.v1.Kiosk/TakeTicket", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await SequencesAsync(server));

        // Where the devices now belong, they are let in; the devices left alone go on.
        await moved.OpenWindowAsync(new() { Hall = HallB, Window = 1 }).Bounded();
        using var screen = new Display.DisplayClient(server.As(TestDevices.Kiosk)).Watch(new() { Hall = HallB });
        Assert.Equal(HallB, (await screen.ResponseStream.NextAsync()).Snapshot.Hall);
        Assert.Equal("A001", (await server.Kiosk(TestDevices.KioskOfHallA).TakeTicketAsync(new() { Hall = TestDevices.HallA, Services = { 1 } }).Bounded()).Number);
    }

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(TestDevices.HallA));
        s.Halls.Add(TestHalls.Small(HallB));
        Traffic.Unlimited(s);
    });

    /// <summary>Each hall's sequence (its last event), read by the admin: what any change would move.</summary>
    private static async Task<(long, long)> SequencesAsync(ServerKit server) => (
        (await server.Dashboard(TestDevices.Admin).GetSnapshotAsync(new() { Hall = TestDevices.HallA }).Bounded()).Sequence,
        (await server.Dashboard(TestDevices.Admin).GetSnapshotAsync(new() { Hall = HallB }).Bounded()).Sequence);

    private static byte[] Request(MethodDescriptor method, FieldDescriptor? hallField, string hall, FieldDescriptor? windowField, int window)
    {
        var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
        hallField?.Accessor.SetValue(request, hall);
        if (windowField is not null && window > 0)
        {
            windowField.Accessor.SetValue(request, window);
        }

        return request.ToByteArray();
    }

    private static void Expect(RpcException? e, StatusCode code, string says, MethodDescriptor method, string who)
    {
        Assert.True(e is not null, $"{who} on {method.FullName}: let through, expected {code}");
        Assert.True(e.StatusCode == code, $"{who} on {method.FullName}: expected {code}, got {e.Status}");
        Assert.Contains(says, e.Status.Detail, StringComparison.Ordinal);
    }
}
