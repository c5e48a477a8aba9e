namespace QueueCore.Grpc.Services;

/// <summary>Admin changes one at a time (each reads a hall's definition, changes it and redefines the hall).</summary>
public sealed class AdminGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Enters; dispose the result to leave.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken token)
    {
        await _semaphore.WaitAsync(token).ConfigureAwait(false);
        return new Release(_semaphore);
    }

    /// <inheritdoc/>
    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
