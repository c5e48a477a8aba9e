namespace QueueCore;

/// <summary>
/// What a hall removed from the engine leaves to a hall added again with its id the same day (see
/// <c>Hall.CarriedDay.cs</c>): the day's numbering, the tickets each item issued (for its daily cap) and the
/// appointments checked in, and the end of its date on the hall's clocks.
/// </summary>
/// <param name="Numbering">Per prefix, the last number given (with the id of the category that gave it).</param>
/// <param name="Issued">Per item that issued tickets that day: its id and how many (<see cref="SavedService.IssuedToday"/>).</param>
/// <param name="CheckIns">The appointment references checked in that day, in check-in order (their ticket ids 0: the
/// tickets were the removed hall's).</param>
/// <param name="Until">The next midnight on the hall's clocks after the removal (UTC ticks): a day opened later starts fresh.</param>
/// <param name="Serial">The removed hall's ticket serial: the hall added again gives ids after it, whatever day it opens
/// and however long after, so an id its citizens and devices still hold never names another citizen's ticket (a kept
/// hall never gives an id twice either).</param>
internal sealed record CarriedDay(SavedCategory[] Numbering, SavedService[] Issued, SavedCheckIn[] CheckIns, long Until, long Serial)
{
    /// <summary>Only the serial: what is left once the day's date has ended, or when the day carried nothing on; null for a hall that gave no id.</summary>
    public static CarriedDay? SerialOnly(long serial) => serial > 0 ? new CarriedDay([], [], [], 0, serial) : null;

    /// <summary>True when nothing but the serial is left (a hall added again takes no day from it, only its ids).</summary>
    public bool IsSerialOnly => Numbering.Length == 0 && Issued.Length == 0 && CheckIns.Length == 0;
}
