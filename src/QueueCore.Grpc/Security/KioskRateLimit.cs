using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using QueueCore.Grpc.Hosting;

namespace QueueCore.Grpc.Security;

/// <summary>
/// Tickets per kiosk: a token bucket per device (ASP.NET Core's rate limiter), so one device cannot flood a hall
/// with tickets. A refused call gets ResourceExhausted with a message, as a gRPC client expects, not HTTP 429; the
/// message says when to retry, and a <c>retry-after</c> header (a trailer to a gRPC client) gives that wait in seconds.
/// </summary>
public static class KioskRateLimit
{
    /// <summary>The policy's name, on <c>Kiosk.TakeTicket</c>.</summary>
    public const string Policy = "kiosk-tickets";

    /// <summary>The reason (google.rpc.ErrorInfo) of a refusal by the limit.</summary>
    public const string RateLimitedReason = "RateLimited";

    /// <summary>Adds the policy with the rates of <paramref name="options"/>.</summary>
    public static void Add(RateLimiterOptions limiter, ServerOptions options)
    {
        limiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
            context.User.DeviceId(),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.KioskTicketBurst),
                TokensPerPeriod = 1, // one token every 1/rate minutes: a steady rate, not a burst each minute
                // At least one tick: a rate above 600 million a minute (int.MaxValue, to turn the limit off) made the
                // period zero, which the limiter refuses, and every TakeTicket failed with HTTP 500.
                ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / Math.Max(1, options.KioskTicketsPerMinute))),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        limiter.OnRejected = (context, _) =>
        {
            // A trailers-only gRPC response: HTTP 200 with the status in the headers; reason RateLimited, which a kiosk
            // tells from a daily cap (LimitReached) and an overloaded shard (Overloaded), all ResourceExhausted.
            var response = context.HttpContext.Response;
            response.ContentType = "application/grpc";
            // When the bucket has a token again (the limiter's RetryAfter: whole refill periods, so never too early), in
            // whole seconds rounded up, as HTTP's Retry-After counts: in the message for the people who read it, and as
            // retry-after for a client that waits by itself.
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds))
                : (long?)null;
            var message = $"Device '{context.HttpContext.User.DeviceId()}' takes tickets faster than {options.KioskTicketsPerMinute} per minute; "
                + (retryAfter is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"retry in {seconds} s.") : "wait and retry.");
            Mapping.GrpcErrors.WriteTrailersOnly(response, global::Grpc.Core.StatusCode.ResourceExhausted, message, RateLimitedReason);
            if (retryAfter is { } after)
            {
                response.Headers.RetryAfter = after.ToString(CultureInfo.InvariantCulture);
            }

            return ValueTask.CompletedTask;
        };
    }
}
