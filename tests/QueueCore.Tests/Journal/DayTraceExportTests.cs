using Microsoft.Extensions.Time.Testing;
using QueueCore.Tests.Engine;

namespace QueueCore.Tests.Journal;

/// <summary>A hall's day comes out of the journal as a day trace: arrivals with their attributes, handling per item and window.</summary>
public sealed class DayTraceExportTests : IDisposable
{
    private readonly JournalKit _kit = new();

    /// <summary>Monday 2026-11-23 08:00 UTC: the tests' days run on a fake clock (handling times exact, no real waits).</summary>
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Export_ADay_OneRowPerItemWithArrivalAttributesAndHandling()
    {
        var time = new FakeTimeProvider(Monday);
        await using (var engine = _kit.Engine(time: time))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1);
            var first = await hall.IssueTicketAsync(new ServiceItemList([1, 2]), age: 72, flags: TicketFlags.Disabled);
            var second = await hall.IssueTicketAsync(new ServiceItemList([3]), flags: TicketFlags.KeyEnterprise);
            Assert.True(first.IsSuccess && second.IsSuccess);
            Assert.Equal(first.Ticket, (await hall.CallTicketAsync(1, first.Ticket)).Ticket);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromSeconds(150));
            await hall.FinishAsync(1); // item 1 done; the ticket goes on to item 2, which nobody handles today
        }

        using var csv = new StringWriter();
        Assert.Equal(2, DayTraceExport.Write(_kit.Directory, "h", csv).Tickets);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(DayTraceExport.Header, string.Join(',', rows[0]));
        Assert.Equal(4, rows.Length);
        var (served, unserved, other) = (rows[1], rows[2], rows[3]);
        Assert.Equal(["A001", "1", "72", "1", "0", "0"], [served[0], served[2], served[3], served[4], served[5], served[6]]);
        Assert.Equal(["150", "1"], [served[8], served[9]]);
        Assert.Equal(["A001", "2", "", ""], [unserved[0], unserved[2], unserved[8], unserved[9]]);
        Assert.Equal(["3", "0", "1"], [other[2], other[4], other[5]]);
        Assert.Equal("08:00:00", served[1]); // the hall is on UTC
    }

    [Fact]
    public async Task Export_AScriptedDay_EveryColumnAsDocumented_InHallTime()
    {
        // A day in a hall eight hours ahead of UTC: a two-item visit whose second item was parked and came back by
        // itself, an appointment checked in that was a no-show once and then served, a cancelled ticket, a class staff
        // gave, and a ticket transferred from one window to another while served.
        var utc = new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero); // 08:30 in the hall
        var clock = new SteppingClock(utc);
        DateTimeOffset At(string local) => utc + (TimeSpan.Parse(local, System.Globalization.CultureInfo.InvariantCulture) - new TimeSpan(8, 30, 0));
        await using (var engine = new QueueEngine(new QueueEngineOptions { ShardCount = 1, Journal = new JournalOptions { Directory = _kit.Directory } }, clock))
        {
            var hall = engine.AddHall(JournalKit.Hall("h") with { TimeZone = "Asia/Shanghai" });
            engine.Start();
            async Task<CommandResult> Do(string local, Func<ValueTask<CommandResult>> command)
            {
                clock.Now = At(local);
                var result = await command();
                Assert.True(result.IsSuccess, $"{local}: {result}");
                return result;
            }

            await Do("08:30", () => hall.OpenDayAsync());
            foreach (var w in new[] { 1, 2, 3 })
            {
                await Do("08:30", () => hall.OpenWindowAsync(w, clerk: 10 + w, auto: false));
            }

            var a001 = await Do("08:31:05", () => hall.IssueTicketAsync(new ServiceItemList([1, 2]), age: 72, flags: TicketFlags.Disabled));
            var a002 = await Do("08:32", () => hall.CheckInAppointmentAsync(new ServiceItemList([3]), "R-17", At("08:30")));
            var a003 = await Do("08:33", () => hall.IssueTicketAsync(new ServiceItemList([4]), flags: TicketFlags.GreenChannel));
            var b001 = await Do("08:34", () => hall.SubmitAsync(HallCommand.IssueTicket(new ServiceItemList([5]), priorityClass: PriorityPolicy.Elderly)));
            var a004 = await Do("08:35", () => hall.IssueTicketAsync(new ServiceItemList([2]), flags: TicketFlags.KeyEnterprise));
            Assert.Equal(["A001", "A002", "A003", "B001", "A004"], new[] { a001, a002, a003, b001, a004 }.Select(r => r.Number.ToString()));
            await Do("08:36", () => hall.CancelTicketAsync(a003.Ticket));

            await Do("08:40", () => hall.CallTicketAsync(1, a001.Ticket));
            await Do("08:40", () => hall.StartServingAsync(1));
            await Do("08:45:12.5", () => hall.FinishAsync(1)); // item 1: 312.5 s at window 1

            await Do("08:46", () => hall.CallTicketAsync(2, a002.Ticket));
            await Do("08:48", () => hall.NoShowAsync(2)); // back in the queue a place back
            await Do("08:50", () => hall.CallTicketAsync(2, a002.Ticket));
            await Do("08:50", () => hall.StartServingAsync(2));
            await Do("08:51:40", () => hall.FinishAsync(2)); // 100 s at window 2

            await Do("08:52", () => hall.CallTicketAsync(1, a001.Ticket));
            await Do("08:52", () => hall.StartServingAsync(1));
            await Do("08:54", () => hall.ParkAsync(1, "missing a copy", At("09:10"))); // 120 s of item 2 so far

            await Do("08:54:30", () => hall.CallTicketAsync(3, b001.Ticket));
            await Do("08:54:30", () => hall.StartServingAsync(3));
            await Do("08:56", () => hall.FinishAsync(3)); // 90 s at window 3

            await Do("08:56", () => hall.CallTicketAsync(2, a004.Ticket));
            await Do("08:56", () => hall.StartServingAsync(2));
            await Do("08:57", () => hall.TransferToWindowAsync(2, 1)); // 60 s at window 2
            await Do("08:58", () => hall.CallTicketAsync(1, a004.Ticket));
            await Do("08:58", () => hall.StartServingAsync(1));
            await Do("08:58:40", () => hall.FinishAsync(1)); // 40 s more at window 1

            clock.Now = At("09:10");
            await hall.SubmitAsync(HallCommand.Tick()); // A001 comes back from parking
            await Do("09:15", () => hall.CallTicketAsync(1, a001.Ticket));
            await Do("09:15", () => hall.StartServingAsync(1));
            await Do("09:18", () => hall.FinishAsync(1)); // 180 s more of item 2
        }

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);
        Assert.True(result.WholeDay, string.Join("; ", result.Notes));
        Assert.Equal(5, result.Tickets);
        Assert.Equal(
            [
                DayTraceExport.Header,
                "A001,08:31:05,1,72,1,0,0,,312.5,1,0,,,,served,",
                "A001,08:31:05,2,72,1,0,0,,300,1,0,,,,served,",
                "A002,08:32:00,3,0,0,0,0,08:30:00,100,2,0,,1,,served,120", // called at 08:46, a no-show at 08:48: the window's 120 s
                "A003,08:33:00,4,0,0,0,1,,,,0,,,08:36:00,left,", // cancelled while it waited: left at 08:36
                "B001,08:34:00,5,0,0,0,0,,90,3,0,elderly,,,served,",
                "A004,08:35:00,2,0,0,1,0,,100,1,0,,,,served,",
            ],
            csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r')));
    }

    [Fact]
    public async Task Export_TicketCancelled_LeftAtOnlyWhenNoWindowHadIt()
    {
        // A citizen who cancels while waiting (or while parked) left: the replay lets them leave then. One cancelled at
        // the window after its call did not leave the queue unserved by any window: it is not marked so.
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, auto: false);
            var waiting = await hall.IssueTicketAsync(new ServiceItemList([1]));
            var called = await hall.IssueTicketAsync(new ServiceItemList([1]));
            var parked = await hall.IssueTicketAsync(new ServiceItemList([1]));
            Assert.True((await hall.CancelTicketAsync(waiting.Ticket)).IsSuccess);
            Assert.True((await hall.CallTicketAsync(1, called.Ticket)).IsSuccess);
            Assert.True((await hall.CancelTicketAsync(called.Ticket)).IsSuccess);
            Assert.True((await hall.CallTicketAsync(1, parked.Ticket)).IsSuccess);
            Assert.True((await hall.StartServingAsync(1)).IsSuccess);
            var park = await hall.ParkAsync(1, "copy");
            Assert.True(park.IsSuccess, park.ToString());
            Assert.True((await hall.CancelTicketAsync(parked.Ticket)).IsSuccess);
        }

        using var csv = new StringWriter();
        Assert.Equal(3, DayTraceExport.Write(_kit.Directory, "h", csv).Tickets);
        Assert.EndsWith(",left_at,outcome,recall_seconds", csv.ToString().Split('\n')[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal([true, false, true], Rows(csv).Select(r => TimeSpan.TryParse(r[^3], System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.Equal(["left", "cancelled", "left"], Rows(csv).Select(r => r[^2]));
    }

    [Fact]
    public async Task Export_DayClosedWithTicketsWaiting_OutcomeWaitingAtClose_NotAnAbsentCitizen()
    {
        // A capacity planner replays the day with more windows: the citizens still waiting when the hall closed are real
        // demand. Their items were written as not served, like an absent citizen's, so a replay counted them as
        // no-shows. Each unserved item now says how it ended; one whose holder missed its call stays a no-show.
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, auto: false);
            var served = await hall.IssueTicketAsync(new ServiceItemList([1]));
            var absent = await hall.IssueTicketAsync(new ServiceItemList([1]));
            var waiting = await hall.IssueTicketAsync(new ServiceItemList([1, 2]));
            Assert.True((await hall.CallTicketAsync(1, served.Ticket)).IsSuccess);
            Assert.True((await hall.StartServingAsync(1)).IsSuccess);
            Assert.True((await hall.FinishAsync(1)).IsSuccess);
            Assert.True((await hall.CallTicketAsync(1, absent.Ticket)).IsSuccess);
            Assert.True((await hall.NoShowAsync(1)).IsSuccess); // re-queued, then cancelled at the close
            Assert.True(waiting.IsSuccess);
            Assert.True((await hall.CloseDayAsync(DayClosePolicy.CancelWaiting)).IsSuccess);
        }

        using var csv = new StringWriter();
        Assert.Equal(3, DayTraceExport.Write(_kit.Directory, "h", csv).Tickets);
        Assert.EndsWith(",outcome,recall_seconds", csv.ToString().Split('\n')[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(
            ["A001 1 served", "A002 1 no_show", "A003 1 waiting_at_close", "A003 2 waiting_at_close"],
            Rows(csv).Select(r => $"{r[0]} {r[2]} {r[^2]}"));
    }

    [Fact]
    public async Task Export_DayNotClosedYet_TicketsStillInTheHallWaitingAtClose()
    {
        // Exported before its close (the documented way to replay the day so far): the tickets still waiting are the
        // trace's end, demand as at a close, not citizens who never came.
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
        }

        using var csv = new StringWriter();
        Assert.Equal(1, DayTraceExport.Write(_kit.Directory, "h", csv).Tickets);
        Assert.Equal(["waiting_at_close"], Rows(csv).Select(r => r[^2]));
    }

    [Fact]
    public async Task Export_PregnantCitizen_KeepsTheFlagThatMadeHerElderly()
    {
        // The trace had no column for it: her ticket, called first live (elderly by the default rules), was replayed
        // as a normal one.
        await using (var engine = _kit.Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            Assert.True((await hall.IssueTicketAsync(new ServiceItemList([1]), age: 30, flags: TicketFlags.Pregnant)).IsSuccess);
        }

        using var csv = new StringWriter();
        DayTraceExport.Write(_kit.Directory, "h", csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        var pregnant = Array.IndexOf(rows[0], "pregnant");
        Assert.True(pregnant >= 0, "no pregnant column: " + string.Join(',', rows[0]));
        Assert.Equal("1", rows[1][pregnant]);
        Assert.Equal(["0", "0", "0"], [rows[1][4], rows[1][5], rows[1][6]]); // nothing else set
    }

    [Fact]
    public async Task Export_ClerkUsesOnlyTheNextKey_ItemsServedFromTheirCall_NotUnserved()
    {
        // A terminal with one "Next" key (the browser terminal's Enter) finishes a called ticket without a start: the
        // hall counts it served from its call. The trace listed every such item as never served, so the simulator
        // replayed the whole day's citizens as absent.
        var time = new FakeTimeProvider(Monday);
        await using (var engine = _kit.Engine(time: time))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, auto: false);
            await hall.IssueTicketAsync(new ServiceItemList([1]));
            await hall.IssueTicketAsync(new ServiceItemList([2]));
            Assert.True((await hall.FinishAndCallNextAsync(1)).IsSuccess); // idle: calls A001
            time.Advance(TimeSpan.FromSeconds(300));
            Assert.True((await hall.FinishAndCallNextAsync(1)).IsSuccess); // A001 served from its call; calls the next
            time.Advance(TimeSpan.FromSeconds(100));
            Assert.True((await hall.FinishAndCallNextAsync(1)).IsSuccess);
        }

        using var csv = new StringWriter();
        DayTraceExport.Write(_kit.Directory, "h", csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.All(rows[1..], r => Assert.Equal("1", r[9]));
        Assert.Equal(["300", "100"], rows[1..].Select(r => r[8]));
    }

    [Fact]
    public async Task Export_TransferredWhileServed_ItemAsTheTicketEndedUp_WithAllItsHandlingTime()
    {
        // The clerk worked on item 1, then sent the ticket on to item 2, served at once. The trace used to drop the time
        // spent before the transfer and list item 1 as never served, after item 2: the simulator replayed a citizen
        // served for item 2, then absent for item 1.
        var time = new FakeTimeProvider(Monday);
        await using (var engine = _kit.Engine(time: time))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            await hall.OpenWindowAsync(1, auto: false);
            var ticket = await hall.IssueTicketAsync(new ServiceItemList([1]));
            await hall.CallTicketAsync(1, ticket.Ticket);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromSeconds(300));
            Assert.True((await hall.TransferToServiceAsync(1, 2)).IsSuccess);
            time.Advance(TimeSpan.FromSeconds(30)); // called again: not handling
            await hall.CallTicketAsync(1, ticket.Ticket);
            await hall.StartServingAsync(1);
            time.Advance(TimeSpan.FromSeconds(60));
            await hall.FinishAsync(1);
        }

        using var csv = new StringWriter();
        DayTraceExport.Write(_kit.Directory, "h", csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        var row = Assert.Single(rows[1..]);
        Assert.Equal(["A001", "2", "1"], [row[0], row[2], row[9]]);
        Assert.Equal("360", row[8]); // the 300 s before the transfer count, with the 60 s after it
    }

    [Fact]
    public async Task Export_DayBeganInAGenerationKeptAsDamaged_TheWholeDayFromBothInOrder()
    {
        // The morning is in generation 1, kept as gen-1.damaged (another hall's record in it was damaged); the afternoon
        // is in generation 2, which begins with h as the morning left it. Only generation 2 was read: A001 and A002
        // were missing, and A001's service, finished in the afternoon, with them.
        var time = new FakeTimeProvider(Monday);
        await using (var engine = _kit.Engine(time: time))
        {
            var h = engine.AddHall(JournalKit.Hall("h"));
            var a = engine.AddHall(JournalKit.Hall("a"));
            engine.Start();
            await h.OpenDayAsync();
            await a.OpenDayAsync();
            await h.OpenWindowAsync(1);
            var first = await h.IssueTicketAsync(new ServiceItemList([1]));
            await h.IssueTicketAsync(new ServiceItemList([2]));
            await h.CallTicketAsync(1, first.Ticket);
            await h.StartServingAsync(1);
            await a.IssueTicketAsync(new ServiceItemList([1])); // the record damaged below
        }

        DamageTheLastCommandOf("a");
        time.Advance(TimeSpan.FromSeconds(40)); // the restart
        await using (var engine = _kit.Engine(time: time))
        {
            Assert.NotEmpty(engine.Recovery!.Damage);
            Assert.True(engine.TryGetHall("h", out var h));
            engine.Start();
            time.Advance(TimeSpan.FromSeconds(20));
            Assert.True((await h.FinishAsync(1)).IsSuccess);
            await h.IssueTicketAsync(new ServiceItemList([3]));
        }

        Assert.Single(Directory.GetDirectories(_kit.Directory, "gen-*.damaged"));
        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        // A003 is skipped: h was kept as at the damage, and the damaged record might have been h's issue of A003.
        Assert.Equal(["A001", "A002", "A004"], rows[1..].Select(r => r[0]));
        Assert.True(result.WholeDay, string.Join(" ", result.Notes)); // each command once: generation 2 goes on from where 1 ended
        Assert.Equal(["1", "1"], [rows[1][2], rows[1][9]]); // A001 handled at window 1, across the restart
        Assert.Equal("60", rows[1][8]); // 40 s before the restart, 20 s after
    }

    [Fact]
    public async Task Export_DayWhoseLogIsDamagedMidDay_WritesWhatSurvives_SaysWhatWasCut_NoHalfRow()
    {
        // No restart since the damage: the export reads the damaged log itself. It must stop at the damage (nothing of
        // the damaged record, nor the hall's commands after it, which may lack it) and say so.
        var time = new FakeTimeProvider(Monday);
        await using (var engine = _kit.Engine(time: time))
        {
            var h = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await h.OpenDayAsync();
            for (var i = 0; i < 10; i++)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                Assert.True((await h.IssueTicketAsync(new ServiceItemList([1]))).IsSuccess);
            }
        }

        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        var commands = new List<int>();
        Assert.Null(SegmentReader.Read(segment, bytes, (payload, offset) =>
        {
            var reader = new MessagePack.MessagePackReader(payload);
            if (JournalRecord.ReadHeader(ref reader, out _) == JournalRecordKind.Command)
            {
                commands.Add((int)offset);
            }

            return null;
        }));
        Assert.Equal(11, commands.Count); // the opening and ten issues
        bytes[commands[6] + JournalFrame.HeaderSize + 5] ^= 0x10; // inside the sixth issue (A006)
        File.WriteAllBytes(segment, bytes);

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);

        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(["A001", "A002", "A003", "A004", "A005"], lines[1..].Select(r => r[0]));
        Assert.All(lines, r => Assert.Equal(lines[0].Length, r.Length)); // whole rows only
        Assert.Equal(5, result.Tickets);
        Assert.False(result.WholeDay);
        Assert.Contains(result.Notes, n => n.Contains("damage", StringComparison.OrdinalIgnoreCase) && n.Contains(Path.GetFileName(segment), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_DaySpanningRollOversAndARestart_WholeDayFromTheArchive()
    {
        // Segments of 64 KiB roll over several times in the morning and the engine restarts at noon: each roll-over
        // deleted the segments its snapshots covered and the restart the generation before, so the export held only the
        // afternoon and what the last round of snapshots left (WholeDay false).
        const int Morning = 3_000, Afternoon = 300;
        long liveBytes;
        await using (var engine = _kit.Engine(mode: JournalMode.Batched, segmentBytes: 64 << 10))
        {
            var h = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            await h.OpenDayAsync();
            await h.OpenWindowAsync(1);
            await JournalKit.ServeAsync(h, Morning);
            liveBytes = _kit.Segments().Sum(f => new FileInfo(f).Length);
        }

        Assert.NotEmpty(_kit.Archived()); // rolled over: the first segments went

        await using (var engine = _kit.Engine(mode: JournalMode.Batched, segmentBytes: 64 << 10))
        {
            Assert.Equal(liveBytes, engine.Recovery!.Bytes); // recovery read the live generation only, not the archive
            Assert.True(engine.TryGetHall("h", out var h));
            engine.Start();
            await JournalKit.ServeAsync(h, Afternoon);
        }

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);
        Assert.True(result.WholeDay, string.Join(" ", result.Notes));
        Assert.Equal(Morning + Afternoon, result.Tickets);
        var tickets = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]).ToList();
        Assert.Equal(Morning + Afternoon, tickets.Distinct(StringComparer.Ordinal).Count()); // each ticket once
        Assert.Contains("A001", tickets);
    }

    [Fact]
    public async Task Export_ArchiveRetentionZero_DayStartDeletedByARollOver_ResultSaysSo()
    {
        await using (var engine = _kit.Engine(mode: JournalMode.Batched, segmentBytes: 64 << 10, archiveRetention: TimeSpan.Zero))
        {
            var h = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            await h.OpenDayAsync();
            await h.OpenWindowAsync(1);
            await JournalKit.ServeAsync(h, 3_000);
        }

        Assert.Empty(_kit.Archived());
        var result = DayTraceExport.Write(_kit.Directory, "h", TextWriter.Null);
        Assert.False(result.WholeDay);
        Assert.InRange(result.Tickets, 1, 2_999);
        Assert.Contains("no longer holds the start of the day of hall 'h'", Assert.Single(result.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ArchiveRetentionZero_DayStartDeletedByARestart_ResultSaysSoWithTheNumbersMissing()
    {
        // A restart deletes the generation before: the day's start is gone from the disk. The export wrote the rest
        // as if it were the whole day.
        await using (var engine = _kit.Engine(archiveRetention: TimeSpan.Zero))
        {
            var h = engine.AddHall(JournalKit.SmallHall("h"));
            engine.Start();
            await h.OpenDayAsync();
            await h.OpenWindowAsync(1);
            await h.IssueTicketAsync(new ServiceItemList([1]));
            await h.IssueTicketAsync(new ServiceItemList([5]));
        }

        var whole = DayTraceExport.Write(_kit.Directory, "h", TextWriter.Null);
        Assert.Equal((2, true), (whole.Tickets, whole.WholeDay));
        Assert.Empty(whole.Notes);

        await using (var engine = _kit.Engine(archiveRetention: TimeSpan.Zero))
        {
            Assert.True(engine.TryGetHall("h", out var h));
            engine.Start();
            await h.IssueTicketAsync(new ServiceItemList([1]));
        }

        var part = DayTraceExport.Write(_kit.Directory, "h", TextWriter.Null);
        Assert.Equal((1, false), (part.Tickets, part.WholeDay));
        var note = Assert.Single(part.Notes);
        Assert.Contains("no longer holds the start of the day of hall 'h'", note, StringComparison.Ordinal);
        Assert.Contains("numbers up to A001, B001", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_DayRunningPastMidnight_WholeInTheOrderTheyCame_ArrivalsCountedFromTheDaysDate()
    {
        // A Shanghai hall's evening session runs past midnight: A001 at 21:50, A002 at 23:55, A003 at 00:10. Written as a
        // time of day, A003 sorted first (a replay took the last citizen of the night for the first of the morning), and
        // then it was left out with a note; its arrival now counts on from the day's date, 24:10:00, as GTFS times do.
        await ShanghaiDayAsync(new DateTimeOffset(2026, 11, 23, 21, 45, 0, TimeSpan.FromHours(8)), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(125), TimeSpan.FromMinutes(15));

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(["A001", "A002", "A003"], rows.Select(r => r[0]));
        Assert.Equal(["21:50:00", "23:55:00", "24:10:00"], rows.Select(r => r[1]));
        Assert.Equal(3, result.Tickets);
        Assert.True(result.WholeDay, string.Join(" ", result.Notes));
    }

    [Fact]
    public async Task Export_HallOpenAroundTheClock_EachDateADayOfItsOwn_ResultSaysSo()
    {
        // A hall whose day never closes (opened at 21:45 on the 23rd): its "day" was exported as up to 48 hours, A002 of
        // the next evening at 45:50:00, and the third date's tickets were left out. A day open 24 hours or more is a hall
        // open around the clock: each date on its clock is a day of its own, from midnight to midnight.
        await ShanghaiDayAsync(new DateTimeOffset(2026, 11, 23, 21, 45, 0, TimeSpan.FromHours(8)), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24), TimeSpan.FromHours(4));

        using var last = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", last);
        Assert.Equal([("A003", "01:50:00")], Rows(last).Select(r => (r[0], r[1])));
        Assert.Equal(1, result.Tickets);
        Assert.Contains(result.Notes, n => n.Contains("open around the clock", StringComparison.Ordinal));

        using var first = new StringWriter();
        Assert.Equal(1, DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 23), first).Tickets);
        Assert.Equal([("A001", "21:50:00")], Rows(first).Select(r => (r[0], r[1])));
        using var second = new StringWriter();
        Assert.Equal(1, DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 24), second).Tickets);
        Assert.Equal([("A002", "21:50:00")], Rows(second).Select(r => (r[0], r[1])));
    }

    [Fact]
    public async Task Export_NightHallFirstTicketAfterMidnight_DatedByItsOpening()
    {
        // Opened at 22:00 on the 23rd, its first citizen came at 00:30: the day was dated the 24th (its first ticket's),
        // so `export --day 2026-11-23` found nothing, and its arrivals read as a morning's.
        await ShanghaiDayAsync(new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromMinutes(150), TimeSpan.FromMinutes(30));

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 23), csv);
        Assert.Equal([("A001", "24:30:00"), ("A002", "25:00:00")], Rows(csv).Select(r => (r[0], r[1])));
        Assert.True(result.WholeDay, string.Join(" ", result.Notes));
        var error = Assert.Throws<ArgumentException>(() => DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 24), TextWriter.Null));
        Assert.Contains("it holds the days of 2026-11-23.", error.Message, StringComparison.Ordinal);
    }

    private static string[][] Rows(StringWriter csv) =>
        [.. csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.TrimEnd('\r').Split(','))];

    [Fact]
    public async Task Export_DayAskedByDate_YesterdayAfterTodayOpened_FromTheArchive()
    {
        // The planner asks for Monday after Tuesday opened: the export gave only the last day, so Monday was gone from
        // it although the archive still held it. A restart in between moves Monday's generation to the archive.
        await TwoDaysAsync();

        using var monday = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 23), monday);
        var rows = monday.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal([("A001", "09:00:00"), ("A002", "10:00:00")], rows.Select(r => (r[0], r[1])));
        Assert.Equal(2, result.Tickets);
        Assert.True(result.WholeDay, string.Join(" ", result.Notes));

        using var tuesday = new StringWriter();
        Assert.Equal(1, DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 24), tuesday).Tickets);
        using var last = new StringWriter();
        Assert.Equal(1, DayTraceExport.Write(_kit.Directory, "h", last).Tickets); // without a date: the last day, as before
        Assert.Equal(tuesday.ToString(), last.ToString());
    }

    [Fact]
    public async Task Export_DayAskedByDate_NotInTheJournal_RefusedNamingTheDatesItHolds()
    {
        await TwoDaysAsync();

        var error = Assert.Throws<ArgumentException>(() => DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 20), TextWriter.Null));
        Assert.Contains("no day of hall 'h' dated 2026-11-20", error.Message, StringComparison.Ordinal);
        Assert.Contains("it holds the days of 2026-11-23, 2026-11-24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_DayAskedByDate_ItsStartNoLongerHeld_ResultSaysSoNamingTheDatesHeld()
    {
        // With a retention of zero the restart at 09:30 deletes Monday's morning: what is left of Monday is exported, and
        // the note says which days the journal holds.
        await TwoDaysAsync(archiveRetention: TimeSpan.Zero, tuesdayWithoutRestart: true);

        var result = DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 23), TextWriter.Null);
        Assert.Equal(1, result.Tickets);
        var note = Assert.Single(result.Notes);
        Assert.Contains("no longer holds the start of the day of hall 'h'", note, StringComparison.Ordinal);
        Assert.Contains("numbers up to A001", note, StringComparison.Ordinal);
        Assert.Contains("it holds the days of 2026-11-23 (without its start), 2026-11-24", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_DayAskedByDate_ClosedAndOpenedAgainThatDate_TheLaterOne_ResultSaysSo()
    {
        // The hall closed at noon and opened again at 13:00: two days of one date. The trace is the later, and the
        // result does not pass it off as all of that date.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using (var engine = new QueueEngine(
            new QueueEngineOptions { ShardCount = 1, IngressCapacity = 1024, Journal = new JournalOptions { Directory = _kit.Directory } }, time))
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            foreach (var tickets in new[] { 2, 1 })
            {
                Assert.True((await hall.OpenDayAsync()).IsSuccess);
                for (var i = 0; i < tickets; i++)
                {
                    time.Advance(TimeSpan.FromHours(1));
                    Assert.True((await hall.IssueTicketAsync(1)).IsSuccess);
                }

                Assert.True((await hall.CloseDayAsync()).IsSuccess);
                time.Advance(TimeSpan.FromHours(3));
            }
        }

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", new DateOnly(2026, 11, 23), csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(["14:00:00"], rows.Select(r => r[1]));
        var note = Assert.Single(result.Notes);
        Assert.Contains("1 more day of hall 'h' dated 2026-11-23 (the day closed and opened again: opened at 08:00:00)", note, StringComparison.Ordinal);
    }

    /// <summary>
    /// Hall "h" (UTC) on Monday 2026-11-23: opened at 08:00, A001 at 09:00, a restart at 09:30, A002 at 10:00, closed at
    /// 18:00; then (after a restart unless <paramref name="tuesdayWithoutRestart"/>) Tuesday opened at 08:00, A001 at 09:00.
    /// </summary>
    private async Task TwoDaysAsync(TimeSpan? archiveRetention = null, bool tuesdayWithoutRestart = false)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        QueueEngine Engine() => new(new QueueEngineOptions
        {
            ShardCount = 1,
            IngressCapacity = 1024,
            // No snapshots at the stops: the restarts here stand for crashes (with them and a zero retention, a stop would
            // leave nothing of the day's commands before it for the export).
            Journal = new JournalOptions { Directory = _kit.Directory, ArchiveRetention = archiveRetention ?? new JournalOptions().ArchiveRetention, SnapshotAtStop = false },
        }, time);
        await using (var engine = Engine())
        {
            var hall = engine.AddHall(JournalKit.Hall("h"));
            engine.Start();
            await hall.OpenDayAsync();
            time.Advance(TimeSpan.FromHours(1));
            Assert.True((await hall.IssueTicketAsync(1)).IsSuccess);
        }

        time.Advance(TimeSpan.FromMinutes(30));
        var afternoon = Engine();
        Assert.True(afternoon.TryGetHall("h", out var h));
        afternoon.Start();
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.True((await h.IssueTicketAsync(1)).IsSuccess);
        time.Advance(TimeSpan.FromHours(8));
        Assert.True((await h.CloseDayAsync()).IsSuccess);
        time.Advance(TimeSpan.FromHours(14)); // Tuesday 08:00
        var tuesday = afternoon;
        if (!tuesdayWithoutRestart)
        {
            await afternoon.DisposeAsync();
            tuesday = Engine();
            Assert.True(tuesday.TryGetHall("h", out h));
            tuesday.Start();
        }

        await using (tuesday)
        {
            Assert.True((await h.OpenDayAsync()).IsSuccess);
            time.Advance(TimeSpan.FromHours(1));
            Assert.True((await h.IssueTicketAsync(1)).IsSuccess);
        }
    }

    [Fact]
    public async Task Export_DayOpenedTheEveningBefore_WholeDay()
    {
        // A hall that opens tomorrow's day as it closes today's (18:01): its tickets the next morning are that day's.
        await ShanghaiDayAsync(new DateTimeOffset(2026, 11, 23, 18, 1, 0, TimeSpan.FromHours(8)), TimeSpan.FromHours(14.5) /* 08:31 the next morning */, TimeSpan.FromHours(8));

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);
        Assert.Equal(2, result.Tickets);
        Assert.True(result.WholeDay, string.Join(" ", result.Notes));
    }

    [Theory]
    [InlineData(3, 29, "01:50:00", "03:10:00", "forward an hour", "later")] // Berlin's clocks go from 02:00 to 03:00 at 01:00 UTC
    [InlineData(10, 25, "02:50:00", "02:10:00", "back an hour", "earlier")] // and from 03:00 back to 02:00 at 01:00 UTC
    public async Task Export_NightHallOpenAcrossTheClockChange_ArrivalsOnTheHallsClock_ResultSaysSo(int month, int day, string a001, string a002, string went, string reads)
    {
        // A001 at 00:50 UTC, A002 twenty minutes later, after the change: the trace's times are the hall's clock, as
        // documented, 80 (or -40) minutes apart, and a replay took them for that without a word.
        await DayAsync("Europe/Berlin", new DateTimeOffset(2026, month, day, 0, 45, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));

        using var csv = new StringWriter();
        var result = DayTraceExport.Write(_kit.Directory, "h", csv);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(new[] { ("A001", a001), ("A002", a002) }.OrderBy(r => r.Item2), rows.Select(r => (r[0], r[1])));
        Assert.Equal(2, result.Tickets);
        var note = Assert.Single(result.Notes);
        Assert.Contains($"clocks went {went}", note, StringComparison.Ordinal);
        Assert.Contains($"between A001 ({a001}) and A002 ({a002})", note, StringComparison.Ordinal);
        Assert.Contains($"an hour {reads}", note, StringComparison.Ordinal);
        Assert.False(result.WholeDay);
    }

    /// <summary>A journaled Shanghai hall "h" opens its day at <paramref name="start"/>; a ticket is issued after each of
    /// <paramref name="gaps"/> (the clock moved on by it first).</summary>
    private Task ShanghaiDayAsync(DateTimeOffset start, params TimeSpan[] gaps) => DayAsync("Asia/Shanghai", start, gaps);

    /// <summary>As <see cref="ShanghaiDayAsync"/>, for a hall in <paramref name="zone"/>.</summary>
    private async Task DayAsync(string zone, DateTimeOffset start, params TimeSpan[] gaps)
    {
        var time = new FakeTimeProvider(start);
        await using var engine = new QueueEngine(
            new QueueEngineOptions { ShardCount = 1, IngressCapacity = 1024, Journal = new JournalOptions { Directory = _kit.Directory } }, time);
        var hall = engine.AddHall(JournalKit.Hall("h") with { TimeZone = zone });
        engine.Start();
        await hall.OpenDayAsync();
        foreach (var gap in gaps)
        {
            time.Advance(gap);
            Assert.True((await hall.IssueTicketAsync(1)).IsSuccess);
        }
    }

    [Fact]
    public void Export_UnknownHall_SaysSo()
    {
        using (var engine = _kit.Engine())
        {
            engine.AddHall(JournalKit.Hall("h"));
        }

        var error = Assert.Throws<ArgumentException>(() => DayTraceExport.Write(_kit.Directory, "nope", TextWriter.Null));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WhileAnEngineWritesTheJournal_RefusedNamingTheDirectory_ThenExportsOnceItStopped()
    {
        // A running engine rolls segments over and moves them under a reader: an export then could miss part of the day
        // and say nothing. The operator is told to stop the server or export from a copy.
        var engine = _kit.Engine();
        var hall = engine.AddHall(JournalKit.Hall("h"));
        engine.Start();
        await hall.OpenDayAsync();
        Assert.True((await hall.IssueTicketAsync(1)).IsSuccess);

        var error = Assert.Throws<IOException>(() => DayTraceExport.Write(_kit.Directory, "h", TextWriter.Null));
        Assert.Contains(_kit.Directory, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by an engine", error.Message, StringComparison.Ordinal);

        await engine.DisposeAsync();
        Assert.Equal(1, DayTraceExport.Write(_kit.Directory, "h", TextWriter.Null).Tickets);
    }

    /// <summary>Flips a byte in the last command record of hall <paramref name="id"/> in the newest generation's one segment.</summary>
    private void DamageTheLastCommandOf(string id)
    {
        var segment = Assert.Single(_kit.Segments());
        var bytes = File.ReadAllBytes(segment);
        int? key = null;
        var last = -1;
        Assert.Null(SegmentReader.Read(segment, bytes, (payload, offset) =>
        {
            var reader = new MessagePack.MessagePackReader(payload);
            var kind = JournalRecord.ReadHeader(ref reader, out var k);
            key ??= kind == JournalRecordKind.Hall && reader.ReadString() == id ? k : null;
            last = kind == JournalRecordKind.Command && k == key ? (int)offset : last;
            return null;
        }));
        bytes[last + JournalFrame.HeaderSize + 3] ^= 0x01;
        File.WriteAllBytes(segment, bytes);
    }
}
