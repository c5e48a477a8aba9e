namespace QueueCore;

public sealed partial class QueueEngine
{
    /// <summary>
    /// Under <see cref="_lifecycle"/>, at each removal: drops the days removed halls left whose date has ended (a hall
    /// added again with the id now starts fresh anyway). The engine keeps one removed hall per id; without this each
    /// kept its day's check-ins and counts for good. Rare and short: one pass over the removed ids.
    /// </summary>
    private void ForgetEndedLeftDays()
    {
        long now;
        try
        {
            now = TimeProvider.GetUtcNow().UtcTicks;
        }
        catch (Exception) // a broken clock: keep them until a later removal reads it
        {
            return;
        }

        foreach (var entry in _removed.Values)
        {
            if (entry.IsRemoved && entry.LeftDay is { } day && day.Until <= now)
            {
                entry.ForgetLeftDay();
            }
        }
    }
}
