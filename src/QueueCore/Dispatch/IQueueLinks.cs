namespace QueueCore;

/// <summary>
/// Which link fields of a <see cref="TicketRecord"/> a <see cref="TicketQueues{TLinks}"/> threads its lists through.
/// A ticket sits in two kinds of list at once (its (item, class) queue and its class's hall-wide queue), each with
/// its own links. Implemented by structs, so the JIT specialises the queue code per kind with no indirection.
/// </summary>
internal interface IQueueLinks
{
    static abstract ref int Prev(ref TicketRecord t);

    static abstract ref int Next(ref TicketRecord t);

    static abstract ref int List(ref TicketRecord t);
}

/// <summary>Links of the (item, class) and window queues.</summary>
internal readonly struct ItemQueueLinks : IQueueLinks
{
    public static ref int Prev(ref TicketRecord t) => ref t.Prev;

    public static ref int Next(ref TicketRecord t) => ref t.Next;

    public static ref int List(ref TicketRecord t) => ref t.List;
}

/// <summary>Links of the hall-wide queue of each class (what a window serving every item reads).</summary>
internal readonly struct ClassQueueLinks : IQueueLinks
{
    public static ref int Prev(ref TicketRecord t) => ref t.ClassPrev;

    public static ref int Next(ref TicketRecord t) => ref t.ClassNext;

    public static ref int List(ref TicketRecord t) => ref t.ClassList;
}
