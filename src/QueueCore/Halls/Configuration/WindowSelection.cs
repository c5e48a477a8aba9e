namespace QueueCore;

/// <summary>How an arriving ticket picks among several idle auto-mode windows that may serve it.
/// Windows for which the item is primary (or that are dedicated to the ticket's class) always come first; window id breaks ties.</summary>
public enum WindowSelection : byte
{
    /// <summary>The window idle the longest (the default of most contact-center routers).</summary>
    LongestIdle = 0,

    /// <summary>The window that has served the fewest items today (<see cref="WindowSnapshot.ServedToday"/>: a visit's
    /// items count one each).</summary>
    FewestServed = 1,

    /// <summary>The window with the lowest id.</summary>
    FixedOrder = 2,
}
