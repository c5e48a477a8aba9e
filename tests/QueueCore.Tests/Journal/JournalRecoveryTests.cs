using QueueCore.Tests.Engine;
using QueueCore.Tests.Snapshots;

namespace QueueCore.Tests.Journal;

/// <summary>
/// An engine with a journal, stopped and started again, has the identical halls: the same tickets, order, numbering,
/// windows, timers, request ids and statistics, across segment roll-overs, snapshots and another shard count.
/// </summary>
public sealed class JournalRecoveryTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Theory]
    [InlineData(JournalMode.Durable)]
    [InlineData(JournalMode.Batched)]
    public async Task Restart_ManyCommandsOverSeveralHalls_HallsIdenticalEvenOnAnotherShardCount(JournalMode mode)
    {
        string[] ids = ["east", "north", "west"];
        var before = new Dictionary<string, string>();
        HallCommand retried = default;
        CommandResult first = default;
        await using (var engine = _kit.Engine(shards: 2, mode, segmentBytes: 64 << 10))
        {
            var halls = ids.Select(id => engine.AddHall(JournalKit.Hall(id))).ToArray();
            engine.Start();
            var random = new Random(7);
            var tickets = ids.ToDictionary(id => id, _ => new List<long>());
            foreach (var hall in halls)
            {
                Assert.True((await hall.OpenDayAsync()).IsSuccess);
            }

            for (var i = 0; i < 4000; i++)
            {
                var hall = halls[random.Next(halls.Length)];
                var command = RandomHallTraffic.Next(random, tickets[hall.Id], TimeProvider.System.GetUtcNow());
                var result = await hall.SubmitAsync(command);
                if (result.Ticket != 0 && !tickets[hall.Id].Contains(result.Ticket))
                {
                    tickets[hall.Id].Add(result.Ticket);
                }

                if (command.Kind == CommandKind.IssueTicket && result.IsSuccess && retried.Kind == CommandKind.None && hall.Id == "east")
                {
                    retried = command with { RequestId = Guid.NewGuid() };
                    first = await hall.SubmitAsync(retried);
                }
            }

            foreach (var hall in halls)
            {
                before[hall.Id] = await JournalKit.StateJson(hall);
            }
        }

        Assert.True(_kit.Segments().Length >= 2, "the journal rolled over to new segments");
        foreach (var shards in new[] { 2, 1 })
        {
            await using var engine = _kit.Engine(shards, mode, segmentBytes: 64 << 10);
            engine.Start();
            Assert.Equal(ids, engine.Recovery!.Halls);
            Assert.Empty(engine.Recovery.Damage);
            foreach (var id in ids)
            {
                Assert.True(engine.TryGetHall(id, out var hall));
                Assert.Equal(before[id], await JournalKit.StateJson(hall));
            }

            Assert.True(engine.TryGetHall("east", out var east));
            var again = await east.SubmitAsync(retried);
            Assert.Equal((first.Ticket, first.Number), (again.Ticket, again.Number)); // a retry after the restart gets its first answer
            before["east"] = await JournalKit.StateJson(east);
        }

        Assert.Single(Directory.GetDirectories(_kit.Directory, "gen-*")); // one generation left: the older ones went to the archive
        Assert.Equal(2, Directory.GetDirectories(_kit.Archive, "gen-*").Length); // generations 1 and 2, kept for the export
    }

    [Fact]
    public async Task Restart_AfterAKioskQueriedATicketLater_HallIdentical_EvenWhenTheClockThenStepsBack()
    {
        // A query is not journaled (it changes nothing), yet it moved the hall's clock: the recovered hall's clock was
        // the last journaled command's, and a call made after the wall clock stepped back was replayed at another
        // instant (the ticket's call time and the window's figures differed after the restart).
        var time = new SteppingClock(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        QueueEngine Engine() => new(new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = _kit.Directory } }, time);
        string before;
        await using (var engine = Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, clerk: 7, auto: false);
            var ticket = await hall.IssueTicketAsync(new ServiceItemList([1]));
            time.Now += TimeSpan.FromMinutes(3);
            Assert.True((await hall.QueryTicketAsync(ticket.Ticket)).IsSuccess); // a kiosk asks how long still
            time.Now -= TimeSpan.FromMinutes(2); // the wall clock is corrected backwards
            Assert.True((await hall.CallNextAsync(1)).IsSuccess);
            before = await JournalKit.StateJson(hall);
        }

        await using var again = Engine();
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Equal(before, await JournalKit.StateJson(recovered));
    }

    [Fact]
    public async Task Restart_HallWithoutMaxWaitAutoResumeOrAppointmentClass_StillWithoutThem()
    {
        // The journal's hall record left out every null setting, and reading it back gave those three their defaults: a
        // hall configured with no starvation guard had a 60-minute one after a restart (and parked tickets came back by
        // themselves after 30 minutes, and on-time appointments got priority), so it called in another order.
        var definition = JournalKit.Hall("h") with
        {
            Priority = new PriorityPolicy { MaxWait = null, AppointmentClass = null },
            Park = new ParkPolicy { AutoResumeAfter = null },
        };
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(definition);
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
        }

        await using var again = _kit.Engine();
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Null(recovered.Definition.Priority.MaxWait);
        Assert.Null(recovered.Definition.Priority.AppointmentClass);
        Assert.Null(recovered.Definition.Park.AutoResumeAfter);
        Assert.Equal(HallConfiguration.ToJson(definition), HallConfiguration.ToJson(recovered.Definition));
    }

    [Fact]
    public async Task Restart_JournalWrittenWhileCodesWereMatchedExactly_ReplaysAsWritten_ThenMatchesIgnoringCaseAndSpaces()
    {
        // A hall whose journal was written when appointment codes were matched exactly ("ab12" after "AB12" was a second
        // appointment, with its own ticket): recovery replays it to the same hall, both tickets; from the restart on the
        // hall matches codes ignoring case and the white space around them, and goes on doing so after the next restart.
        var definition = JournalKit.Hall("h");
        var slot = TimeProvider.System.GetUtcNow();
        HallCommand CheckIn(string code) => HallCommand.IssueTicket(new ServiceItemList([1]), appointment: code, appointmentSlot: slot);
        string before;
        await using (var engine = _kit.Engine())
        {
            var old = new Hall(definition);
            old.Apply(HallCommand.OpenDay(), slot);
            var hall = engine.AddHall(definition, old.SaveState() with { AppointmentReferencesIgnoreCase = false }); // as saved then
            engine.Start();
            Assert.True((await hall.SubmitAsync(CheckIn("AB12"))).IsSuccess);
            Assert.True((await hall.SubmitAsync(CheckIn("ab12"))).IsSuccess);
            before = Besides(await hall.SaveStateAsync());
        }

        await using (var again = _kit.Engine())
        {
            again.Start();
            Assert.True(again.TryGetHall("h", out var recovered));
            Assert.Equal(before, Besides(await recovered.SaveStateAsync())); // the same tickets, A001 and A002
            Assert.Equal(QueueError.AlreadyCheckedIn, (await recovered.SubmitAsync(CheckIn(" aB12 "))).Error);
            Assert.True((await recovered.SubmitAsync(CheckIn("cd34"))).IsSuccess);
        }

        await using var third = _kit.Engine();
        third.Start();
        Assert.True(third.TryGetHall("h", out var h));
        Assert.Equal(2 + 1, (await h.GetSnapshotAsync()).Waiting.Count);
        Assert.Equal(QueueError.AlreadyCheckedIn, (await h.SubmitAsync(CheckIn("CD34"))).Error);

        // The rule and the day's codes as the rule keeps them (one entry for AB12 and ab12 under the new one) aside.
        static string Besides(HallState state) =>
            System.Text.Json.JsonSerializer.Serialize(state with { AppointmentReferencesIgnoreCase = false, CheckIns = null });
    }

    [Fact]
    public async Task Restart_AfterARequestIdWasReusedForAnotherCommand_ReplaysTheRefusal_TheHallIdentical()
    {
        // The journal records the refused command, not its error kind: replaying it refuses it again and changes nothing,
        // and after the restart the id is still the first command's.
        var id = Guid.NewGuid();
        var issue = HallCommand.IssueTicket(new ServiceItemList([1])) with { RequestId = id };
        CommandResult first;
        string before;
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
            first = await hall.SubmitAsync(issue);
            Assert.True(first.IsSuccess);
            Assert.Equal(QueueError.RequestIdReused, (await hall.SubmitAsync(HallCommand.IssueTicket(new ServiceItemList([2])) with { RequestId = id })).Error);
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess); // a command after the refused one
            before = await JournalKit.StateJson(hall);
        }

        await using var again = _kit.Engine();
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Equal(before, await JournalKit.StateJson(recovered));
        Assert.Equal(QueueError.RequestIdReused, (await recovered.SubmitAsync(HallCommand.IssueTicket(new ServiceItemList([2])) with { RequestId = id })).Error);
        Assert.Equal(first.Ticket, (await recovered.SubmitAsync(issue)).Ticket);
    }

    [Fact]
    public async Task Restart_AfterARecall_TheTicketShowsTheRecallsTime_TheFiguresTheFirstCalls()
    {
        var time = new SteppingClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        QueueEngine Engine() => new(new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = _kit.Directory } }, time);
        var calledAt = time.Now.AddMinutes(2);
        string before;
        await using (var engine = Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, clerk: 7, auto: false);
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
            time.Now = calledAt;
            Assert.True((await hall.CallNextAsync(1)).IsSuccess);
            time.Now += TimeSpan.FromMinutes(3);
            Assert.True((await hall.SubmitAsync(HallCommand.Recall(1))).IsSuccess);
            before = await JournalKit.StateJson(hall);
        }

        await using var again = Engine();
        again.Start();
        Assert.True(again.TryGetHall("h", out var recovered));
        Assert.Equal(before, await JournalKit.StateJson(recovered));
        time.Now += TimeSpan.FromMinutes(1);
        var snapshot = await recovered.GetSnapshotAsync();
        Assert.Equal(calledAt.AddMinutes(3), snapshot.AtWindows.Single().CalledAt);
        Assert.Equal(TimeSpan.FromMinutes(2), snapshot.MeanWait); // to the first call
    }

    [Fact]
    public async Task HallLargerThanASegment_SnapshotsDoNotFollowOneAnother()
    {
        // A hall whose snapshot outgrows SegmentBytes: each snapshot filled the new segment by itself, so the next
        // round started another roll-over and the journal wrote snapshots back to back. A segment now holds at least
        // four times its snapshots, so the journal writes mostly commands, and the hall is recovered whole.
        var opened = 0;
        Stream Open(string path)
        {
            Interlocked.Increment(ref opened);
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }

        string before;
        await using (var engine = _kit.Engine(segmentBytes: 64 << 10, open: Open))
        {
            var hall = engine.AddHall(JournalKit.Hall("big"));
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
            for (var i = 0; i < 3000; i++)
            {
                Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1 + (i % 3)]))).IsSuccess);
            }

            before = await JournalKit.StateJson(hall);
        }

        Assert.InRange(opened, 2, 4); // one roll-over or two; thousands before

        await using var recovered = _kit.Engine(segmentBytes: 64 << 10);
        recovered.Start();
        Assert.Empty(recovered.Recovery!.Damage);
        Assert.True(recovered.TryGetHall("big", out var again));
        Assert.Equal(before, await JournalKit.StateJson(again));
    }

    [Fact]
    public async Task RunTimeHallChanges_AddRedefineRemove_SurviveARestart()
    {
        long ticketId;
        await using (var engine = _kit.Engine(shards: 2))
        {
            engine.Start();
            var a = engine.AddHall(JournalKit.Hall("a"));
            var b = engine.AddHall(JournalKit.Hall("b"));
            _ = engine.AddHall(JournalKit.Hall("c")); // added at run time and never commanded
            await a.OpenDayAsync();
            var ticket = await a.IssueTicketAsync(new ServiceItemList([2]));
            await a.RedefineAsync(JournalKit.Hall("a") with { Name = "Renamed" });
            await b.OpenDayAsync();
            Assert.True(await engine.RemoveHallAsync("b"));
            Assert.True(ticket.IsSuccess);
            ticketId = ticket.Ticket;
        }

        await using var again = _kit.Engine(shards: 1);
        again.Start();
        Assert.Equal(["a", "c"], again.Recovery!.Halls);
        Assert.True(again.TryGetHall("a", out var hall));
        Assert.Equal("Renamed", hall.Definition.Name);
        var snapshot = await hall.GetSnapshotAsync();
        Assert.Equal(ticketId, Assert.Single(snapshot.Waiting).Ticket);
    }

    [Fact]
    public async Task SnapshotBeingSaved_HallsCommandedRedefinedAndRemovedMeanwhile_RestartIdentical()
    {
        // Snapshots are saved off the shard thread; hold one there and change the halls meanwhile.
        var prefix = "held-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var entered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        ShardJournal.BeforeSnapshotSaved = id =>
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                entered.TrySetResult(id);
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };
        var before = new Dictionary<string, string>();
        try
        {
            await using (var engine = _kit.Engine(segmentBytes: 64 << 10))
            {
                var halls = new[] { "a", "b", "c" }.Select(x => engine.AddHall(JournalKit.Hall(prefix + x))).ToArray();
                engine.Start();
                foreach (var hall in halls)
                {
                    await hall.OpenDayAsync();
                }

                var random = new Random(5);
                var tickets = halls.ToDictionary(h => h.Id, _ => new List<long>());
                async Task Traffic(HallHandle hall, int count)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var result = await hall.SubmitAsync(RandomHallTraffic.Next(random, tickets[hall.Id], TimeProvider.System.GetUtcNow()));
                        if (result.Ticket != 0 && !tickets[hall.Id].Contains(result.Ticket))
                        {
                            tickets[hall.Id].Add(result.Ticket);
                        }
                    }
                }

                while (!entered.Task.IsCompleted)
                {
                    await Traffic(halls[random.Next(3)], 50); // until a segment fills and a snapshot is taken
                }

                var held = await entered.Task;
                foreach (var hall in halls.Where(h => h.Id != prefix + "b"))
                {
                    await Traffic(hall, 200); // logged after the mark, before the snapshot
                }

                await halls[0].RedefineAsync(JournalKit.Hall(prefix + "a") with { Name = "Renamed" });
                Assert.True(await engine.RemoveHallAsync(prefix + "b"));
                release.Set();
                await Traffic(halls[0], 100);
                await Traffic(halls[2], 100);
                await Eventually(() => _kit.Segments().Length <= 2); // the held snapshot and the others were written
                foreach (var hall in new[] { halls[0], halls[2] })
                {
                    before[hall.Id] = await JournalKit.StateJson(hall);
                }

                Assert.StartsWith(prefix, held, StringComparison.Ordinal);
            }
        }
        finally
        {
            ShardJournal.BeforeSnapshotSaved = null;
            release.Set();
        }

        await using var again = _kit.Engine(segmentBytes: 64 << 10);
        again.Start();
        Assert.True(again.Recovery!.Damage.Count == 0, string.Join("; ", again.Recovery.Damage));
        Assert.Equal([prefix + "a", prefix + "c"], again.Recovery.Halls);
        foreach (var (id, state) in before)
        {
            Assert.True(again.TryGetHall(id, out var hall));
            Assert.Equal(state, await JournalKit.StateJson(hall));
        }

        Assert.True(again.TryGetHall(prefix + "a", out var renamed));
        Assert.Equal("Renamed", renamed.Definition.Name);
    }

    [Fact]
    public async Task Segments_RollOver_OldOnesDeletedOnceASnapshotCoversThem()
    {
        await using var engine = _kit.Engine(segmentBytes: 64 << 10);
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync();
        var refused = HallCommand.QueryTicket(1) with { Kind = CommandKind.Rate, Ticket = 1, Value = 9 }; // refused, still journaled
        for (var i = 0; i < 100; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => hall.SubmitAsync(refused).AsTask()));
        }

        await Eventually(() => _kit.Segments().Length <= 2);
        var bytes = _kit.Segments().Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 4 * (64 << 10), $"{bytes} bytes left on disk: covered segments were not deleted");
    }

    [Fact]
    public async Task RolledOverLog_SnapshotRecordDamaged_HallWholeOrReportedLostByName_NeverSilentlyWrongOrMissing()
    {
        // After roll-overs the live log starts at a segment whose hall record is the snapshot (the older segments are
        // in the archive, which recovery does not read): a flipped byte in that snapshot.
        var refused = HallCommand.QueryTicket(1) with { Kind = CommandKind.Rate, Ticket = 1, Value = 9 }; // refused, still journaled
        string live;
        await using (var engine = _kit.Engine(segmentBytes: 64 << 10))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
            for (var i = 0; i < 30; i++)
            {
                await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => hall.SubmitAsync(refused).AsTask()));
            }

            await Eventually(() => _kit.Segments().All(f => JournalWriter.SegmentStart(f) > 0)); // the first segment archived
            live = await JournalKit.StateJson(hall);
        }

        var segment = _kit.Segments()[0];
        var bytes = File.ReadAllBytes(segment);
        var snapshot = -1L;
        SegmentReader.Read(segment, bytes, (payload, offset) =>
        {
            var reader = new MessagePack.MessagePackReader(payload);
            snapshot = JournalRecord.ReadHeader(ref reader, out _) == JournalRecordKind.Snapshot ? offset : -1;
            return snapshot >= 0 ? "found" : null;
        });
        Assert.True(snapshot >= 0, "no snapshot in the first live segment");
        var length = BitConverter.ToInt32(bytes, (int)snapshot);
        bytes[snapshot + JournalFrame.HeaderSize + (length * 3 / 4)] ^= 0x20; // in its state: its id still reads
        File.WriteAllBytes(segment, bytes);

        await using var again = _kit.Engine(segmentBytes: 64 << 10);
        again.Start();

        Assert.Contains(again.Recovery!.Damage, d => d.Contains($"at byte {snapshot}:", StringComparison.Ordinal));
        if (again.TryGetHall("h", out var recovered))
        {
            Assert.Equal(live, await JournalKit.StateJson(recovered)); // rebuilt whole from a later snapshot
        }
        else
        {
            Assert.Equal(["h"], again.Recovery.LostHalls);
            var health = await new QueueCoreHealthCheck(again).CheckHealthAsync(new());
            Assert.Contains("halls lost to the journal's damage: h", health.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FaultedHall_SegmentsRollOverWhileItIsIsolated_RestartStillHasItsAcknowledgedTickets()
    {
        // A faulted hall cannot be snapshotted, and the round of snapshots after a roll-over skipped it and then deleted
        // the older segments, its only records: the restart did not know the hall at all (not even as lost), and its
        // acknowledged tickets were gone. The older segments now stay while it is faulted, and go once it is restored.
        var refused = HallCommand.QueryTicket(1) with { Kind = CommandKind.Rate, Ticket = 1, Value = 9 }; // refused, still journaled
        async Task FillSegments(HallHandle hall)
        {
            for (var i = 0; i < 60; i++)
            {
                await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => hall.SubmitAsync(refused).AsTask()));
            }
        }

        var acknowledged = new List<(long Ticket, int Number)>();
        await using (var engine = _kit.Engine(segmentBytes: 64 << 10))
        {
            var bad = engine.AddHall(JournalKit.Hall("bad"));
            var busy = engine.AddHall(JournalKit.Hall("busy"));
            engine.Start();
            await bad.OpenDayAsync();
            await busy.OpenDayAsync();
            for (var i = 0; i < 3; i++)
            {
                var issued = await bad.IssueTicketAsync(new ServiceItemList([1 + i]));
                acknowledged.Add((issued.Ticket, issued.Number.Sequence));
            }

            bad.Entry.FailWhen = c => c.Kind == CommandKind.CallNext;
            Assert.Equal(QueueError.HallFaulted, (await bad.CallNextAsync(1)).Error);
            bad.Entry.FailWhen = null;
            var first = _kit.Segments()[0];
            await FillSegments(busy); // segments roll over and busy's snapshots are written while bad is isolated
            await Eventually(() => _kit.Segments().Length >= 3 || !File.Exists(first)); // rounds of snapshots done (or the first segment deleted)
        }

        await using (var again = _kit.Engine(segmentBytes: 64 << 10))
        {
            again.Start();
            Assert.Empty(again.Recovery!.Damage);
            Assert.Equal(["bad", "busy"], again.Recovery.Halls);
            Assert.True(again.TryGetHall("bad", out var bad));
            var tickets = (await bad.SaveStateAsync()).Tickets.ToDictionary(t => t.Id);
            foreach (var (ticket, number) in acknowledged)
            {
                Assert.True(tickets.TryGetValue(ticket, out var saved), $"acknowledged ticket {ticket} was lost");
                Assert.Equal(number, saved.Number);
            }
        }
    }

    [Fact]
    public async Task FaultedHall_KeepsOlderSegmentsUntilRestored_ThenTheyAreDeleted()
    {
        var refused = HallCommand.QueryTicket(1) with { Kind = CommandKind.Rate, Ticket = 1, Value = 9 };
        await using var engine = _kit.Engine(segmentBytes: 64 << 10);
        var bad = engine.AddHall(JournalKit.Hall("bad"));
        var busy = engine.AddHall(JournalKit.Hall("busy"));
        engine.Start();
        await bad.OpenDayAsync();
        await busy.OpenDayAsync();
        var saved = await bad.SaveStateAsync();
        bad.Entry.FailWhen = c => c.Kind == CommandKind.IssueTicket;
        Assert.Equal(QueueError.HallFaulted, (await bad.IssueTicketAsync(1)).Error);
        bad.Entry.FailWhen = null;
        for (var i = 0; i < 100; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => busy.SubmitAsync(refused).AsTask()));
        }

        await Eventually(() => _kit.Segments().Length >= 4); // kept: the faulted hall's records are in the first

        await bad.RestoreAsync(saved);
        for (var i = 0; i < 100; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => busy.SubmitAsync(refused).AsTask()));
        }

        await Eventually(() => _kit.Segments().Length <= 2); // restored: snapshotted again, and the older segments go
    }

    [Fact]
    public async Task SecondEngineOnTheSameDirectory_RefusedNamingIt_TheFirstKeepsEveryTicket()
    {
        // A second engine used to start on the first one's directory, write the next generation and delete the first
        // one's logs under it: the tickets the first acknowledged from then on were gone after a restart.
        long issued;
        await using (var first = _kit.Engine())
        {
            var hall = first.AddHall(JournalKit.Hall("h"));
            first.Start();
            await hall.OpenDayAsync();
            await hall.IssueTicketAsync(1);

            var error = Assert.Throws<IOException>(() => _kit.Engine());
            Assert.Contains(_kit.Directory, error.Message, StringComparison.Ordinal);
            Assert.Contains("another engine", error.Message, StringComparison.Ordinal);

            issued = (await hall.IssueTicketAsync(1)).Ticket;
        }

        // Stopped, the first lets go of the directory, and the next engine has both tickets.
        await using var again = _kit.Engine();
        Assert.True(again.TryGetHall("h", out var recovered));
        again.Start();
        var state = await recovered.SaveStateAsync();
        Assert.Equal(2, state.Tickets.Length);
        Assert.Contains(state.Tickets, t => t.Id == issued);
    }

    [Fact]
    public void UnwritableDirectory_ConstructorSaysWhich()
    {
        var file = Path.Combine(Path.GetTempPath(), "queuecore-file-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "not a directory");
        try
        {
            var error = Assert.Throws<IOException>(() => _kit.Engine(directory: Path.Combine(file, "journal")));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void JournalWithoutDynamicCode_RefusedAtTheStartSayingHowToRun()
    {
        // An app published or run with PublishAot (a file-based app's default) has no dynamic code: every journaled
        // hall faulted on its first command ("Failed to serialize QueueCore.HallState value"). The engine's constructor
        // makes this check with the runtime's flag, which a test process cannot turn off; the check itself is tested here.
        var error = Assert.Throws<NotSupportedException>(() => QueueEngine.RequireDynamicCodeForJournal(dynamicCodeSupported: false));
        Assert.Contains("PublishAot", error.Message, StringComparison.Ordinal);
        Assert.Contains("without a journal", error.Message, StringComparison.Ordinal);
        QueueEngine.RequireDynamicCodeForJournal(dynamicCodeSupported: true); // with dynamic code: nothing to refuse
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task Restart_BetweenTheFinishesAndTheRatings_EachPadRatesItsWindowsServiceForTheClerkWhoServed()
    {
        // A visit for items 3 then 1: clerk 7 serves item 3 at window 3 and signs off, clerk 8 signs in; window 1 serves
        // item 1. The first restart replays the commands, the second starts from the generation's snapshot.
        var definition = Halls.HallFixtures.SmallHall() with { Id = "pads" };
        long visit;
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(definition);
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
            Assert.True((await hall.OpenWindowAsync(1, clerk: 101)).IsSuccess);
            Assert.True((await hall.OpenWindowAsync(3, clerk: 7)).IsSuccess);
            visit = (await hall.SubmitAsync(HallCommand.IssueTicket(new ServiceItemList([3, 1])))).Ticket;
            await ServeAsync(hall, 3, visit);
            Assert.True((await hall.CloseWindowAsync(3)).IsSuccess);
            Assert.True((await hall.OpenWindowAsync(3, clerk: 8)).IsSuccess);
            await ServeAsync(hall, 1, visit);
        }

        await using (var engine = _kit.Engine())
        {
            engine.Start();
            Assert.True(engine.TryGetHall("pads", out var hall));
            Assert.True((await hall.SubmitAsync(HallCommand.Rate(visit, 2) with { Window = 3 })).IsSuccess);
        }

        await using (var engine = _kit.Engine())
        {
            engine.Start();
            Assert.Empty(engine.Recovery!.Damage);
            Assert.True(engine.TryGetHall("pads", out var hall));
            Assert.Equal(QueueError.TicketWrongState, (await hall.SubmitAsync(HallCommand.Rate(visit, 1) with { Window = 3 })).Error);
            Assert.True((await hall.SubmitAsync(HallCommand.Rate(visit, 5) with { Window = 1 })).IsSuccess);
            var clerks = (await hall.GetSnapshotAsync()).Clerks;
            Assert.Equal([(7, 1, 2.0), (8, 0, 0.0), (101, 1, 5.0)], clerks.Select(c => (c.Clerk, c.Ratings, c.MeanRating)));
        }

        static async Task ServeAsync(HallHandle hall, int window, long ticket)
        {
            Assert.Equal(ticket, (await hall.CallNextAsync(window)).Ticket);
            Assert.True((await hall.StartServingAsync(window)).IsSuccess);
            Assert.True((await hall.FinishAsync(window)).IsSuccess);
        }
    }
}
