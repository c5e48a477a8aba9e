using QueueCore.Benchmarks.Baselines;

namespace QueueCore.Benchmarks.Scenarios;

/// <summary>
/// The workload's sanity check, run in setup: replays every precomputed pair once on the hall and both baselines in
/// lockstep and throws unless every issue and every call succeeded, each holds exactly
/// <see cref="WorkloadHall.Waiting"/> waiting tickets after every pair, and all three called the same ticket each time
/// (so the baselines make the hall's decisions and the comparison is like for like). Leaves all three in the same
/// state, ready for the benchmarks.
/// </summary>
internal static class WorkloadCheck
{
    public static void Run(
        WorkloadHall s, Hall hall, List<long> standingIds, ref DateTimeOffset hallNow,
        SinglePriorityQueueHall a, ref long aNow, PriorityQueuePerServiceHall b, ref long bNow, bool start = true)
    {
        Require(hall.TotalWaiting == WorkloadHall.Waiting && a.Count == WorkloadHall.Waiting && b.Count == WorkloadHall.Waiting,
            $"after setup: waiting hall {hall.TotalWaiting}, A {a.Count}, B {b.Count}, expected {WorkloadHall.Waiting}");
        Require(hallNow.UtcTicks == aNow && aNow == bNow, "after setup: the clocks differ");

        var hallIdOfSerial = new long[WorkloadHall.Waiting + WorkloadHall.Length + 1];
        standingIds.CopyTo(hallIdOfSerial, 1);
        long waited = 0, maxWait = 0, overflowCalls = 0;
        var step = WorkloadHall.Step.Ticks;
        var skills = WindowSkills.Compile(s.Definition);
        for (var i = 0; i < WorkloadHall.Length; i++)
        {
            var arrival = s.Arrivals[i];
            var window = s.CallingWindows[i];
            hallNow = hallNow.AddTicks(step);
            aNow += step;
            bNow += step;
            var issued = hall.Apply(WorkloadHall.Issue(arrival), hallNow);
            var serial = a.Issue(arrival, aNow);
            Require(issued.IsSuccess, $"pair {i}: the hall refused an issue: {issued.Message}");
            Require(b.Issue(arrival, bNow) == serial, $"pair {i}: the baselines numbered a ticket differently");
            hallIdOfSerial[serial] = issued.Ticket;

            hallNow = hallNow.AddTicks(step);
            aNow += step;
            bNow += step;
            var called = WorkloadHall.Call(hall, window, hallNow, start);
            Require(called.IsSuccess, $"pair {i}: window {window} could not call: {called.Message}");
            Require(a.TryCall(window, aNow, out var byA), $"pair {i}: window {window} found nothing in baseline A");
            Require(b.TryCall(window, bNow, out var byB), $"pair {i}: window {window} found nothing in baseline B");
            Require(byA == byB, $"pair {i}: window {window}: baseline A called #{byA.Serial}, B #{byB.Serial}");
            Require(called.Ticket == hallIdOfSerial[byA.Serial],
                $"pair {i}: window {window}: the hall called ticket {called.Ticket} (service {called.Service}), the baselines #{byA.Serial} (service {byA.Service})");
            Require(hall.TotalWaiting == WorkloadHall.Waiting && a.Count == WorkloadHall.Waiting && b.Count == WorkloadHall.Waiting,
                $"pair {i}: waiting hall {hall.TotalWaiting}, A {a.Count}, B {b.Count}, expected {WorkloadHall.Waiting}");

            var wait = aNow - byA.IssuedAt;
            (waited, maxWait) = (waited + wait, Math.Max(maxWait, wait));
            overflowCalls += skills[window].TierOf[byA.Service] == WindowSkills.Overflow ? 1 : 0;
        }

        Console.WriteLine(
            $"// Workload check ({s.Services} services{(start ? "" : ", the Next key alone")}): {WorkloadHall.Length:N0} pairs, {WorkloadHall.Waiting} waiting after each, " +
            $"hall and baselines called the same ticket every time; wait mean {TimeSpan.FromTicks(waited / WorkloadHall.Length).TotalMinutes:F1} min, " +
            $"max {TimeSpan.FromTicks(maxWait).TotalMinutes:F1} min; {overflowCalls:N0} overflow calls.");
    }

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Workload check failed: {what}.");
        }
    }
}
