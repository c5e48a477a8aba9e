namespace QueueCore.Tests.Journal;

/// <summary>
/// The check the cut-numbering tests share: after recovery from a cut log, each recovered hall issues one ticket per
/// category, and none may carry a number a citizen already holds from before the crash, nor one past what the cut
/// segment could have issued (the skip is bounded by the segment's capacity, not more). A hall not recovered must be
/// reported lost.
/// </summary>
internal static class NumberingAfterCut
{
    /// <summary>The problems found (empty: every next number is new and within bounds).</summary>
    public static async Task<List<string>> ProblemsAsync(QueueEngine engine, IEnumerable<string> ids, IReadOnlyDictionary<string, HashSet<string>> issued)
    {
        var report = engine.Recovery!;
        var problems = new List<string>();
        foreach (var id in ids)
        {
            if (!engine.TryGetHall(id, out var hall))
            {
                Assert.Contains(id, report.LostHalls);
                continue;
            }

            foreach (var item in new[] { 1, 5 }) // one of each category (A, B)
            {
                var result = await hall.IssueTicketAsync(new ServiceItemList([item]));
                Assert.True(result.IsSuccess, result.ToString());
                if (issued[id].Contains(result.Number.ToString()))
                {
                    problems.Add($"{id}: {result.Number} was issued before the crash and again after it (damage: {string.Join("; ", report.Damage)})");
                }
                else if (result.Number.Sequence > 1_000_000)
                {
                    problems.Add($"{id}: {result.Number} is past what the cut segment could have issued");
                }
            }
        }

        return problems;
    }
}
