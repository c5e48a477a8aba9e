namespace QueueCore.Grpc.Load.Servers;

/// <summary>Which server a measurement runs against.</summary>
internal enum ServerKind
{
    /// <summary>The QueueCore hall server (QueueCoreServer.Build): engine, feeds, authentication, rate limit, metrics.</summary>
    Real,

    /// <summary>A bare grpc-dotnet server of the same contracts: constant replies, a Channel per display stream.</summary>
    Bare,
}
