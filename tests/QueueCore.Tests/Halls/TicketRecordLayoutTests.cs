using System.Runtime.CompilerServices;

namespace QueueCore.Tests.Halls;

public class TicketRecordLayoutTests
{
    [Fact]
    public void TicketRecord_TwoCacheLines_HotFieldsInTheFirst()
    {
        Assert.Equal(128, Unsafe.SizeOf<TicketRecord>()); // memory per waiting ticket, and lines touched per ticket
        var t = default(TicketRecord);
        Assert.True(Unsafe.ByteOffset(ref Unsafe.As<TicketRecord, byte>(ref t), ref Unsafe.As<byte, byte>(ref t.NoShows)) < 64);
        Assert.True(Unsafe.ByteOffset(ref Unsafe.As<TicketRecord, byte>(ref t), ref Unsafe.As<short, byte>(ref t.Category)) >= 64);
    }
}
