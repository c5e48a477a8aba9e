using System.Globalization;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using QueueCore.Grpc.V1;

namespace QueueCore.Grpc.Load.Servers.Bare;

/// <summary>
/// A hall of the bare server: the screens watching it (a Channel each) and the ticket shown at each window. A call
/// builds the same updates the real hall feed would (the previous ticket cleared, the new one called, with its
/// screen and speech text) and hands them to the publish loop.
/// </summary>
internal sealed class BareHall(string id)
{
    private readonly Lock _gate = new();
    private readonly long[] _shown = new long[HallDefinition.MaxWindows + 1];
    private ChannelWriter<DisplayUpdate>[] _screens = [];
    private long _sequence;
    private long _tickets;

    public string Id => id;

    public long Sequence => Volatile.Read(ref _sequence);

    public void Add(ChannelWriter<DisplayUpdate> screen)
    {
        lock (_gate)
        {
            _screens = [.. _screens, screen];
        }
    }

    public void Remove(ChannelWriter<DisplayUpdate> screen)
    {
        lock (_gate)
        {
            _screens = [.. _screens.Where(s => s != screen)];
        }
    }

    /// <summary>Writes an update to every screen (the publish loop is each channel's only writer).</summary>
    public void Publish(DisplayUpdate update)
    {
        foreach (var screen in Volatile.Read(ref _screens))
        {
            screen.TryWrite(update);
        }
    }

    /// <summary>Calls the next ticket to <paramref name="window"/>; the updates go to <paramref name="publish"/> in sequence order.</summary>
    public Ticket Call(int window, ChannelWriter<(BareHall Hall, DisplayUpdate Update)> publish)
    {
        lock (_gate)
        {
            var ticket = ++_tickets;
            var number = string.Create(CultureInfo.InvariantCulture, $"A{ticket:D3}");
            if (_shown[window] is var before and > 0)
            {
                publish.TryWrite((this, new DisplayUpdate
                {
                    Sequence = ++_sequence,
                    Cleared = new CallCleared { Window = window, Ticket = before, Number = string.Create(CultureInfo.InvariantCulture, $"A{before:D3}") },
                }));
            }

            _shown[window] = ticket;
            var sequence = ++_sequence;
            publish.TryWrite((this, new DisplayUpdate
            {
                Sequence = sequence,
                Call = new Call
                {
                    Sequence = sequence,
                    Time = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
                    Ticket = ticket,
                    Number = number,
                    Window = window,
                    WindowName = string.Create(CultureInfo.InvariantCulture, $"Window {window}"),
                    Service = 101,
                    Text = string.Create(CultureInfo.InvariantCulture, $"{number}, please go to window {window}"),
                    Speech = string.Create(CultureInfo.InvariantCulture, $"A {string.Join(' ', number[1..].ToCharArray())}, please go to window {window}"),
                    Language = "en",
                },
            }));
            return new Ticket
            {
                Hall = id,
                Id = ticket,
                Number = number,
                State = V1.TicketState.Called,
                Service = 101,
                ServiceName = "Business registration",
                Window = window,
                Sequence = sequence,
            };
        }
    }
}
