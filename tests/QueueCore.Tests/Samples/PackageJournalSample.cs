namespace QueueCore.Tests.Samples;

/// <summary>The package README's journal example, as it stands there (<see cref="ReadmeSampleTests"/>); compiled, not run (it names /var/lib).</summary>
internal static class PackageJournalSample
{
    public static async Task RunAsync()
    {
        #region src/QueueCore/README.md: Durability #1
        await using var journaled = new QueueEngine(new QueueEngineOptions
        {
            Journal = new JournalOptions { Directory = "/var/lib/queuecore" }, // Mode: Durable (default), Batched or None
        });
        Console.WriteLine($"recovered {journaled.Recovery!.Halls.Count} halls from {journaled.Recovery.Records} records");
        #endregion
    }
}
