namespace QueueCore;

/// <summary>How an arriving ticket picks among several idle auto-mode windows that may serve it.
/// The item's tier at the window comes first: windows for which the item is primary (among them, those dedicated to the
/// ticket's class, then those dedicated to none, then those dedicated to another class) before windows for which it is
/// an overflow item past its delay (dedicated or not). Within each of those groups this order decides; window id breaks ties.</summary>
public enum WindowSelection : byte
{
    /// <summary>The window idle the longest (the default of most contact-center routers).</summary>
    LongestIdle = 0,

    /// <summary>The window that has served the fewest items today (<see cref="WindowSnapshot.ServedToday"/>: a visit's
    /// items count one each).</summary>
    FewestServed = 1,

    /// <summary>The window with the lowest id.</summary>
    FixedOrder = 2,

    /// <summary>The window that has spent the least time serving today: the sum of its handling times (an item's, from
    /// its start, or its call when finished straight from it, to its finish), as behind
    /// <see cref="WindowSnapshot.MeanHandlingTime"/>; a call that ends in a no-show adds nothing. Starts over when a day
    /// opens.</summary>
    LeastBusy = 3,

    /// <summary>
    /// The windows take turns: the window whose last call today is the oldest, windows not called yet today first (in
    /// id order). With every window idle, tickets go to windows 1, 2, 3, 1, ... whichever finished first. Every call of a
    /// ticket to the window is a turn (pushed to it, called by the window as it becomes free, or by its clerk); a
    /// recall is not, nor is a transfer to the window until it calls the ticket. Turns start over when a day opens;
    /// a window added by a redefinition has had no turn yet.
    /// </summary>
    RoundRobin = 4,
}
