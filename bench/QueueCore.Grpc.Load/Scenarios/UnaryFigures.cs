using QueueCore.Grpc.Load.Drivers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>One server's unary figures: issue-ticket at peak and paced, call-next at peak (if run), CPU while idle.</summary>
internal sealed record UnaryFigures(UnaryResult Peak, UnaryResult Paced, UnaryResult? Calls, double IdleCores);
