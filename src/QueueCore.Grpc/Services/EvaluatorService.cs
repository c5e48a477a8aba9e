using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>The evaluator pad at a window: rates the service just finished there (five levels).</summary>
[Authorize(Roles = $"{DeviceRoles.Evaluator},{DeviceRoles.Admin}")]
public sealed class EvaluatorService(HallFeeds feeds) : Evaluator.EvaluatorBase
{
    /// <inheritdoc/>
    public override async Task<PadInfo> GetPad(PadRequest request, ServerCallContext context)
    {
        var window = RequestFields.Positive(request.Window, "window");
        var feed = feeds.Get(request.Hall);
        var definition = feed.Hall.Definition;
        HallCatalog.Of(definition).RequireWindow(window);

        // From the feed, no snapshot of the hall: pads ask every few seconds, and what they show is for the citizen to
        // read, a moment behind at most. The rating itself (Rate with ticket 0) reads up to the hall's present.
        var last = feed.LastFinished(window, out var cleared, out var rated)
            ?? await AskHallAsync(feed, window, cleared, context.CancellationToken).ConfigureAwait(false);
        return new PadInfo
        {
            Hall = feed.HallId,
            HallName = definition.Name,
            Window = window,
            WindowName = HallCatalog.Of(definition).WindowName(window),
            Language = feed.Language,
            LastTicket = last?.Ticket ?? 0,
            LastNumber = last?.Number ?? "",
            // A reloaded pad knew only in memory what it had rated, and asked for that service again.
            LastRated = rated && last is { Ticket: > 0 },
        };
    }

    /// <summary>
    /// The ticket <paramref name="window"/> finished last as the hall keeps it, when the feed has not seen one finish since
    /// it started (a server restart: the citizen served just before it is still at the pad, which showed nothing to rate)
    /// or resynchronised; kept in the feed so the pad's next reads need not ask again. Null when the hall cannot tell.
    /// </summary>
    private static async Task<(long Ticket, string Number)?> AskHallAsync(HallFeed feed, int window, long cleared, CancellationToken cancellationToken)
    {
        if (await feed.Hall.GetLastFinishedAsync(window, cancellationToken).ConfigureAwait(false) is not { } ticket)
        {
            return null;
        }

        var number = "";
        if (ticket > 0)
        {
            // A query changes nothing and is not journaled; the ticket is today's (the hall's day keeps its tickets).
            var query = await feed.Hall.QueryTicketAsync(ticket, cancellationToken).ConfigureAwait(false);
            if (!query.IsSuccess)
            {
                return null;
            }

            number = query.Number.ToString();
        }

        feed.LearnLastFinished(window, ticket, number, cleared);
        return (ticket, number);
    }

    /// <inheritdoc/>
    public override async Task<RateReply> Rate(RateRequest request, ServerCallContext context)
    {
        var window = RequestFields.Positive(request.Window, "window");
        if (request.Score is < 1 or > 5)
        {
            throw GrpcErrors.InvalidArgument($"score must be 1 (very dissatisfied) to 5 (very satisfied); it is {request.Score}.");
        }

        if (request.Ticket < 0)
        {
            throw GrpcErrors.InvalidArgument($"ticket must be 0 (the last finished at the window) or a ticket id; it is {request.Ticket}.");
        }

        var requestId = RequestFields.RequestId(request.RequestId, context);
        var feed = feeds.Get(request.Hall);
        HallCatalog.Of(feed.Hall.Definition).RequireWindow(window);

        var ticket = request.Ticket;
        var number = "";
        if (ticket == 0 && requestId is { } id
            && await feed.Hall.GetRequestResultAsync(id, context.CancellationToken).ConfigureAwait(false) is { IsSuccess: true } first)
        {
            // A retry of a rating the hall accepted (the pad lost the answer): it rates what the first attempt resolved
            // "the last finished here" to, so the hall recognises the same command and answers as the first time. Resolved
            // again, it named the window's next finished ticket, and the hall refused the id as used for another command.
            // (With another score or window it is another command still, and refused as such.)
            (ticket, number) = (first.Ticket, first.Number.ToString());
        }
        else if (ticket == 0)
        {
            // The pad asks right after the clerk's Finish, and the feed reads the hall's events a moment later: let it
            // read up to the hall's present first, or the answer is "nothing finished yet" or the ticket before.
            var present = await feed.Hall.GetSnapshotAsync(SnapshotDetail.Figures, context.CancellationToken).ConfigureAwait(false);
            feed.Offer(present);
            await feed.CaughtUpAsync(present.Sequence, context.CancellationToken).ConfigureAwait(false);
            if (feed.LastFinished(window) is { Ticket: > 0 } seen) // 0: the hall said none when a pad asked
            {
                (ticket, number) = seen;
            }
            else
            {
                // The feed has not seen the window finish a ticket since it started (a server restart) or resynchronised:
                // the hall keeps each window's last finished ticket with its state. Only a hall recovered from a journal
                // written before it kept them reads it from its tickets, and may not be able to tell.
                ticket = await feed.Hall.GetLastFinishedAsync(window, context.CancellationToken).ConfigureAwait(false) switch
                {
                    null => throw GrpcErrors.Create(
                        StatusCode.FailedPrecondition,
                        $"Hall '{feed.HallId}' cannot tell which ticket window {window} finished last since the server restarted (its journal was written before halls kept it): a visit finished there went on to its next item, maybe after the window's last completed ticket. Rate it by its ticket id.",
                        nameof(QueueError.TicketWrongState)),
                    0 => throw GrpcErrors.Create(
                        StatusCode.FailedPrecondition, $"No ticket has been finished at window {window} of hall '{feed.HallId}' yet.", nameof(QueueError.TicketWrongState)),
                    var found => found.Value,
                };
            }
        }

        var rate = HallCommand.Rate(ticket, request.Score) with { Window = window };
        var result = await feed.Hall.SubmitAsync(requestId is { } retried ? rate.WithRequestId(retried) : rate, context.CancellationToken)
            .ConfigureAwait(false);
        GrpcErrors.ThrowIfFailed(result, feed.HallId);
        return new RateReply
        {
            Hall = feed.HallId,
            Window = window,
            Ticket = ticket,
            Number = result.Number.IsEmpty ? number : result.Number.ToString(),
            Score = request.Score,
            Sequence = result.Sequence,
        };
    }
}
