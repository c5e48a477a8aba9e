using Spectre.Console;

namespace QueueCore.Simulator;

/// <summary>
/// Runs work with a progress bar that appears only if the work is still running after <see cref="Delay"/>. A run that
/// ends sooner shows none: drawing the bar (Spectre's renderer, its first use compiled on the spot) cost about as
/// much CPU as a hundred replications of a small scenario, and a bar that flashes for a second tells nobody anything.
/// The bar is on standard error: standard output holds the results only.
/// </summary>
internal sealed class DeferredProgress : IProgress<int>
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private ProgressTask? _task; // set once the bar is shown; reports before that are kept in _value
    private int _value;

    /// <summary>Runs <paramref name="work"/> (which reports finished replications to the progress it is given) and
    /// returns its result; <paramref name="label"/> and <paramref name="total"/> describe the bar if it is shown. An
    /// exception of the work is rethrown as it was thrown (not wrapped), so the caller's handlers see it.</summary>
    public static T Run<T>(string label, int total, Func<IProgress<int>, T> work)
    {
        var progress = new DeferredProgress();
        var running = Task.Factory.StartNew(() => work(progress), TaskCreationOptions.LongRunning);

        // WaitAny, not Wait: Wait throws a faulted task's exception wrapped in an AggregateException, which passed
        // every handler of Program (an invalid scenario ended in a stack trace); GetResult throws it unwrapped.
        if (Task.WaitAny([running], Delay) == 0)
        {
            return running.GetAwaiter().GetResult();
        }

        StandardError.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: total);
                lock (progress._gate)
                {
                    task.Value = progress._value;
                    progress._task = task;
                }

                Task.WaitAny(running);
            });
        return running.GetAwaiter().GetResult();
    }

    /// <summary>Reports come from the replications' threads: the value only grows.</summary>
    public void Report(int value)
    {
        lock (_gate)
        {
            _value = Math.Max(_value, value);
            if (_task is { } task)
            {
                task.Value = _value;
            }
        }
    }
}
