using QueueCore.Grpc.Load.Drivers;

namespace QueueCore.Grpc.Load.Scenarios;

/// <summary>One server's unary figures: issue-ticket at peak, paced at the target rate and at a quarter of it, call-next at peak (if run), CPU while idle.</summary>
internal sealed record UnaryFigures(UnaryResult Peak, UnaryResult Paced, UnaryResult Moderate, UnaryResult? Calls, double IdleCores);
