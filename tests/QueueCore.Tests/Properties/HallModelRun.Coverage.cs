namespace QueueCore.Tests.Properties;

/// <remarks>
/// This part: counting the situations a reviewer wants the traffic to reach, so a generator change that stops producing
/// one fails the long runs instead of going unnoticed (see <see cref="ModelTrafficStats"/>).
/// </remarks>
internal sealed partial class HallModelRun
{
    private DayClosePolicy? _lastClose;

    private void CountSituations(HallCommand command, CommandResult r, List<ModelEvent> events)
    {
        var kind = command.Kind;
        if (!r.IsSuccess)
        {
            // A pause or close pressed while the window holds a ticket: refused, the ticket stays where it is.
            var inHand = r.Error == QueueError.WindowWrongState && _model.Windows.Find(w => w.Id == command.Window)?.Current is not null;
            Stats.PausesRefusedInHand += inHand && kind == CommandKind.PauseWindow ? 1 : 0;
            Stats.ClosesRefusedInHand += inHand && kind == CommandKind.CloseWindow ? 1 : 0;
            return;
        }

        switch (kind)
        {
            case CommandKind.CloseDay:
                _lastClose = command.ClosePolicy;
                Stats.ClosesServingRemaining += command.ClosePolicy == DayClosePolicy.ServeRemaining ? 1 : 0;
                Stats.ClosesCancellingWaiting += command.ClosePolicy == DayClosePolicy.CancelWaiting ? 1 : 0;
                break;
            case CommandKind.OpenDay when _lastClose is { } policy:
                Stats.ReopensAfterServingRemaining += policy == DayClosePolicy.ServeRemaining ? 1 : 0;
                Stats.ReopensAfterCancellingWaiting += policy == DayClosePolicy.CancelWaiting ? 1 : 0;
                break;
            case CommandKind.CloseWindow:
                Stats.ClosesWithOwnQueue += events.Any(e => e.Kind == HallEventKind.Transferred) ? 1 : 0;
                break;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Kind == HallEventKind.NextItem)
            {
                Stats.NextItems++;
            }

            if (e.Kind != HallEventKind.TicketCalled)
            {
                continue;
            }

            // A ticket this command made wait (issued, sent on, put back, resumed, returned), called by an idle auto
            // window in the same command: pushed to it.
            var window = _model.WindowOf(e.Window);
            if (window.Auto && events.Take(i).Any(x => x.Ticket == e.Ticket && x.Kind != HallEventKind.TicketCalled))
            {
                Stats.PushedWhenWaiting[kind] = Stats.PushedWhenWaiting.GetValueOrDefault(kind) + 1;
            }

            // A ticket on a later item of its list, called before one issued after it that joined the item's queue
            // before it: it kept its standing from its issue.
            var t = _model.All[e.Ticket];
            if (t.ItemIndex > 0 && _model.Waiting.Any(u => u.QueueWindow is null && u.Service == t.Service && u.Class == t.Class
                && u.Serial > t.Serial && u.JoinOrder < t.JoinOrder && window.TierOf(u.Service) > 0))
            {
                Stats.LaterItemsCalledByStanding++;
            }
        }
    }
}
