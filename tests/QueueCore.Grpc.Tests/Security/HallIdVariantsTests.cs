using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Security;

/// <summary>
/// Hall ids that look like the device's hall but are not it (another case, white space around it, an invisible or
/// look-alike character) neither reach that hall for a device of another hall nor slip past the scope: a device of hall
/// A is refused on each, a device of every hall is told there is no such hall, and nothing is issued.
/// </summary>
public class HallIdVariantsTests(ITestOutputHelper output)
{
    private const string HallB = "hall-b";

    public static TheoryData<string> Variants() =>
    [
        "HALL-B", "Hall-b", " hall-b", "hall-b ", "hall-b\u200b", "hall\u2010b", "hall-b\u00a0", "hall-ｂ",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task TakeTicket_HallIdLikeAnotherHall_DeviceOfOneHallRefused_DeviceOfEveryHallNotFound_NothingIssued(string variant)
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(TestDevices.HallA));
            s.Halls.Add(TestHalls.Small(HallB));
        });

        // Like another hall, and like the device's own (hall-a spelled so): neither is the device's hall.
        foreach (var hall in (string[])[variant, variant.Replace("b", "a", StringComparison.Ordinal).Replace("B", "A", StringComparison.Ordinal).Replace("ｂ", "ａ", StringComparison.Ordinal)])
        {
            var e = await Rpc.FailsAsync(StatusCode.PermissionDenied,
                () => server.Kiosk(TestDevices.KioskOfHallA).TakeTicketAsync(new() { Hall = hall, Services = { 1 } }));
            Assert.Contains("is not allowed to act on hall", e.Status.Detail, StringComparison.Ordinal);
            e = await Assert.ThrowsAsync<RpcException>(() => server.Kiosk().TakeTicketAsync(new() { Hall = hall, Services = { 1 } }).ResponseAsync.WaitAsync(Rpc.Timeout));
            Assert.True(e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument, e.Status.ToString());
        }

        // Nothing was issued in either hall: the first ticket of each is still number 1.
        Assert.Equal("A001", (await server.TakeAsync(HallB)).Number);
        Assert.Equal("A001", (await server.TakeAsync(TestDevices.HallA)).Number);
    }
}
