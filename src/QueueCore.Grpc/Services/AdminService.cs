using System.Runtime.CompilerServices;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using QueueCore.Grpc.Feeds;
using QueueCore.Grpc.Hosting;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <summary>
/// Hall administration at run time. Changes go through the engine's redefine, which keeps the day (queue,
/// numbering, tickets at windows); they are applied one at a time so two admins editing a hall cannot lose each
/// other's change.
/// </summary>
[Authorize(Roles = DeviceRoles.Admin)]
public sealed partial class AdminService(HallDirectory halls, HallFeeds feeds, AdminGate gate, AdminRequests requests, IHostApplicationLifetime lifetime)
    : Admin.AdminBase
{
    /// <summary>The largest hall definition accepted, in characters of JSON.</summary>
    public const int MaxDefinitionLength = 1 << 20;

    /// <summary>The reason of a change the hall's day or its other entries stand in the way of (FailedPrecondition).</summary>
    private const string DefinitionInUse = "DefinitionInUse";

    /// <summary>The longest expected handling time <c>PutService</c> accepts, in minutes: a day, as the engine bounds it.</summary>
    public const int MaxExpectedHandlingMinutes = 24 * 60;

    /// <inheritdoc/>
    public override async Task<HallList> ListHalls(ListHallsRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        RequestFields.Region(request.Region, "region");
        var list = new HallList();
        foreach (var id in halls.Engine.HallIds.Order(StringComparer.Ordinal))
        {
            if (user.MayUseHall(id) && (request.Region.Length == 0 || halls.Profile(id).Region == request.Region)
                && halls.Engine.TryGetHall(id, out var hall))
            {
                list.Halls.Add(await InfoAsync(hall, fresh: false, context.CancellationToken).ConfigureAwait(false));
            }
        }

        return list;
    }

    /// <inheritdoc/>
    public override Task<HallDefinitionJson> GetHall(HallId request, ServerCallContext context)
    {
        var hall = halls.Get(request.Hall);
        return Task.FromResult(new HallDefinitionJson { Hall = hall.Id, Json = HallConfiguration.ToJson(hall.Definition) });
    }

    /// <inheritdoc/>
    public override async Task<HallInfo> AddHall(AddHallRequest request, ServerCallContext context)
    {
        var definition = Parse(request.Json);
        RequestFields.HallId(definition.Id, "The hall's Id");
        RequestFields.Region(request.Region, "region");
        var user = context.GetHttpContext().User;
        if (!user.MayUseHall(definition.Id))
        {
            throw GrpcErrors.Create(StatusCode.PermissionDenied, $"Device '{user.DeviceId()}' may not add hall '{definition.Id}'.", "PermissionDenied");
        }

        var language = HallLanguage.Normalize(request.Language, out var problem) ?? throw GrpcErrors.InvalidArgument(
            $"language '{RequestFields.Clip(request.Language)}' {problem}; use a tag of English or Chinese, e.g. \"en\", \"en-GB\", \"zh-CN\".");
        return await OnceAsync(context, request, request.RequestId, async (requestId, token) =>
        {
            if (halls.Engine.TryGetHall(definition.Id, out _))
            {
                throw GrpcErrors.Create(StatusCode.AlreadyExists, $"Hall '{definition.Id}' already exists.", "HallExists");
            }

            // As the engine refuses it, but as the id being taken rather than an invalid definition.
            if (halls.Engine.HallIds.FirstOrDefault(id => string.Equals(id, definition.Id, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                throw GrpcErrors.Create(
                    StatusCode.AlreadyExists,
                    $"Hall '{definition.Id}' differs from hall '{twin}', which exists, only in letter case; hall ids must differ in more than letter case.",
                    "HallExists");
            }

            HallHandle hall;
            try
            {
                hall = halls.Engine.AddHall(definition);
            }
            catch (ArgumentException e)
            {
                throw GrpcErrors.InvalidArgument($"The hall's definition is invalid: {ArgumentMessage.Of(e)}");
            }

            halls.SetProfile(hall.Id, new HallProfile { Region = request.Region, Language = language });
            var feed = feeds.Get(hall.Id); // before the day opens, so screens miss nothing
            if (!request.HasOpenDay || request.OpenDay)
            {
                await feed.Attached.WaitAsync(token).ConfigureAwait(false);
                var opened = await hall.OpenDayAsync(token).ConfigureAwait(false);
                GrpcErrors.ThrowIfFailed(opened, hall.Id);
                await feed.CaughtUpAsync(opened.Sequence, token).ConfigureAwait(false);
            }
            else
            {
                // Added closed, nothing waited for the journal: the answer came before the hall's record was safe, so a
                // crash (or a power loss, in the durable mode) right after it could lose a hall the manager had been told
                // was added. A tick is a command that changes nothing in a hall with no day: its result, like the day's
                // opening above, is given once its record and the hall's record before it are safe.
                GrpcErrors.ThrowIfFailed(await hall.SubmitAsync(HallCommand.Tick(), token).ConfigureAwait(false), hall.Id);
            }

            // As at start: once added, the hall's screens get the open day and the waiting counts in their first snapshot.
            await feed.FiguresReady.WaitAsync(token).ConfigureAwait(false);
            return await InfoAsync(hall, fresh: true, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<HallInfo> RedefineHall(HallDefinitionJson request, ServerCallContext context)
    {
        var definition = Parse(request.Json);
        // Compared once the hall is found: a mistyped hall is NotFound, not "the ids differ" about a hall there is none of.
        return await ChangeAsync(request.Hall, _ => definition.Id == request.Hall ? definition : throw GrpcErrors.InvalidArgument(
            $"json's Id '{RequestFields.Clip(definition.Id, RequestFields.MaxIdLength)}' differs from hall '{RequestFields.Clip(request.Hall, RequestFields.MaxIdLength)}': a redefinition keeps the hall's id."),
            "json cannot be applied now", context, request, request.RequestId).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<HallInfo> RemoveHall(HallId request, ServerCallContext context)
    {
        return await OnceAsync(context, request, request.RequestId, async (_, token) =>
        {
            var hall = halls.Get(request.Hall);
            var info = await InfoAsync(hall, fresh: true, token).ConfigureAwait(false);
            if (!await halls.Engine.RemoveHallAsync(request.Hall, token).ConfigureAwait(false))
            {
                throw GrpcErrors.UnknownHall(request.Hall);
            }

            await feeds.RemoveAsync(request.Hall).ConfigureAwait(false);
            halls.RemoveProfile(request.Hall);
            return info;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task<HallInfo> OpenDay(HallId request, ServerCallContext context) =>
        DayAsync(request.Hall, HallCommand.OpenDay(), context, request, request.RequestId);

    /// <inheritdoc/>
    public override Task<HallInfo> CloseDay(CloseDayRequest request, ServerCallContext context) =>
        DayAsync(request.Hall, HallCommand.CloseDay(request.KeepWaiting ? DayClosePolicy.ServeRemaining : DayClosePolicy.CancelWaiting), context, request, request.RequestId);

    /// <summary>
    /// Opens or closes the hall's day. The engine remembers the request id with the hall, so a retry never opens or closes
    /// it twice (across a restart too); the answer is remembered as the other changes' are, so a retry gets the first one:
    /// read afresh, a retried CloseDay answered day_open true when another admin had opened the day since.
    /// </summary>
    private Task<HallInfo> DayAsync(
        string hallId, HallCommand command, ServerCallContext context, IMessage request, string requestIdField, [CallerMemberName] string method = "") =>
        OnceAsync(context, request, requestIdField, async (requestId, token) =>
        {
            var hall = halls.Get(hallId);
            // The hall remembers the id as the calling device's (DeviceRequestIds), as it does a kiosk's or a terminal's.
            var scoped = requestId is { } id ? command.WithRequestId(DeviceRequestIds.Scoped(context.GetHttpContext().User, id)) : command;
            GrpcErrors.ThrowIfFailed(await hall.SubmitAsync(scoped, token).ConfigureAwait(false), hall.Id);
            return await InfoAsync(hall, fresh: true, token).ConfigureAwait(false);
        }, method);

    /// <inheritdoc/>
    public override Task<HallInfo> PutService(PutServiceRequest request, ServerCallContext context)
    {
        var def = request.Service ?? throw GrpcErrors.InvalidArgument("service is required.");
        var waitLimit = RequestFields.Optional(def.WaitLimitMinutes, "service.wait_limit_minutes");
        var expectedHandling = RequestFields.Optional(def.ExpectedHandlingMinutes, "service.expected_handling_minutes");
        if (expectedHandling > MaxExpectedHandlingMinutes)
        {
            // Checked here, not left to the engine, whose refusal names its own ServiceItem.ExpectedHandlingTime: the
            // client set expected_handling_minutes and looks for that name.
            throw GrpcErrors.InvalidArgument(
                $"service.expected_handling_minutes must be at most {MaxExpectedHandlingMinutes} (a day); it is {expectedHandling}.");
        }

        var item = new ServiceItem
        {
            Id = RequestFields.NotNegative(def.Id, "service.id"),
            Name = RequestFields.Name(def.Name, "service.name"),
            Category = def.Category,
            DailyCap = RequestFields.Optional(def.DailyCap, "service.daily_cap"),
            WaitLimit = waitLimit is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            QueueWarningLength = RequestFields.Optional(def.QueueWarningLength, "service.queue_warning_length"),
        };
        if (expectedHandling is { } handling)
        {
            item = item with { ExpectedHandlingTime = TimeSpan.FromMinutes(handling) };
        }

        return ChangeAsync(request.Hall, d =>
        {
            Known(d.Categories.Any(c => c.Id == item.Category), $"service.category '{RequestFields.Clip(item.Category)}' is not a category of hall '{d.Id}'.");

            // A replaced item keeps what ServiceDef cannot say (issuing hours, service time limit, an expected time left
            // at 0), so renaming a service does not silently drop its hours.
            var replaced = d.Services.FirstOrDefault(s => s.Id == item.Id);
            var put = replaced is not null
                ? item with
                {
                    IssuingHours = replaced.IssuingHours,
                    ServiceTimeLimit = replaced.ServiceTimeLimit,
                    ExpectedHandlingTime = expectedHandling is null ? replaced.ExpectedHandlingTime : item.ExpectedHandlingTime,
                }
                : item;
            var services = Put(d.Services, s => s.Id == put.Id, put);
            if (replaced is not null && replaced.Category != put.Category)
            {
                NotASkill(d, replaced, services);
            }

            var next = d with { Services = services };
            if (Unserved(next, d.Windows) is not null)
            {
                // As for a window's skills left out: the request is right, the hall's windows stand in the way. And a
                // window's skill may name only an item or category the hall has, so PutWindow cannot come first.
                throw GrpcErrors.Create(
                    StatusCode.FailedPrecondition,
                    $"Service {put.Id} would be served by no window: none is comprehensive or has a skill naming it or service.category '{RequestFields.Clip(put.Category)}'; add it with a window's skill for it in one RedefineHall, or make a window comprehensive (PutWindow) first.",
                    DefinitionInUse);
            }

            return next;
        }, $"service.id {item.Id} cannot be put now", context, request, request.RequestId);
    }

    /// <inheritdoc/>
    public override Task<HallInfo> RemoveService(RemoveServiceRequest request, ServerCallContext context)
    {
        var service = RequestFields.NotNegative(request.Service, "service");
        return ChangeAsync(request.Hall, d =>
        {
            var removed = d.Services.FirstOrDefault(s => s.Id == service)
                ?? throw GrpcErrors.UnknownService(d.Id, service);
            List<ServiceItem> rest = [.. d.Services.Where(s => s.Id != service)];
            NotASkill(d, removed, rest);
            return d with { Services = rest };
        }, $"service {service} cannot be removed now", context, request, request.RequestId);
    }

    /// <summary>
    /// Refuses to remove <paramref name="removed"/> (or move it out of its category) while a window's skill names it, or
    /// names its category and it is the category's last item. The engine refuses that too, but as an invalid definition
    /// naming an unknown item ("window 3 names unknown service item 1"), when the admin's request was right and the
    /// window stands in the way.
    /// </summary>
    private static void NotASkill(HallDefinition d, ServiceItem removed, List<ServiceItem> rest)
    {
        var gone = !rest.Any(s => s.Id == removed.Id);
        var lastOfCategory = !rest.Any(s => s.Category == removed.Category);
        foreach (var window in d.Windows)
        {
            for (var k = 0; k < window.Skills.Count; k++)
            {
                var skill = window.Skills[k];
                var named = skill.Category is null
                    ? gone && skill.Service == removed.Id ? $"Service {removed.Id} is a skill of window {window.Id}" : null
                    : lastOfCategory && skill.Category == removed.Category
                        ? $"Service {removed.Id} is the last service item of category '{removed.Category}', a skill of window {window.Id}"
                        : null;
                if (named is not null)
                {
                    // The last window serving the item cannot drop the skill alone (PutWindow refuses that, sending the admin
                    // back here): both changes go in one RedefineHall.
                    var alone = !d.Windows.Any(w => w.Id != window.Id && Serves(w, removed));
                    throw GrpcErrors.Create(
                        StatusCode.FailedPrecondition,
                        $"{named} (window.skills[{k}] in PutWindow); take that skill from the window first{(alone ? $", or, as window {window.Id} is the last window serving service {removed.Id}, make both changes in one RedefineHall" : "")}.",
                        DefinitionInUse);
                }
            }
        }
    }

    /// <summary>
    /// A service item of <paramref name="d"/> that none of <paramref name="windows"/> serves, or null. The engine refuses
    /// such a hall too, but as an invalid definition ("no window serves service item 3"): when a window is removed or
    /// its skills narrowed, the request was right, and the service stands in the way, as a window's skill does for
    /// RemoveService; when an item is put that no window would serve, the windows stand in the way.
    /// </summary>
    private static ServiceItem? Unserved(HallDefinition d, IReadOnlyList<WindowDefinition> windows) =>
        d.Services.FirstOrDefault(s => !windows.Any(w => Serves(w, s)));

    /// <summary>Whether <paramref name="w"/> serves <paramref name="s"/>: comprehensive, or a skill naming it or its category.</summary>
    private static bool Serves(WindowDefinition w, ServiceItem s) =>
        w.Comprehensive || w.Skills.Any(k => k.Category is null ? k.Service == s.Id : k.Category == s.Category);

    /// <summary>
    /// The other way out when the last window serving <paramref name="unserved"/> is to change: RemoveService refuses
    /// while that window's skill names the item, so each refusal sent the admin to the other.
    /// </summary>
    private static string TakeOut(ServiceItem unserved) =>
        $", or, to take service {unserved.Id} out of the hall, remove it and the window's skill for it in one RedefineHall";

    /// <summary>
    /// Refuses what <paramref name="window"/> names that hall <paramref name="d"/> does not have, and a skill listed twice,
    /// naming the request's field: the engine refuses them too, but in its own words ("window 7 names unknown service
    /// item 99", "DedicatedClass"), which name no field the admin's client set.
    /// </summary>
    private static void KnownReferences(WindowDefinition window, HallDefinition d)
    {
        for (var k = 0; k < window.Skills.Count; k++)
        {
            var skill = window.Skills[k];
            var field = $"window.skills[{k}]";
            var first = Enumerable.Range(0, k).FirstOrDefault(j => window.Skills[j] == skill, k); // by value; only overflow skills have a delay
            Known(first == k, $"{field} repeats window.skills[{first}]; list each skill once.");
            if (skill.Category is { } category)
            {
                Known(d.Services.Any(s => s.Category == category),
                    $"{field}.category '{RequestFields.Clip(category)}' is not a category of hall '{d.Id}' with service items.");
            }
            else
            {
                Known(d.Services.Any(s => s.Id == skill.Service), $"{field}.service {skill.Service} is not a service item of hall '{d.Id}'.");
            }
        }

        Known(window.DedicatedClass is not { } dedicated || d.Priority.Classes.Any(c => c.Id == dedicated),
            $"window.dedicated_class '{RequestFields.Clip(window.DedicatedClass ?? "")}' is not a priority class of hall '{d.Id}'.");
    }

    /// <summary>InvalidArgument with <paramref name="message"/> unless the request's field names something the hall has.</summary>
    private static void Known(bool known, string message)
    {
        if (!known)
        {
            throw GrpcErrors.InvalidArgument(message);
        }
    }

    /// <summary>
    /// <paramref name="items"/> with <paramref name="item"/> in the place of the one it replaces (kiosks and dashboards
    /// list them in this order), or added at the end.
    /// </summary>
    private static List<T> Put<T>(IReadOnlyList<T> items, Func<T, bool> replaces, T item)
    {
        var list = items.ToList();
        var at = list.FindIndex(x => replaces(x));
        if (at >= 0)
        {
            list[at] = item;
        }
        else
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the hall's definition, under the gate. With a request id, a retry of a change
    /// made (the answer lost) gets its first answer, rather than the change applied again over another admin's since.
    /// <paramref name="inUse"/> begins the refusal when the hall's day stands in the way (a live ticket, an open window),
    /// naming the request's field as the other refusals do ("window 3 cannot be removed now").
    /// </summary>
    private Task<HallInfo> ChangeAsync(
        string hallId, Func<HallDefinition, HallDefinition> change, string inUse, ServerCallContext context, IMessage request, string requestIdField,
        [CallerMemberName] string method = "") =>
        OnceAsync(context, request, requestIdField, async (requestId, token) =>
        {
            var hall = halls.Get(hallId);
            var definition = change(hall.Definition);
            try
            {
                // The definition alone first: what is wrong with it is the client's to fix (InvalidArgument). What the
                // redefinition refuses after that is the hall's day (a removed window still open, a removed item or
                // class a live ticket holds): FailedPrecondition, until the hall gets there.
                _ = new Hall(definition);
            }
            catch (ArgumentException e)
            {
                throw GrpcErrors.InvalidArgument($"The hall's new definition is invalid: {ArgumentMessage.Of(e)}");
            }

            try
            {
                await hall.RedefineAsync(definition, token).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw GrpcErrors.Create(StatusCode.FailedPrecondition, $"{inUse}: {ArgumentMessage.Of(e)}", DefinitionInUse);
            }

            return await InfoAsync(hall, fresh: true, token).ConfigureAwait(false);
        }, method);

    /// <summary>
    /// Applies an admin change under the gate (one change at a time), once per request id: a retry of a change made, its
    /// answer lost, gets the first answer (<see cref="AdminRequests"/>) instead of the change applied again. Once under the
    /// gate the change runs to its answer whatever the caller does (only the server's stopping ends it): cancelled half
    /// way by the caller's deadline, a hall was added but its answer never kept, and the retry got ALREADY_EXISTS.
    /// </summary>
    private async Task<HallInfo> OnceAsync(
        ServerCallContext context, IMessage request, string requestIdField, Func<Guid?, CancellationToken, Task<HallInfo>> apply,
        [CallerMemberName] string method = "")
    {
        var requestId = RequestFields.RequestId(requestIdField);
        var device = context.GetHttpContext().User.DeviceId();
        using (await gate.EnterAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (requests.Retried(device, requestId, method, request) is { } first)
            {
                return first;
            }

            var info = await apply(requestId, lifetime.ApplicationStopping).ConfigureAwait(false);
            requests.Remember(device, requestId, method, request, info);
            return info;
        }
    }

    /// <summary>
    /// The hall's info. After a change it is read afresh (the feed's snapshot may be from before the change: AddHall
    /// and OpenDay answered day_open = false) and handed to the feed, so kiosks see the change at once too.
    /// </summary>
    private async Task<HallInfo> InfoAsync(HallHandle hall, bool fresh, CancellationToken token)
    {
        var feed = feeds.Get(hall.Id);
        var snapshot = fresh ? null : feed.LatestSnapshot;
        if (snapshot is null)
        {
            snapshot = await hall.GetSnapshotAsync(SnapshotDetail.Services, token).ConfigureAwait(false);
            feed.Offer(snapshot);
        }

        var profile = halls.Profile(hall.Id);
        return new HallInfo
        {
            Hall = hall.Id,
            Name = hall.Definition.Name,
            Region = profile.Region,
            Language = profile.Language,
            Services = hall.Definition.Services.Count,
            Windows = hall.Definition.Windows.Count,
            DayOpen = snapshot.DayOpen,
            Sequence = snapshot.Sequence,
        };
    }

    private static HallDefinition Parse(string json)
    {
        if (json.Length == 0)
        {
            throw GrpcErrors.InvalidArgument("json is required: the hall as in appsettings.json's QueueCore:Halls entries.");
        }

        if (json.Length > MaxDefinitionLength)
        {
            throw GrpcErrors.InvalidArgument($"json is longer than {MaxDefinitionLength} characters.");
        }

        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            return HallConfiguration.Read(new ConfigurationBuilder().AddJsonStream(stream).Build());
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw GrpcErrors.InvalidArgument($"The hall's definition is invalid: {e.Message}");
        }
    }
}
