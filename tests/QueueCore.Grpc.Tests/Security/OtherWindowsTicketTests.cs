using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// A terminal bound to window 1 names its own window but another window's ticket (the citizen called to window 2),
/// through every terminal call that takes a ticket: each is refused saying why, and the ticket stays where it is.
/// The window binding is checked on the window field; this checks that the ticket field cannot reach past it.
/// </summary>
public class OtherWindowsTicketTests(ITestOutputHelper output)
{
    private const string Hall = "hall-w";

    [Fact]
    public async Task EveryTerminalCallWithATicket_BoundToWindow1_TicketAtWindow2_RefusedAndTheTicketStays()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 2));
            Traffic.Unlimited(s);
        });
        await server.OpenAsync(Hall, 1, 2);
        var called = await server.CallAsync(Hall, window: 2);
        var before = await server.Dashboard(TestDevices.Admin).GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        var invoker = server.As(TestDevices.TerminalOfWindow1);
        // WindowRequest's ticket is ignored by the calls about the window itself (terminal.proto): those act on window 1.
        string[] windowOnly = ["ResumeWindow", "CloseWindow", "WatchWindow", "GetWindowInfo"];
        var methods = Terminal.Descriptor.Methods
            .Where(m => m.InputType.FindFieldByName("ticket") is { FieldType: FieldType.Int64 } && !windowOnly.Contains(m.Name))
            .ToList();
        Assert.True(methods.Count >= 10, string.Join(", ", methods.Select(m => m.Name)));

        foreach (var method in methods)
        {
            var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
            method.InputType.FindFieldByName("hall").Accessor.SetValue(request, Hall);
            method.InputType.FindFieldByName("window").Accessor.SetValue(request, 1);
            method.InputType.FindFieldByName("ticket").Accessor.SetValue(request, called.Id);
            if (request is TransferRequest transfer)
            {
                transfer.Service = 2;
            }

            var e = await RawCalls.CallAsync(invoker, method, request.ToByteArray());
            output.WriteLine($"{method.Name}: {e?.Status.ToString() ?? "OK"}");
            Assert.True(e is { StatusCode: StatusCode.FailedPrecondition or StatusCode.PermissionDenied or StatusCode.NotFound or StatusCode.InvalidArgument },
                $"{method.Name} of window 2's ticket from window 1: {e?.Status.ToString() ?? "carried out"}");
            Assert.False(string.IsNullOrWhiteSpace(e!.Status.Detail), method.Name);

            var now = await server.Kiosk().GetTicketAsync(new() { Hall = Hall, Ticket = called.Id }).Bounded();
            Assert.True((now.State, now.Window) == (called.State, 2), $"{method.Name}: the ticket is now {now.State} at window {now.Window}");
        }

        Assert.Equal(before.Sequence, (await server.Dashboard(TestDevices.Admin).GetSnapshotAsync(new() { Hall = Hall }).Bounded()).Sequence);
    }
}
