using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>The ticket kiosk: what a hall offers, taking tickets, and the halls nearby with the shortest wait.</summary>
[Authorize(Roles = $"{DeviceRoles.Kiosk},{DeviceRoles.Admin}")]
public sealed class KioskService(HallDirectory halls, HallFeeds feeds, KioskRateLimit rateLimit, TimeProvider time) : Kiosk.KioskBase
{
    /// <inheritdoc/>
    public override async Task<ServiceList> ListServices(ListServicesRequest request, ServerCallContext context)
    {
        var feed = feeds.Get(request.Hall);
        // A faulted hall refuses every ticket: ask the hall, which answers HallFaulted, rather than list its last figures
        // as issuing.
        var snapshot = feed.Hall.IsFaulted ? null : feed.LatestSnapshot;
        snapshot ??= await feed.Hall.GetSnapshotAsync(SnapshotDetail.Services, context.CancellationToken).ConfigureAwait(false);
        var catalog = HallCatalog.Of(feed.Hall.Definition);
        var now = time.GetUtcNow();
        var list = new ServiceList
        {
            Hall = feed.HallId, HallName = catalog.Definition.Name, DayOpen = snapshot.DayOpen, TimeZone = catalog.IanaTimeZone, Time = now.ToProto(),
            NormalClass = catalog.Definition.Priority.NormalClass,
            Language = feed.Language, // as the hall's screens get it: the kiosk writes its own texts in it
        };
        foreach (var figures in snapshot.Services)
        {
            if (catalog.Service(figures.Service) is not { } service)
            {
                continue; // removed by a redefinition since the snapshot
            }

            var category = catalog.Category(service.Category);
            list.Services.Add(new OfferedService
            {
                Service = service.Id,
                Name = service.Name,
                Category = category?.Name ?? service.Category,
                Prefix = category?.Prefix ?? "",
                Waiting = figures.InLine, // what a ticket taken now has ahead: not the tickets sent to a window's own queue
                EstimatedWait = Estimates.Wait(figures).ToProto(),
                IssuingOpen = snapshot.DayOpen && catalog.IssuingOpen(service, figures.IssuedToday, now),
                OpenWindows = figures.OpenWindows,
                NotIssuingReason = catalog.NotIssuingReason(service, figures.IssuedToday, snapshot.DayOpen, now),
                DailyCapReached = snapshot.DayOpen && catalog.OnlyCapReached(service, figures.IssuedToday, now),
            });
        }

        return list;
    }

    /// <inheritdoc/>
    public override async Task<Ticket> TakeTicket(TakeTicketRequest request, ServerCallContext context)
    {
        var hall = halls.Get(request.Hall);
        var services = RequestFields.Services(request.Services);
        var attributes = request.Attributes ?? new TicketAttributes();
        if (attributes.Age is < 0 or > 150)
        {
            throw GrpcErrors.InvalidArgument($"attributes.age must be 0 (not given) to 150; it is {attributes.Age}.");
        }

        var flags = (attributes.Disabled ? TicketFlags.Disabled : 0) | (attributes.Pregnant ? TicketFlags.Pregnant : 0)
            | (attributes.KeyEnterprise ? TicketFlags.KeyEnterprise : 0) | (attributes.GreenChannel ? TicketFlags.GreenChannel : 0);
        string? appointment = null;
        DateTimeOffset slot = default;
        if (request.Appointment is { } booked)
        {
            // The code as booked: without the spaces or line end a scanner or a keyboard adds around it, so the same
            // booking read twice is the same appointment (one visit), and a blank read is no appointment.
            appointment = RequestFields.Code(booked.Code.Trim(), "appointment.code", HallCommand.MaxAppointmentLength)
                ?? throw GrpcErrors.InvalidArgument("appointment.code is required for an appointment check-in (it is empty or blank).");
            // 0001-01-01 is the engine's "no slot" (and a client's unset time, default(DateTimeOffset)): refused here,
            // naming the field, as a missing slot is.
            slot = RequestFields.Instant(booked.Slot, "appointment.slot") is { UtcTicks: > 0 } given
                ? given
                : throw GrpcErrors.InvalidArgument("appointment.slot is required for an appointment check-in (it is unset, or 0001-01-01, which is no slot).");
        }

        var command = HallCommand.IssueTicket(services, (byte)attributes.Age, flags, priorityClass: null, appointment, slot)
            .WithRequestId(request.RequestId, context);
        await rateLimit.TakeAsync(context, hall, command.RequestId).ConfigureAwait(false);
        var result = await hall.SubmitAsync(command, context.CancellationToken).ConfigureAwait(false);
        var ticket = result.ToTicket(hall);
        // The printed ticket's time: the server's, not the kiosk's clock. The engine's issue time, so a retry answered
        // with the first ticket prints when that ticket was issued; the server's clock only when the engine does not
        // know it (a retry remembered across an upgrade whose ticket is gone).
        ticket.IssuedAt = (result.IssuedAt != default ? result.IssuedAt : time.GetUtcNow()).ToProto();
        return ticket;
    }

    /// <inheritdoc/>
    public override async Task<Ticket> GetTicket(GetTicketRequest request, ServerCallContext context)
    {
        var hall = halls.Get(request.Hall);
        var result = await hall.QueryTicketAsync(RequestFields.TicketId(request.Ticket), context.CancellationToken).ConfigureAwait(false);
        return result.ToTicket(hall);
    }

    /// <inheritdoc/>
    public override Task<HallSuggestions> SuggestHalls(SuggestHallsRequest request, ServerCallContext context)
    {
        RequestFields.NotNegative(request.Service, "service");
        // A region as AddHall and ListHalls take it: one with a control character (a scanner's line end) matches no hall,
        // and the kiosk would say "no hall nearby" rather than that the request was wrong.
        if (RequestFields.Region(request.Region, "region").Length == 0)
        {
            // "" is the region of every hall configured without one, not a region: those halls are not neighbours.
            throw GrpcErrors.InvalidArgument("region is required: halls are suggested from one region (the halls' configured Region).");
        }

        var max = request.MaxHalls switch
        {
            0 => 5,
            < 0 or > 100 => throw GrpcErrors.InvalidArgument($"max_halls must be 1 to 100; it is {request.MaxHalls}."),
            var n => n,
        };
        var now = time.GetUtcNow();
        var candidates = new List<HallSuggestion>();
        foreach (var id in halls.Engine.HallIds)
        {
            if (!string.Equals(halls.Profile(id).Region, request.Region, StringComparison.Ordinal)
                || !halls.Engine.TryGetHall(id, out var hall) || hall.IsFaulted) // a faulted hall issues nothing: never suggested
            {
                continue;
            }

            var catalog = HallCatalog.Of(hall.Definition);
            if (catalog.Service(request.Service) is not { } service || LatestSnapshot(id) is not { } snapshot)
            {
                continue;
            }

            var figures = snapshot.Services.FirstOrDefault(s => s.Service == request.Service);
            if (figures is null)
            {
                continue;
            }

            candidates.Add(new HallSuggestion
            {
                Hall = id,
                HallName = catalog.Definition.Name,
                Waiting = figures.InLine, // what a ticket taken now has ahead: not the tickets sent to a window's own queue
                EstimatedWait = Estimates.Wait(figures).ToProto(),
                IssuingOpen = snapshot.DayOpen && catalog.IssuingOpen(service, figures.IssuedToday, now),
                OpenWindows = figures.OpenWindows,
            });
        }

        // Suggestions are public figures of the region's halls: any kiosk may ask, whatever halls it issues in.
        var reply = new HallSuggestions { Region = request.Region, Service = request.Service };
        reply.Halls.AddRange(candidates
            .OrderByDescending(c => c.IssuingOpen)
            // A hall where nobody serves the item estimates as if one window did: its "short" wait is no wait at all.
            .ThenByDescending(c => c.OpenWindows > 0)
            .ThenBy(c => c.EstimatedWait.ToTimeSpan())
            .ThenBy(c => c.Hall, StringComparer.Ordinal)
            .Take(max));
        return Task.FromResult(reply);
    }

    /// <summary>
    /// The hall's latest figures, or null when an admin removed the hall since it was listed: one hall gone must not
    /// fail the suggestion of the others.
    /// </summary>
    private QueueCore.HallSnapshot? LatestSnapshot(string hall)
    {
        try
        {
            return feeds.Get(hall).LatestSnapshot;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
