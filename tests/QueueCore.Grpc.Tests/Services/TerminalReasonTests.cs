using Grpc.Core;
using QueueCore.Grpc.Tests.Kit;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>A clerk's reason (pause, park, cancel) is limited to 200 characters as a person counts them, emoji included.</summary>
public class TerminalReasonTests(ITestOutputHelper output)
{
    private const string Hall = "reasons";

    private Task<ServerKit> StartAsync() => ServerKit.StartAsync(s =>
    {
        s.Output = output;
        s.Halls.Add(TestHalls.Small(Hall, windows: 3));
    });

    private static string Emoji(int count) => string.Concat(Enumerable.Repeat("😀", count));

    [Fact]
    public async Task PauseParkAndCancel_ReasonsOfEmojiWithinTheLimit_Accepted()
    {
        // 150 emoji were refused as "reason is longer than 200 characters": the limit counted UTF-16 code units.
        await using var server = await StartAsync();
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        var parked = await server.TakeAsync(Hall);
        var cancelled = await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 1 }).Bounded();

        await terminal.ParkAsync(new() { Hall = Hall, Window = 1, Reason = Emoji(150), Ticket = parked.Id }).Bounded();
        await terminal.CancelAsync(new() { Hall = Hall, Window = 2, Ticket = cancelled.Id, Reason = Emoji(200) }).Bounded();
        await terminal.PauseWindowAsync(new() { Hall = Hall, Window = 2, Reason = Emoji(150) }).Bounded();

        var snapshot = await server.Dashboard().GetSnapshotAsync(new() { Hall = Hall }).Bounded();
        Assert.Equal(Emoji(150), Assert.Single(snapshot.Parked).Note);
    }

    [Fact]
    public async Task PauseWindow_ReasonOfEmojiOverTheLimit_InvalidArgumentCountingCharacters()
    {
        await using var server = await StartAsync();
        await server.OpenAsync(Hall, 1);

        var e = await Rpc.FailsAsync(StatusCode.InvalidArgument,
            () => server.Terminal().PauseWindowAsync(new() { Hall = Hall, Window = 1, Reason = Emoji(201) }));

        Assert.Equal("reason is 201 characters long; at most 200 are accepted.", e.Status.Detail);
    }
}
