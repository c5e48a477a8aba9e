namespace QueueCore.Tests.Engine;

public class IngressRingTests
{
    [Fact]
    public void TryEnqueue_UpToCapacity_QueuesThenReportsFull()
    {
        var ring = new IngressRing(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(EnqueueStatus.Queued, ring.TryEnqueue(HallCommand.CallNext(i), i, null));
        }

        Assert.Equal(EnqueueStatus.Full, ring.TryEnqueue(HallCommand.Tick(), 0, null));
        Assert.Equal(4, ring.Count);
    }

    [Fact]
    public void PeekHead_AfterEnqueues_ReturnsThemInOrderAndFreesSlots()
    {
        var ring = new IngressRing(2);
        for (var round = 0; round < 5; round++)
        {
            ring.TryEnqueue(HallCommand.CallNext(round), round, null);
            ref var slot = ref ring.PeekHead();
            Assert.Equal(round, slot.Command.Window);
            Assert.Equal(round, slot.HallIndex);
            ring.ReleaseHead(ref slot);
            Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref ring.PeekHead()));
        }
    }

    [Fact]
    public void Close_RefusesNewItemsAndDrainsClaimedOnes()
    {
        var ring = new IngressRing(4);
        ring.TryEnqueue(HallCommand.Tick(), 0, null);

        ring.Close();

        Assert.Equal(EnqueueStatus.Closed, ring.TryEnqueue(HallCommand.Tick(), 0, null));
        Assert.False(ring.IsClosedAndDrained);
        ring.ReleaseHead(ref ring.PeekHead());
        Assert.True(ring.IsClosedAndDrained);
    }

    [Fact]
    public void Constructor_CapacityNotPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IngressRing(6));

    [Fact]
    public async Task TryEnqueue_ManyProducers_OneConsumerSeesEveryItemOnceInEachProducersOrder()
    {
        var producers = Math.Max(4, Environment.ProcessorCount * 2);
        const int PerProducer = 20_000;
        var ring = new IngressRing(256);
        var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < PerProducer; i++)
                {
                    var spinner = default(SpinWait);
                    while (ring.TryEnqueue(HallCommand.CallNext(i), p, null) != EnqueueStatus.Queued)
                    {
                        spinner.SpinOnce(sleep1Threshold: -1);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        var next = new int[producers];
        var total = 0;
        start.SignalAndWait();
        var consumer = Task.Factory.StartNew(
            () =>
            {
                var spinner = default(SpinWait);
                while (total < producers * PerProducer)
                {
                    ref var slot = ref ring.PeekHead();
                    if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref slot))
                    {
                        spinner.SpinOnce(sleep1Threshold: -1);
                        continue;
                    }

                    Assert.Equal(next[slot.HallIndex]++, slot.Command.Window);
                    ring.ReleaseHead(ref slot);
                    total++;
                }
            },
            TaskCreationOptions.LongRunning);

        await Task.WhenAll([.. threads, consumer]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(next, n => Assert.Equal(PerProducer, n));
        Assert.Equal(0, ring.Count);
    }
}
