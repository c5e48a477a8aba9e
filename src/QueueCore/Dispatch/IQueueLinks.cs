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

    /// <summary>The list the ticket is in (valid only while it is in one).</summary>
    static abstract int ListOf(ref TicketRecord t);

    /// <summary>Records the list the ticket joined (-1: left).</summary>
    static abstract void SetList(ref TicketRecord t, int list);
}

/// <summary>Links of the (item, class) and window queues.</summary>
internal readonly struct ItemQueueLinks : IQueueLinks
{
    public static ref int Prev(ref TicketRecord t) => ref t.Prev;

    public static ref int Next(ref TicketRecord t) => ref t.Next;

    public static int ListOf(ref TicketRecord t) => t.List;

    public static void SetList(ref TicketRecord t, int list) => t.List = list;
}

/// <summary>Links of the (category, class) queues; the hall passes the list (the ticket's item's category and its class)
/// when it removes a ticket, since the hot line has no room to record it.</summary>
internal readonly struct CategoryQueueLinks : IQueueLinks
{
    public static ref int Prev(ref TicketRecord t) => ref t.CategoryPrev;

    public static ref int Next(ref TicketRecord t) => ref t.CategoryNext;

    public static int ListOf(ref TicketRecord t) => throw new InvalidOperationException("A category queue's list is passed, not recorded.");

    public static void SetList(ref TicketRecord t, int list)
    {
    }
}

/// <summary>Links of the hall-wide queue of each class (what a window serving every item reads). The list is the
/// ticket's class, so it needs no field of its own.</summary>
internal readonly struct ClassQueueLinks : IQueueLinks
{
    public static ref int Prev(ref TicketRecord t) => ref t.ClassPrev;

    public static ref int Next(ref TicketRecord t) => ref t.ClassNext;

    public static int ListOf(ref TicketRecord t) => t.Class;

    public static void SetList(ref TicketRecord t, int list)
    {
    }
}
