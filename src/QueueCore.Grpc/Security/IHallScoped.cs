namespace QueueCore.Grpc.Security;

/// <summary>A request that acts on one hall: the caller must hold that hall.</summary>
public interface IHallScoped
{
    /// <summary>The hall the request acts on.</summary>
    string Hall { get; }
}

/// <summary>A request that acts on one window: a caller bound to a window must name that window.</summary>
public interface IWindowScoped : IHallScoped
{
    /// <summary>The window the request acts on.</summary>
    int Window { get; }
}
