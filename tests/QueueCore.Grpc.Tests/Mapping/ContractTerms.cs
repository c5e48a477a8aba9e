namespace QueueCore.Grpc.Tests.Mapping;

/// <summary>A status message a gRPC client reads speaks the contract's terms (rpcs, fields), not the engine library's.</summary>
internal static class ContractTerms
{
    /// <summary>The library's names a device maker cannot call or set.</summary>
    private static readonly string[] LibraryNames =
        ["QueueEngine", "HallHandle", "TryGetHall", "RestoreAsync", "Async", "HallCommand", "DayClosePolicy", "CancelWaiting", "ServeRemaining", "the engine"];

    /// <summary><paramref name="message"/> holds each of <paramref name="expected"/> and none of the library's names.</summary>
    public static void Assert(string message, params string[] expected)
    {
        foreach (var name in LibraryNames)
        {
            Xunit.Assert.DoesNotContain(name, message, StringComparison.Ordinal);
        }

        foreach (var text in expected)
        {
            Xunit.Assert.Contains(text, message, StringComparison.Ordinal);
        }
    }
}
