using MessagePack;
using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Audit;

/// <summary>
/// Second audit: a hall run through the engine (one producer, a fake clock) answers exactly as a plain
/// <see cref="Hall"/> given the same commands and instants, while it is redefined, saved, removed and added back from its
/// state, and commands are retried with their request ids: no ticket lost, the same results and events.
/// </summary>
public class EngineTwinAuditTests
{
    private static HallDefinition Def(int variant) => new()
    {
        Id = "twin",
        Categories = [new() { Id = "A", Prefix = "A" }, new() { Id = "B", Prefix = "B" }],
        Services = variant == 1
            ? [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }, new() { Id = 4, Category = "B" }]
            : [new() { Id = 1, Category = "A" }, new() { Id = 2, Category = "A" }, new() { Id = 3, Category = "B" }],
        Windows = variant switch
        {
            1 => [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Skills = [new() { Service = 2 }, new() { Category = "B" }] },
                  new() { Id = 3, Skills = [new() { Service = 3 }] }, new() { Id = 4, Comprehensive = true, AutoAssign = true }],
            2 => [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Skills = [new() { Service = 2 }] }],
            _ => [new() { Id = 1, Comprehensive = true }, new() { Id = 2, Skills = [new() { Service = 2 }, new() { Category = "B" }] },
                  new() { Id = 3, Skills = [new() { Service = 3 }] }],
        },
        RememberedRequests = 32,
        Priority = new() { MaxWait = null },
        Park = new() { AutoResumeAfter = null },
        NoShow = new() { CallBackAfter = TimeSpan.FromHours(20) },
    };

    private static HallCommand Random(Random r)
    {
        var w = r.Next(1, 5);
        var ticket = r.Next(1, 30);
        return r.Next(20) switch
        {
            0 or 1 or 2 => HallCommand.IssueTicket(r.Next(1, 5), age: (byte)(r.Next(4) == 0 ? 75 : 30)),
            3 => HallCommand.IssueTicket(new ServiceItemList([r.Next(1, 3), r.Next(3, 5)])),
            4 or 5 => HallCommand.CallNext(w),
            6 => HallCommand.StartServing(w),
            7 => HallCommand.Finish(w),
            8 => HallCommand.NoShow(w),
            9 => HallCommand.TransferToService(w, r.Next(1, 5)),
            10 => HallCommand.Park(w, "doc"),
            11 => HallCommand.OpenWindow(w, 100 + w, auto: r.Next(3) == 0),
            12 => HallCommand.CloseWindow(w),
            13 => HallCommand.FinishAndCallNext(w),
            14 => HallCommand.TransferToWindow(w, r.Next(1, 5)),
            15 => HallCommand.ResumeParked(ticket),
            16 => HallCommand.Cancel(ticket),
            17 => HallCommand.Recall(w),
            18 => r.Next(12) == 0 ? HallCommand.CloseDay(r.Next(2) == 0 ? DayClosePolicy.ServeRemaining : DayClosePolicy.CancelWaiting) : HallCommand.OpenDay(),
            _ => HallCommand.QueryTicket(ticket),
        };
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EngineAnswersAsThePlainHall_ThroughRedefinitionsSavesAndAddBacks(int seed)
    {
        var r = new Random(seed);
        var time = new FakeTimeProvider(EngineTestKit.Morning);
        await using var engine = new QueueEngine(EngineTestKit.Options(1), time);
        var handle = engine.AddHall(Def(0));
        engine.Start();
        var twin = new Hall(Def(0));
        var events = handle.Subscribe();
        var sent = new List<HallCommand>();
        var variant = 0;
        try
        {
            for (var i = 0; i < 400; i++)
            {
                time.Advance(TimeSpan.FromSeconds(r.Next(0, 90)));
                var now = time.GetUtcNow();
                var step = r.Next(40);
                if (step == 0)
                {
                    var next = r.Next(3);
                    Exception? expected = null;
                    try
                    {
                        twin = twin.Redefine(Def(next), now);
                    }
                    catch (ArgumentException e)
                    {
                        expected = e;
                    }

                    try
                    {
                        await handle.RedefineAsync(Def(next)).Bounded();
                        Assert.True(expected is null, $"step {i}: the engine took the definition the hall refused: {expected?.Message}");
                        variant = next;
                    }
                    catch (ArgumentException e)
                    {
                        Assert.True(expected is not null, $"step {i}: the engine refused what the hall took: {e.Message}");
                        Assert.Equal(expected!.Message, e.Message);
                        continue;
                    }

                    await Follow(events, twin, $"step {i} redefine");
                    continue;
                }

                if (step == 1)
                {
                    var state = await handle.SaveStateAsync().Bounded();
                    events.Dispose();
                    Assert.True(await engine.RemoveHallAsync("twin").Bounded());
                    var bytes = MessagePackSerializer.Serialize(state);
                    handle = engine.AddHall(Def(variant), MessagePackSerializer.Deserialize<HallState>(bytes));
                    events = handle.Subscribe(afterSequence: state.Sequence);
                    twin = Hall.Restore(Def(variant), twin.SaveState());
                    continue;
                }

                var command = step < 6 && sent.Count > 0 && sent.Exists(c => c.RequestId != Guid.Empty)
                    ? sent.FindAll(c => c.RequestId != Guid.Empty)[r.Next(sent.Count(c => c.RequestId != Guid.Empty))]
                    : step < 12 ? Random(r).WithRequestId(new Guid(r.Next(), 7, 7, 7, 7, 7, 7, 7, 7, 7, 7)) : Random(r);
                sent.Add(command);
                var expectedResult = twin.Apply(command, now);
                var got = await handle.SubmitAsync(command).Bounded();
                Assert.True(expectedResult == got, $"seed {seed} step {i} {command.Kind}: hall {expectedResult} vs engine {got}");
                await Follow(events, twin, $"step {i} {command.Kind}");
            }
        }
        finally
        {
            events.Dispose();
        }
    }

    /// <summary>Reads the engine's events of the last change and checks they are the twin's last ones, and nothing more.</summary>
    private static async Task Follow(EventSubscription events, Hall twin, string where)
    {
        var expected = twin.LastEvents.ToArray();
        var got = new List<HallEvent>();
        while (got.Count < expected.Length)
        {
            var read = await events.ReadAsync().Bounded();
            Assert.True(read.Status == EventReadStatus.Event, $"{where}: {read.Status}");
            got.Add(read.Event);
        }

        Assert.False(events.TryRead(out var extra), $"{where}: an extra event {extra}");
        Assert.True(expected.SequenceEqual(got), $"{where}: hall [{string.Join(", ", expected)}] vs engine [{string.Join(", ", got)}]");
    }
}
