using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;

namespace QueueCore.Grpc.Security;

/// <summary>
/// Tickets per kiosk: a token bucket per device, so one device cannot flood a hall with tickets. A refused call gets
/// ResourceExhausted (reason <see cref="RateLimitedReason"/>) with a message that says when to retry, and a
/// <c>retry-after</c> trailer (a header of the trailers-only answer) gives that wait in seconds. Taken in
/// <c>Kiosk.TakeTicket</c> itself, once its request is read, not by ASP.NET Core's rate-limiting middleware, which decides
/// before: a retry of a ticket the hall already issued (its answer lost, the same request_id) gets that ticket even when
/// the kiosk's allowance is spent meanwhile, instead of a refusal that leaves the citizen without the ticket printed for
/// them nowhere.
/// </summary>
public sealed class KioskRateLimit : IDisposable
{
    /// <summary>The reason (google.rpc.ErrorInfo) of a refusal by the limit.</summary>
    public const string RateLimitedReason = "RateLimited";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly int _perMinute;

    internal KioskRateLimit(IOptions<ServerOptions> options)
    {
        var server = options.Value;
        _perMinute = server.KioskTicketsPerMinute;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, server.KioskTicketBurst),
            TokensPerPeriod = 1, // one token every 1/rate minutes: a steady rate, not a burst each minute
            // At least one tick: a rate above 600 million a minute (int.MaxValue, to turn the limit off) made the period
            // zero, which the limiter refuses, and every TakeTicket failed with HTTP 500.
            ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / Math.Max(1, server.KioskTicketsPerMinute))),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        Func<string, TokenBucketRateLimiterOptions> bucketOf = _ => bucket; // one delegate, not one per call
        _limiter = PartitionedRateLimiter.Create<string, string>(device => RateLimitPartition.GetTokenBucketLimiter(device, bucketOf));
    }

    /// <summary>
    /// Takes one ticket from the allowance of <paramref name="context"/>'s device. When it is spent, a retry of a request
    /// <paramref name="hall"/> carried out (<paramref name="requestId"/>, <see cref="Guid.Empty"/> for none) goes on: the
    /// hall answers it with its first ticket and issues none. Anything else is refused.
    /// </summary>
    /// <exception cref="RpcException">ResourceExhausted (reason RateLimited), from the returned task.</exception>
    internal ValueTask TakeAsync(ServerCallContext context, HallHandle hall, Guid requestId)
    {
        var device = context.GetHttpContext().User.DeviceId();
        using var lease = _limiter.AttemptAcquire(device);
        if (lease.IsAcquired)
        {
            return ValueTask.CompletedTask;
        }

        // When the bucket has a token again (the limiter's RetryAfter: whole refill periods, so never too early), in whole
        // seconds rounded up, as HTTP's Retry-After counts.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)) : (long?)null;
        return RefuseUnlessCarriedOutAsync(device, retryAfter, hall, requestId, context.CancellationToken);
    }

    private async ValueTask RefuseUnlessCarriedOutAsync(string device, long? retryAfter, HallHandle hall, Guid requestId, CancellationToken cancellationToken)
    {
        if (requestId != Guid.Empty
            && await hall.GetRequestResultAsync(requestId, cancellationToken).ConfigureAwait(false) is { IsSuccess: true })
        {
            return; // a retry: the hall gives back its first ticket (or refuses the id reused for another command)
        }

        // ResourceExhausted with reason RateLimited, which a kiosk tells from a daily cap (LimitReached) and an overloaded
        // shard (Overloaded): the wait in the message for the people who read it, and as retry-after for a client that
        // waits by itself.
        var refused = GrpcErrors.Create(
            StatusCode.ResourceExhausted,
            $"Device '{device}' takes tickets faster than {_perMinute} per minute; "
                + (retryAfter is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"retry in {seconds} s.") : "wait and retry."),
            RateLimitedReason);
        if (retryAfter is { } after)
        {
            refused.Trailers.Add("retry-after", after.ToString(CultureInfo.InvariantCulture));
        }

        throw refused;
    }

    /// <inheritdoc/>
    public void Dispose() => _limiter.Dispose();
}
