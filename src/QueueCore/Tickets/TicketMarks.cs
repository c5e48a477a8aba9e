namespace QueueCore;

/// <summary>A ticket's yes/no marks, packed in one byte of <see cref="TicketRecord"/> (its two cache lines are full).</summary>
[Flags]
internal enum TicketMarks : byte
{
    None = 0,

    /// <summary>See <see cref="TicketRecord.Rated"/>.</summary>
    Rated = 1,

    /// <summary>See <see cref="TicketRecord.WaitAlerted"/>.</summary>
    WaitAlerted = 2,

    /// <summary>See <see cref="TicketRecord.CalledFromWindowQueue"/>.</summary>
    CalledFromWindowQueue = 4,
}
