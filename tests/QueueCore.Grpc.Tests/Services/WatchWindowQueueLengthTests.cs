using QueueCore.Grpc.Tests.Kit;
using QueueCore.Grpc.V1;
using Change = QueueCore.Grpc.V1.WindowUpdate.Types.Change;

namespace QueueCore.Grpc.Tests.Services;

/// <summary>
/// The queue length a window's stream shows beside each change is what the clerk sees waiting then (Terminal.GetQueue's
/// total), not the length read before the change: a ticket called, pushed, handed over or put back is counted where it is.
/// </summary>
public class WatchWindowQueueLengthTests(ITestOutputHelper output)
{
    private const string Hall = "hall-q";

    [Fact]
    public async Task WatchWindow_TransfersPushesOwnQueuesAndCalls_EachUpdateCountsWhatTheClerkSeesWaiting()
    {
        await using var server = await ServerKit.StartAsync(s =>
        {
            s.Output = output;
            s.Halls.Add(TestHalls.Small(Hall, windows: 3));
            Traffic.Unlimited(s);
        });
        var terminal = server.Terminal();
        await server.OpenAsync(Hall, 1, 2);
        using var two = terminal.WatchWindow(new() { Hall = Hall, Window = 2 });
        Assert.Equal(0, (await two.ResponseStream.NextAsync()).QueueLength);

        // Window 1 hands its ticket over to window 2, while another ticket waits for the item: two for window 2.
        var handed = await server.TakeAsync(Hall);
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded();
        await two.ResponseStream.NextMatchingAsync(u => u.Change == Change.Queue && u.QueueLength == 2);
        Assert.Equal(2, await WaitingForAsync(2));

        // Window 2 calls the ticket handed to it (its own queue comes first): one is left waiting, not two.
        Assert.Equal(handed.Id, (await terminal.CallNextAsync(new() { Hall = Hall, Window = 2 }).Bounded()).Id);
        await SeesAsync(two, Change.Called, 1);

        // A no-show leaves the window (and goes back to its own queue when the hall re-queues no-shows).
        await terminal.NoShowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await SeesAsync(two, Change.Finished, await WaitingForAsync(2));

        // Window 2 in auto mode, busy: its clerk finishes, and the hall pushes the next ticket at once.
        await terminal.CloseWindowAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        Assert.Equal(0, (await two.ResponseStream.NextMatchingAsync(u => u.Change == Change.Window)).QueueLength); // closed: none
        await terminal.OpenWindowAsync(new() { Hall = Hall, Window = 2, Auto = true }).Bounded();
        var pushed = await two.ResponseStream.NextMatchingAsync(u => u.Change == Change.Pushed);
        await AssertClerkSeesAsync(pushed);
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await SeesAsync(two, Change.Serving, await WaitingForAsync(2));
        await server.TakeAsync(Hall); // so a ticket waits to be pushed when the clerk finishes
        await terminal.FinishAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        pushed = await two.ResponseStream.NextMatchingAsync(u => u.Change == Change.Pushed);
        await AssertClerkSeesAsync(pushed);

        // A ticket handed over to the busy auto window waits in its own queue; pushed there when the window is free.
        await server.TakeAsync(Hall);
        await terminal.CallNextAsync(new() { Hall = Hall, Window = 1 }).Bounded();
        await terminal.TransferAsync(new() { Hall = Hall, Window = 1, TargetWindow = 2 }).Bounded();
        var length = await WaitingForAsync(2);
        await two.ResponseStream.NextMatchingAsync(u => u.Change == Change.Queue && u.QueueLength == length);
        await terminal.StartServingAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        await terminal.FinishAsync(new() { Hall = Hall, Window = 2 }).Bounded();
        pushed = await two.ResponseStream.NextMatchingAsync(u => u.Change == Change.Pushed);
        await AssertClerkSeesAsync(pushed);

        async Task SeesAsync(global::Grpc.Core.AsyncServerStreamingCall<WindowUpdate> stream, Change change, int length)
        {
            var update = await stream.ResponseStream.NextMatchingAsync(u => u.Change == change);
            Assert.True(length == update.QueueLength, $"{change} at {update.Sequence}: queue length {update.QueueLength}, the clerk sees {length} waiting");
            Assert.Equal(length, await WaitingForAsync(2));
        }

        async Task AssertClerkSeesAsync(WindowUpdate update)
        {
            var waiting = await WaitingForAsync(2);
            Assert.True(waiting == update.QueueLength, $"{update.Change} of {update.Ticket?.Number} at {update.Sequence}: queue length {update.QueueLength}, the clerk sees {waiting} waiting");
        }

        async Task<int> WaitingForAsync(int window) =>
            (await terminal.GetQueueAsync(new() { Hall = Hall, Window = window }).Bounded()).Total;
    }
}
