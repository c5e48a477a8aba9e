using Google.Rpc;
using Grpc.Core;

namespace QueueCore.Grpc.Tests.Kit;

/// <summary>Bounded awaits and status assertions: every wait in these tests ends, so a bug fails instead of hanging.</summary>
internal static class Rpc
{
    /// <summary>
    /// The bound of every await. Generous on purpose: it only ends a test that would otherwise hang, and on a shared
    /// two-core CI machine a stall of several seconds happens (two unrelated tests once timed out in the same second
    /// at 10 s).
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The call's response, within the bound.</summary>
    public static Task<T> Bounded<T>(this AsyncUnaryCall<T> call) => call.ResponseAsync.WaitAsync(Timeout);

    /// <summary>The call fails with <paramref name="code"/>; returns its exception for further checks.</summary>
    public static async Task<RpcException> FailsAsync<T>(StatusCode code, Func<AsyncUnaryCall<T>> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync.WaitAsync(Timeout));
        Assert.True(e.StatusCode == code, $"expected {code}, got {e.StatusCode}: {e.Status.Detail}");
        return e;
    }

    /// <summary>The stream's next message, within the bound (the stream must not end).</summary>
    public static async Task<T> NextAsync<T>(this IAsyncStreamReader<T> reader)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        Assert.True(await reader.MoveNext(timeout.Token), "the stream ended");
        return reader.Current;
    }

    /// <summary>Reads the stream until a message matches, within the bound; returns it.</summary>
    public static async Task<T> NextMatchingAsync<T>(this IAsyncStreamReader<T> reader, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (await reader.MoveNext(timeout.Token))
        {
            if (match(reader.Current))
            {
                return reader.Current;
            }
        }

        Assert.Fail("the stream ended before the expected message");
        return default;
    }

    /// <summary>The stream ends with <paramref name="code"/> within the bound (messages before the end are skipped).</summary>
    public static async Task<RpcException> EndsWithAsync<T>(this IAsyncStreamReader<T> reader, StatusCode code)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await reader.MoveNext(timeout.Token))
            {
            }
        });
        Assert.True(e.StatusCode == code, $"expected {code}, got {e.StatusCode}: {e.Status.Detail}");
        return e;
    }

    /// <summary>
    /// Retries <paramref name="check"/> until it passes, within the bound: for figures the server refreshes a moment
    /// after a change (it polls at a short interval; it never asserts how long the refresh took). Bounded by three
    /// times <see cref="Timeout"/>: a passing check returns at once, and under the whole test run a figure the
    /// exporter collects in the background once took longer than a call's bound.
    /// </summary>
    public static async Task EventuallyAsync(Func<Task> check)
    {
        var deadline = DateTime.UtcNow + (3 * Timeout);
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>The error kind the server put in the status details (google.rpc.ErrorInfo), or null.</summary>
    public static string? Reason(this RpcException e) => e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
}
