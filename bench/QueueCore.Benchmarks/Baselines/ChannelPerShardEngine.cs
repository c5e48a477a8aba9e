using System.Threading.Channels;

namespace QueueCore.Benchmarks.Baselines;

/// <summary>
/// The engine a user would otherwise write: halls spread over consumer tasks, each draining an unbounded
/// <see cref="Channel{T}"/> of requests, every request answered through its own
/// <see cref="TaskCompletionSource{TResult}"/>. Same halls, same single writer per hall.
/// </summary>
internal sealed class ChannelPerShardEngine : IAsyncDisposable
{
    private readonly Channel<Request>[] _channels;
    private readonly Task[] _consumers;
    private readonly Hall[] _halls;
    private readonly TimeProvider _time = TimeProvider.System;

    public ChannelPerShardEngine(IReadOnlyList<HallDefinition> halls, int shards)
    {
        _halls = [.. halls.Select(d => new Hall(d))];
        _channels = [.. Enumerable.Range(0, shards).Select(_ => Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true }))];
        _consumers = [.. _channels.Select(c => Task.Run(() => ConsumeAsync(c.Reader)))];
    }

    public int HallCount => _halls.Length;

    public Task<CommandResult> SubmitAsync(int hall, in HallCommand command)
    {
        var request = new Request(hall, command);
        _channels[hall % _channels.Length].Writer.TryWrite(request);
        return request.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _channels)
        {
            c.Writer.Complete();
        }

        await Task.WhenAll(_consumers);
    }

    private async Task ConsumeAsync(ChannelReader<Request> reader)
    {
        await foreach (var request in reader.ReadAllAsync())
        {
            request.Completion.SetResult(_halls[request.Hall].Apply(request.Command, _time.GetUtcNow()));
        }
    }

    private sealed class Request(int hall, HallCommand command)
    {
        public int Hall { get; } = hall;

        public HallCommand Command { get; } = command;

        public TaskCompletionSource<CommandResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
