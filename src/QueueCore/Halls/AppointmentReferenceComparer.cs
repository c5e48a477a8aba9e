namespace QueueCore;

/// <summary>
/// Appointment references as citizens type them: equal ignoring letter case (ordinal) and the white space around them,
/// so " ab12" at the kiosk is the booking "AB12". Compares spans of the strings: allocates nothing.
/// </summary>
internal sealed class AppointmentReferenceComparer : IEqualityComparer<string>
{
    public static readonly AppointmentReferenceComparer Instance = new();

    private AppointmentReferenceComparer()
    {
    }

    public bool Equals(string? x, string? y) =>
        x is null || y is null ? ReferenceEquals(x, y) : x.AsSpan().Trim().Equals(y.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);
}
