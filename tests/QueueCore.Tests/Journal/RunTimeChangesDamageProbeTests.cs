namespace QueueCore.Tests.Journal;

/// <summary>
/// A crash image of a log over several segments with run-time hall changes between them (a hall redefined, one removed,
/// one added), then a byte flipped or the last segment cut at random positions: no ticket recovery brings back is one
/// the hall did not have (no garbage replayed), a hall gone is reported lost, and an intact-looking recovery (no damage
/// reported) gives every hall as it stood.
/// </summary>
public sealed class RunTimeChangesDamageProbeTests : IDisposable
{
    private readonly JournalKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FlipOrCutAnywhere_NoTicketRecoveredThatTheHallDidNotHave_EveryHallGoneReportedLost(bool cut)
    {
        var image = _kit.Directory + "-image";
        var before = new Dictionary<string, HallState>();
        try
        {
            await using (var engine = _kit.Engine(segmentBytes: 64 << 10, archiveRetention: TimeSpan.Zero))
            {
                var halls = new[] { "h0", "h1", "h2" }.Select(id => engine.AddHall(JournalKit.SmallHall(id))).ToList();
                engine.Start();
                foreach (var hall in halls)
                {
                    Assert.True((await hall.OpenDayAsync()).IsSuccess);
                    Assert.True((await hall.OpenWindowAsync(1)).IsSuccess);
                }

                await JournalKit.ServeAsync(halls[0], 300);
                await halls[1].RedefineAsync(JournalKit.SmallHall("h1") with { RememberedRequests = 32 });
                await JournalKit.ServeAsync(halls[1], 300);
                Assert.True(await engine.RemoveHallAsync("h2"));
                var added = engine.AddHall(JournalKit.SmallHall("h3"));
                Assert.True((await added.OpenDayAsync()).IsSuccess);
                Assert.True((await added.OpenWindowAsync(1)).IsSuccess);
                await JournalKit.ServeAsync(added, 300);
                await JournalKit.ServeAsync(halls[0], 200);
                foreach (var id in new[] { "h0", "h1", "h3" })
                {
                    Assert.True(engine.TryGetHall(id, out var hall));
                    before[id] = await hall.SaveStateAsync();
                }

                JournalKit.CopyDirectory(_kit.Directory, image);
            }

            var segments = Directory.GetFiles(image, "*.qlog", SearchOption.AllDirectories).Where(f => !f.Contains("archive", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(segments[0])); // rolled over: the live log begins with a round
            var random = new Random(cut ? 7 : 3);
            var problems = new List<string>();
            for (var round = 0; round < 12; round++)
            {
                var copy = image + "-" + round;
                try
                {
                    JournalKit.CopyDirectory(image, copy);
                    var segment = cut ? segments[^1] : segments[random.Next(segments.Length)];
                    var target = Path.Combine(copy, Path.GetRelativePath(image, segment));
                    var bytes = File.ReadAllBytes(target);
                    var at = random.Next(round % 2 == 0 ? Math.Min(bytes.Length, 8192) : bytes.Length); // half in the round the segment begins with
                    var cleanEnd = cut && RecordStarts(target, bytes).Contains(at);
                    if (cut)
                    {
                        bytes = bytes[..at];
                    }
                    else
                    {
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    File.WriteAllBytes(target, bytes);
                    problems.AddRange(await CheckAsync(copy, $"{(cut ? "cut" : "flip")} {Path.GetFileName(segment)} at {at}", before, cleanEnd));
                }
                finally
                {
                    Directory.Delete(copy, recursive: true);
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            if (Directory.Exists(image))
            {
                Directory.Delete(image, recursive: true);
            }
        }
    }

    [Fact]
    public async Task RoundCutInsideAHallsSnapshot_HallsAddedAtRunTime_NoArchive_ThatHallIsReportedLostByName()
    {
        // Neither the archive (a retention of zero) nor the ready marker (the halls were added at run time) names the
        // round's halls; the snapshot the cut went through still shows its hall's id in its first bytes.
        await using (var engine = _kit.Engine(snapshotAtStop: true, archiveRetention: TimeSpan.Zero))
        {
            var hall = engine.AddHall(JournalKit.SmallHall("h0"));
            engine.AddHall(JournalKit.SmallHall("h1"));
            engine.Start();
            Assert.True((await hall.OpenDayAsync()).IsSuccess);
        }

        var segment = Assert.Single(_kit.Segments());
        Assert.NotEqual(JournalWriter.SegmentName(0), Path.GetFileName(segment));
        var bytes = File.ReadAllBytes(segment);
        var at = 0;
        while (bytes[at + JournalFrame.HeaderSize + 1] != (byte)JournalRecordKind.Snapshot)
        {
            at += JournalFrame.HeaderSize + System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        }

        File.WriteAllBytes(segment, bytes[..(at + JournalFrame.HeaderSize + 20)]);
        await using var again = _kit.Engine(archiveRetention: TimeSpan.Zero);
        again.Start();
        Assert.NotEmpty(again.Recovery!.Damage);
        Assert.Contains("h0", again.Recovery.LostHalls);
    }

    /// <summary>
    /// Where each whole record of a segment starts. A cut exactly there leaves a log that ends cleanly, as a crash just
    /// after that record's fsync does: nothing tells it from the log the engine wrote then, so the halls come back as
    /// they stood at that record (fewer commands, no damage), not as at the end.
    /// </summary>
    private static HashSet<int> RecordStarts(string path, byte[] bytes)
    {
        var starts = new HashSet<int>();
        SegmentReader.Read(path, bytes, (_, offset) =>
        {
            starts.Add((int)offset);
            return null;
        });
        return starts;
    }

    private async Task<List<string>> CheckAsync(string directory, string what, Dictionary<string, HallState> before, bool cleanEnd = false)
    {
        var problems = new List<string>();
        await using var engine = _kit.Engine(directory: directory, archiveRetention: TimeSpan.Zero);
        engine.Start();
        var report = engine.Recovery!;
        if (engine.TryGetHall("h2", out _))
        {
            problems.Add($"{what}: h2, removed, came back");
        }

        foreach (var (id, state) in before)
        {
            if (!engine.TryGetHall(id, out var hall))
            {
                // Halls added at run time with no archive left to name them are logged unnamed (by key) with the damage.
                if (!report.LostHalls.Contains(id) && report.Damage.Count == 0)
                {
                    problems.Add($"{what}: {id} is gone and not reported lost (damage: {string.Join("; ", report.Damage)})");
                }

                continue;
            }

            var now = await hall.SaveStateAsync();
            var had = state.Tickets.ToDictionary(t => t.Id, t => (t.Prefix, t.Number));
            foreach (var ticket in now.Tickets)
            {
                // A kept hall retains fewer completed tickets than it had at the end, so only a ticket it has must match.
                if (had.TryGetValue(ticket.Id, out var number) && number != (ticket.Prefix, ticket.Number))
                {
                    problems.Add($"{what}: {id} ticket {ticket.Id} came back as {ticket.Prefix}{ticket.Number}, it was {number.Prefix}{number.Number}");
                }
                else if (!had.ContainsKey(ticket.Id) && ticket.Serial > state.Tickets.Max(t => t.Serial))
                {
                    problems.Add($"{what}: {id} ticket {ticket.Id} ({ticket.Prefix}{ticket.Number}) was never issued");
                }
            }

            if (report.Damage.Count == 0 && report.TornTails.Count == 0 && !cleanEnd
                && System.Text.Json.JsonSerializer.Serialize(now) != System.Text.Json.JsonSerializer.Serialize(state))
            {
                problems.Add($"{what}: {id} came back other than it stood, with no damage reported");
            }
        }

        return problems;
    }
}
