using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>
/// What the server's log holds at its usual levels (Information and above) after citizens' ordinary refusals: an
/// operator ships it to a log store that many read and keep for months, so no appointment code (a booking reference
/// that identifies a citizen) may be in it, and a citizen's refused command is not an error of the server.
/// </summary>
public class LogPrivacyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Log_AppointmentCheckedInTwiceAndRefused_NoErrorAndNoAppointmentCodeAtInformation()
    {
        const string code = "BK-PRIVATE-7731";
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.LogLevel = LogLevel.Information; // the server's own default level: what a deployment without a log config keeps
        });
        TakeTicketRequest CheckIn() => new()
        {
            Hall = TestHalls.Demo, Services = { 101 }, RequestId = Guid.NewGuid().ToString(),
            Appointment = new() { Code = code, Slot = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
        };

        await server.Kiosk().TakeTicketAsync(CheckIn()).Bounded();
        var refused = await Rpc.FailsAsync(StatusCode.AlreadyExists, () => server.Kiosk().TakeTicketAsync(CheckIn()));
        Assert.Contains(code, refused.Status.Detail, StringComparison.Ordinal); // the kiosk is told which booking

        Assert.Empty(server.ErrorLogs);
        Assert.DoesNotContain(server.Logs, line => line.Contains(code, StringComparison.OrdinalIgnoreCase));
    }
}
