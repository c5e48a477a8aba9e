namespace QueueCore.Tests.Samples;

/// <summary>The journal example of docs/journal.md, as it stands there (<see cref="ReadmeSampleTests"/>); compiled, not run (it names /var/lib).</summary>
internal static class JournalSample
{
    public static void Run(HallDefinition definition)
    {
        #region docs/journal.md: An engine with a data directory #1
        var engine = new QueueEngine(new QueueEngineOptions
        {
            Journal = new JournalOptions { Directory = "/var/lib/queuecore", Mode = JournalMode.Durable },
        });
        // engine.Recovery: the halls it rebuilt, records replayed, time taken, and any damage it cut off
        if (!engine.TryGetHall("city-center", out var hall)) { hall = engine.AddHall(definition); }
        engine.Start();
        #endregion
    }
}
