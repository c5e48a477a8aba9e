using System.Collections.Concurrent;

namespace QueueCore.Tests.Engine;

/// <summary>A hall removed while threads command it, read it and subscribe to it; its neighbours go on.</summary>
public class HallRemovalConcurrencyTests
{
    [Fact]
    public async Task RemoveHallAsync_WhileThreadsCommandReadAndSubscribe_EachCallSucceedsOrSaysTheHallIsGone()
    {
        var threads = Math.Max(4, Environment.ProcessorCount * 2);
        // The history reaches back as far as the watcher's buffer: a reader resuming after sequence 1 is owed its events
        // (or the end), not Lagged, however many commands the workers got in before the removal (on a loaded machine,
        // with callers applying their own commands, more than the default 1,024).
        await using var engine = new QueueEngine(EngineTestKit.Options(shards: 2) with { HistorySize = 1 << 16 });
        var removed = engine.AddHall(EngineTestKit.Hall("gone", windows: 2));
        var neighbour = engine.AddHall(EngineTestKit.Hall("next", windows: 2));
        engine.Start();
        using var watched = removed.Subscribe(bufferSize: 1 << 16);
        await EngineTestKit.OpenAsync(removed, 1, 2);
        await EngineTestKit.OpenAsync(neighbour, 1);
        var issued = new ConcurrentBag<long>();
        var done = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            var gone = false;
            for (var i = 0; ; i++)
            {
                if (i == 50)
                {
                    go.TrySetResult();
                }

                switch (random.Next(4))
                {
                    case 0:
                        try
                        {
                            await removed.GetSnapshotAsync().Bounded();
                            Assert.False(gone, "a snapshot of the hall after a command was told it is gone");
                        }
                        catch (InvalidOperationException)
                        {
                            gone = true; // the documented answer for a removed hall
                        }

                        break;
                    case 1:
                        using (var resumed = removed.Subscribe(afterSequence: 1))
                        {
                            var read = await resumed.ReadAsync().Bounded();
                            Assert.True(read.Status is EventReadStatus.Event or EventReadStatus.Completed, read.Status.ToString());
                        }

                        break;
                    default:
                        var kind = random.Next(3);
                        var result = await (kind switch
                        {
                            0 => removed.IssueTicketAsync(1),
                            1 => removed.FinishAndCallNextAsync(1 + random.Next(2)),
                            _ => removed.StartServingAsync(1 + random.Next(2)),
                        }).Bounded();
                        if (result.Error == QueueError.UnknownHall)
                        {
                            Assert.Contains("gone", result.Message, StringComparison.Ordinal);
                            gone = true;
                            if (Interlocked.Increment(ref done) >= threads * 5)
                            {
                                return;
                            }

                            break;
                        }

                        Assert.False(gone && result.IsSuccess, $"{result} after the hall was gone");
                        if (result.IsSuccess && kind == 0)
                        {
                            issued.Add(result.Ticket);
                        }

                        break;
                }
            }
        })).ToArray();
        var neighbours = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.True((await neighbour.IssueTicketAsync(1).Bounded()).IsSuccess);
                Assert.True((await neighbour.FinishAndCallNextAsync(1).Bounded()).IsSuccess);
            }
        });

        await go.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await engine.RemoveHallAsync("gone").Bounded());
        await Task.WhenAll([.. workers, neighbours]).WaitAsync(TimeSpan.FromSeconds(60));

        // The watcher read every event up to the removal, then the end: every ticket a caller was given among them.
        var tickets = new HashSet<long>();
        var expected = 1L;
        while (true)
        {
            var read = await watched.ReadAsync().Bounded();
            if (read.Status == EventReadStatus.Completed)
            {
                break;
            }

            Assert.Equal(EventReadStatus.Event, read.Status);
            Assert.Equal(expected++, read.Event.Sequence);
            if (read.Event.Kind == HallEventKind.TicketIssued)
            {
                tickets.Add(read.Event.Ticket);
            }
        }

        Assert.Equal(issued.Order(), tickets.Order());
        Assert.Equal(QueueError.None, (await neighbour.IssueTicketAsync(1).Bounded()).Error);
        Assert.Equal(["next"], engine.HallIds);
    }
}
