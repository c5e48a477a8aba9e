using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using QueueCore.Grpc.Mapping;
using QueueCore.Grpc.Security;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Services;

/// <remarks>This part: the hall's windows (put, remove, and the manager's pause and resume).</remarks>
public sealed partial class AdminService
{
    /// <inheritdoc/>
    public override Task<HallInfo> PutWindow(PutWindowRequest request, ServerCallContext context)
    {
        var def = request.Window ?? throw GrpcErrors.InvalidArgument("window is required.");
        var window = new WindowDefinition
        {
            Id = RequestFields.Positive(def.Id, "window.id"),
            Name = RequestFields.Name(def.Name, "window.name"),
            Comprehensive = def.Comprehensive,
            DedicatedClass = def.DedicatedClass.Length == 0 ? null : def.DedicatedClass,
            AutoAssign = def.AutoAssign,
            Skills = [.. def.Skills.Select(Skill)],
        };
        if (!window.Comprehensive && window.Skills.Count == 0)
        {
            // Before the hall's other windows are looked at: the window itself is what is wrong.
            throw GrpcErrors.InvalidArgument("window.skills is empty and window.comprehensive is false: the window would serve no service item; give it skills or make it comprehensive.");
        }

        return ChangeAsync(request.Hall, d =>
        {
            KnownReferences(window, d);
            var windows = Put(d.Windows, w => w.Id == window.Id, KeepProficiency(window, d.Windows.FirstOrDefault(w => w.Id == window.Id)));
            // As RemoveWindow's: the request is right, the hall's other windows stand in the way.
            if (Unserved(d, windows) is { } unserved)
            {
                throw GrpcErrors.Create(
                    StatusCode.FailedPrecondition,
                    $"Window {window.Id} is the last window serving service {unserved.Id}, which window.skills leave out: its tickets could then never be called; give another window that skill first{TakeOut(unserved)}.",
                    DefinitionInUse);
            }

            return d with { Windows = windows };
        }, $"window.id {window.Id} cannot be put now", context, request, request.RequestId);
    }

    /// <summary>
    /// <paramref name="window"/> with the proficiency levels (which SkillDef does not carry) of the skills
    /// <paramref name="replaced"/> had too (the same item or category at the same tier), as a replaced service keeps what
    /// ServiceDef cannot say: renaming a window set every configured level to 0.
    /// </summary>
    private static WindowDefinition KeepProficiency(WindowDefinition window, WindowDefinition? replaced)
    {
        static bool Same(WindowSkill a, WindowSkill b) =>
            a.Category == b.Category && (a.Category is not null || a.Service == b.Service) && a.Tier == b.Tier;
        return replaced is null
            ? window
            : window with { Skills = [.. window.Skills.Select(k => k with { Proficiency = replaced.Skills.FirstOrDefault(r => Same(r, k))?.Proficiency ?? 0 })] };
    }

    /// <inheritdoc/>
    public override Task<HallInfo> RemoveWindow(RemoveWindowRequest request, ServerCallContext context)
    {
        var window = RequestFields.Positive(request.Window, "window");
        return ChangeAsync(request.Hall, d =>
        {
            if (!d.Windows.Any(w => w.Id == window))
            {
                throw GrpcErrors.UnknownWindow(d.Id, window);
            }

            List<WindowDefinition> rest = [.. d.Windows.Where(w => w.Id != window)];
            if (Unserved(d, rest) is { } unserved)
            {
                throw GrpcErrors.Create(
                    StatusCode.FailedPrecondition,
                    $"Window {window} is the last window serving service {unserved.Id}, whose tickets could then never be called; give another window that skill first{TakeOut(unserved)}.",
                    DefinitionInUse);
            }

            return d with { Windows = rest };
        }, $"window {window} cannot be removed now", context, request, request.RequestId);
    }

    /// <inheritdoc/>
    /// <remarks>A hall command, not a change of the definition: not under the gate, and its request id is the hall's, as a
    /// terminal's is (a retry gets the first answer, across a restart too).</remarks>
    public override Task<WindowReply> PauseWindow(ManagerPauseWindowRequest request, ServerCallContext context) => WindowCommandAsync(
        request.Hall, request.Window,
        HallCommand.PauseWindowAsManager(RequestFields.Positive(request.Window, "window"), RequestFields.Text(request.Reason, "reason")),
        request, request.RequestId, QueueCore.WindowState.Paused, context);

    /// <inheritdoc/>
    public override Task<WindowReply> ResumeWindow(ManagerWindowRequest request, ServerCallContext context) => WindowCommandAsync(
        request.Hall, request.Window, HallCommand.ResumeWindowAsManager(RequestFields.Positive(request.Window, "window")),
        request, request.RequestId, QueueCore.WindowState.Idle, context);

    private async Task<WindowReply> WindowCommandAsync(
        string hallId, int window, HallCommand command, IMessage request, string requestIdField, QueueCore.WindowState after,
        ServerCallContext context, [CallerMemberName] string method = "")
    {
        var hall = halls.Get(hallId);
        // The hall tells a retry from another of its commands, not from a definition change that had the id (those ids are
        // the server's, AdminRequests): both are asked, and both learn the id once the command is carried out.
        var requestId = RequestFields.RequestId(requestIdField);
        var device = context.GetHttpContext().User.DeviceId();
        requests.RefuseIfReused(device, requestId, method, request);
        var result = await hall.SubmitAsync(command.WithRequestId(requestIdField, context), context.CancellationToken).ConfigureAwait(false);
        var reply = result.ToWindowReply(hall, window, after);
        requests.RememberHallCommand(device, requestId, method, request);
        return reply;
    }

    /// <summary>
    /// The window's skill number <paramref name="k"/>: a service or a category, exactly one (service 0 is named by
    /// setting the field, which has presence), and a delay only for an overflow skill. What the engine would read
    /// otherwise is not what the admin meant: no item at all became item 0, and a primary skill's delay was dropped.
    /// </summary>
    private static WindowSkill Skill(SkillDef s, int k)
    {
        var field = $"window.skills[{k}]";
        var category = s.Category.Length == 0 ? null : s.Category;
        if (s.HasService == (category is not null))
        {
            throw GrpcErrors.InvalidArgument(category is null
                ? $"{field} names neither a service nor a category; set one (service 0 too is set explicitly)."
                : $"{field} names both service {s.Service} and category '{RequestFields.Clip(category)}'; set one.");
        }

        var delay = RequestFields.NotNegative(s.OverflowDelayMinutes, $"{field}.overflow_delay_minutes");
        if (delay != 0 && !s.Overflow)
        {
            throw GrpcErrors.InvalidArgument(
                $"{field}.overflow_delay_minutes needs overflow: only an overflow skill's tickets wait before the window takes them (set overflow, or leave the delay 0); it is {delay}.");
        }

        var tier = s.Overflow ? SkillTier.Overflow : SkillTier.Primary;
        return category is null
            ? new WindowSkill { Service = RequestFields.NotNegative(s.Service, $"{field}.service"), Tier = tier, OverflowDelay = TimeSpan.FromMinutes(delay) }
            : new WindowSkill { Category = category, Tier = tier, OverflowDelay = TimeSpan.FromMinutes(delay) };
    }
}
