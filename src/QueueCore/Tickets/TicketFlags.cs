namespace QueueCore;

/// <summary>Attributes a kiosk reads or asks for (ID card, key-enterprise list) from which hall rules derive priority.</summary>
[Flags]
public enum TicketFlags : byte
{
    /// <summary>No attribute.</summary>
    None = 0,

    /// <summary>The citizen has a disability.</summary>
    Disabled = 1,

    /// <summary>The citizen is pregnant.</summary>
    Pregnant = 2,

    /// <summary>The business is on the key-enterprise list.</summary>
    KeyEnterprise = 4,

    /// <summary>The visit qualifies for the green channel (granted by staff or by a list the kiosk checks).</summary>
    GreenChannel = 8,
}
