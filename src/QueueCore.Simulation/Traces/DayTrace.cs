using System.Globalization;
using System.Text;

namespace QueueCore.Simulation;

/// <summary>
/// A real day of one hall as a CSV trace: one row per ticket item, the rows of a ticket consecutive and in handling
/// order; a field with a comma, a quote or a line break in double quotes (RFC 4180). The format (documented in
/// bench/scenarios/README.md) is what a journal's day export writes:
/// <code>
/// ticket,arrival,service,age,disabled,key_enterprise,green_channel,appointment,handling_seconds,window,pregnant,class,appointment_on_time,left_at,outcome,recall_seconds
/// A001,08:31:05,101,34,0,0,0,,312.5,3,0,,,,served,
/// A001,08:31:05,102,34,0,0,0,,95,3,0,,,,served,
/// A002,08:32:00,101,0,0,0,0,08:30:00,100,2,0,,1,,served,120
/// A003,08:33:00,101,0,0,0,0,,,,0,,,08:50:00,left,
/// A004,16:55:00,101,0,0,0,0,,,,0,,,,waiting_at_close,
/// </code>
/// Required columns: ticket, arrival, service, handling_seconds; the others may be left out. Columns are found by
/// their header name (any order; unknown columns are ignored). Times count from the midnight the day began on, on past
/// the next one (a night hall's 01:30 is 25:30:00), up to 47:59:59.
/// </summary>
public sealed class DayTrace
{
    /// <summary>The columns in the order <see cref="Write"/> writes them.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["ticket", "arrival", "service", "age", "disabled", "key_enterprise", "green_channel", "appointment", "handling_seconds", "window", "pregnant", "class", "appointment_on_time", "left_at", "outcome", "recall_seconds"];

    /// <summary>The <c>outcome</c> column's values, by <see cref="TraceOutcome"/>.</summary>
    private static readonly string[] Outcomes = ["served", "no_show", "left", "cancelled", "waiting_at_close"];

    /// <summary>A trace of the given tickets (in arrival order).</summary>
    public DayTrace(IReadOnlyList<TraceTicket> tickets) => Tickets = tickets;

    /// <summary>The tickets in arrival order.</summary>
    public IReadOnlyList<TraceTicket> Tickets { get; }

    /// <summary>Reads a trace file.</summary>
    /// <exception cref="FormatException">A row is malformed: the message gives the line and column.</exception>
    public static DayTrace Load(string path) => Load(path, null);

    /// <summary>Reads a trace file whose services must be among <paramref name="services"/> (null: any).</summary>
    /// <exception cref="FormatException">A row is malformed or has another service: the message gives the line and column.</exception>
    internal static DayTrace Load(string path, IReadOnlySet<int>? services, IReadOnlySet<string>? classes = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, services, classes);
    }

    /// <summary>Reads a trace.</summary>
    /// <exception cref="FormatException">A row is malformed: the message gives the line and column.</exception>
    public static DayTrace Read(TextReader reader) => Read(reader, null);

    /// <summary>Reads a trace whose services must be among <paramref name="services"/> and whose staff-given classes among
    /// <paramref name="classes"/> (null: any): checked here, where the line is known, so a planner is told which row
    /// names a service or class the hall does not have.</summary>
    /// <exception cref="FormatException">A row is malformed or has another service or class: the message gives the line and column.</exception>
    internal static DayTrace Read(TextReader reader, IReadOnlySet<int>? services, IReadOnlySet<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = 0; // read so far: a quoted field may span lines
        var header = Csv.ReadRecord(reader, ref lines) ?? throw new FormatException("line 1: the trace is empty; expected a header row");
        var names = header.Select(n => n.Trim().ToLowerInvariant()).ToArray();

        // Columns are found by name: a column named twice took the first and ignored the second without a word, so a
        // trace with a corrected column appended beside the old one replayed the old values.
        if (Columns.FirstOrDefault(c => names.Count(n => n == c) > 1) is { } twice)
        {
            var at = names.Select((n, i) => (n, i)).Where(x => x.n == twice).Select(x => (x.i + 1).ToString(CultureInfo.InvariantCulture));
            throw new FormatException($"line 1: column '{twice}' is named twice (fields {string.Join(" and ", at)}); which one holds the values is unclear");
        }

        int Column(string name, bool required)
        {
            var i = Array.IndexOf(names, name);
            return i < 0 && required ? throw new FormatException($"line 1: missing column '{name}' (required: ticket, arrival, service, handling_seconds)") : i;
        }

        var (cTicket, cArrival, cService, cHandling) = (Column("ticket", true), Column("arrival", true), Column("service", true), Column("handling_seconds", true));
        var (cAge, cDisabled, cKey, cGreen, cAppointment, cWindow) =
            (Column("age", false), Column("disabled", false), Column("key_enterprise", false), Column("green_channel", false), Column("appointment", false), Column("window", false));
        var cPregnant = Column("pregnant", false);
        var cClass = Column("class", false);
        var cOnTime = Column("appointment_on_time", false);
        var cLeft = Column("left_at", false);
        var cOutcome = Column("outcome", false);
        var cRecalls = Column("recall_seconds", false);

        var tickets = new List<TraceTicket>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal); // each ticket's first line
        List<TraceItem>? items = null;
        TraceTicket? current = null;
        for (var lineNumber = lines + 1; Csv.ReadRecord(reader, ref lines) is { } f; lineNumber = lines + 1)
        {
            if (f is [""])
            {
                continue;
            }

            // More fields than the header shift nothing we read, but mean a comma inside a field that was not quoted, so
            // the columns after it may hold their neighbours' values: refused, not guessed at.
            if (f.Length != names.Length)
            {
                throw new FormatException($"line {lineNumber}: {f.Length} fields, the header has {names.Length}{(f.Length > names.Length ? " (a comma inside a field? put the field in double quotes)" : "")}");
            }

            string Field(int c) => c < 0 ? "" : f[c].Trim();
            var row = new RowParser(lineNumber);
            var ticket = row.Text(Field(cTicket), "ticket");
            var arrival = row.Time(Field(cArrival), "arrival");
            var handling = row.Seconds(Field(cHandling), "handling_seconds");
            var flags = (row.Bool(Field(cDisabled), "disabled") ? TicketFlags.Disabled : TicketFlags.None)
                | (row.Bool(Field(cKey), "key_enterprise") ? TicketFlags.KeyEnterprise : TicketFlags.None)
                | (row.Bool(Field(cGreen), "green_channel") ? TicketFlags.GreenChannel : TicketFlags.None)
                | (row.Bool(Field(cPregnant), "pregnant") ? TicketFlags.Pregnant : TicketFlags.None);
            var age = row.OptionalInt(Field(cAge), "age") ?? 0;
            if (age is < 0 or > 255)
            {
                throw new FormatException($"line {lineNumber}, column 'age': {age} is not an age (0 to 255, 0: unknown)");
            }

            var priorityClass = Field(cClass) is { Length: > 0 } given ? row.Class(given, classes) : null;
            var appointmentField = Field(cAppointment);
            TimeSpan? appointment = appointmentField.Length == 0 ? null : row.Time(appointmentField, "appointment");
            var onTime = row.OnTime(Field(cOnTime), appointment is not null);
            var leftField = Field(cLeft);
            TimeSpan? left = leftField.Length == 0 ? null : row.Time(leftField, "left_at");
            if (left < arrival)
            {
                throw new FormatException($"line {lineNumber}, column 'left_at': {leftField} is before the ticket's arrival ({Field(cArrival)}); a citizen leaves after arriving");
            }

            var item = new TraceItem(row.Service(Field(cService), services), handling, row.OptionalInt(Field(cWindow), "window"))
            {
                Outcome = row.Outcome(Field(cOutcome), handling is not null, left is not null),
                RecallTimes = row.Recalls(Field(cRecalls)),
            };

            if (current is not null && current.Ticket == ticket)
            {
                if (current.Arrival != arrival)
                {
                    throw new FormatException($"line {lineNumber}, column 'arrival': ticket {ticket} has arrival {Field(cArrival)} here but {TraceClock.Format(current.Arrival)} on its first row");
                }

                // The citizen's age, flags and appointment are the ticket's, so every row of it gives the same: a row that
                // differs was refused, not read past (the replay took the first row's and dropped the rest unseen, so a
                // trace edited to test priorities could replay other classes than its author meant).
                static string Flag(TicketFlags f, TicketFlags which) => (f & which) != 0 ? "1" : "0";
                static string Slot(TimeSpan? t) => t is { } v ? TraceClock.Format(v) : "none";
                static string OnTime(bool? b) => b is { } v ? (v ? "1" : "0") : "none";
                (string? column, string first, string here) =
                    current.Age != age ? ("age", current.Age.ToString(CultureInfo.InvariantCulture), age.ToString(CultureInfo.InvariantCulture))
                    : ((current.Flags ^ flags) & TicketFlags.Disabled) != 0 ? ("disabled", Flag(current.Flags, TicketFlags.Disabled), Flag(flags, TicketFlags.Disabled))
                    : ((current.Flags ^ flags) & TicketFlags.KeyEnterprise) != 0 ? ("key_enterprise", Flag(current.Flags, TicketFlags.KeyEnterprise), Flag(flags, TicketFlags.KeyEnterprise))
                    : ((current.Flags ^ flags) & TicketFlags.GreenChannel) != 0 ? ("green_channel", Flag(current.Flags, TicketFlags.GreenChannel), Flag(flags, TicketFlags.GreenChannel))
                    : ((current.Flags ^ flags) & TicketFlags.Pregnant) != 0 ? ("pregnant", Flag(current.Flags, TicketFlags.Pregnant), Flag(flags, TicketFlags.Pregnant))
                    : current.AppointmentSlot != appointment ? ("appointment", Slot(current.AppointmentSlot), Slot(appointment))
                    : current.PriorityClass != priorityClass ? ("class", current.PriorityClass ?? "none", priorityClass ?? "none")
                    : current.AppointmentOnTime != onTime ? ("appointment_on_time", OnTime(current.AppointmentOnTime), OnTime(onTime))
                    : current.Left != left ? ("left_at", Slot(current.Left), Slot(left))
                    : (null, "", "");
                if (column is not null)
                {
                    throw new FormatException($"line {lineNumber}, column '{column}': ticket {ticket} has {column} {here} here but {first} on its first row (a ticket's age, flags, appointment, class, appointment_on_time and left_at are the same on all its rows)");
                }

                if (items!.Count == ServiceItemList.Capacity)
                {
                    throw new FormatException($"line {lineNumber}: ticket {ticket} has more than {ServiceItemList.Capacity} items");
                }

                items.Add(item);
                continue;
            }

            if (current is not null && arrival < current.Arrival)
            {
                // A night hall's ticket after midnight at its clock time (00:20 after 23:55) read as a sorting mistake:
                // more than half a day back, it more likely came the next morning.
                var nextMorning = arrival + TimeSpan.FromDays(1);
                var hint = current.Arrival - arrival > TimeSpan.FromHours(12) && nextMorning >= current.Arrival && nextMorning < TraceClock.End
                    ? $". If it came after midnight, the hours count on past 24: {TraceClock.Format(arrival)[..5]} the next morning is {TraceClock.Format(nextMorning)}"
                    : "";
                throw new FormatException($"line {lineNumber}, column 'arrival': {Field(cArrival)} is earlier than the previous ticket's ({TraceClock.Format(current.Arrival)}); rows must be in arrival order{hint}");
            }

            // A ticket's rows are consecutive: a label seen before other tickets' rows was read as a second ticket, so
            // rows sorted another way (by service, by window) replayed one visit as two, each of them waiting again.
            if (!firstLines.TryAdd(ticket, lineNumber))
            {
                throw new FormatException($"line {lineNumber}, column 'ticket': ticket {ticket} comes again after other tickets (its first row is line {firstLines[ticket]}); a ticket's rows must be consecutive");
            }

            items = [item];
            current = new TraceTicket(ticket, arrival, (byte)age, flags, appointment, items) { PriorityClass = priorityClass, AppointmentOnTime = onTime, Left = left };
            tickets.Add(current);
        }

        return new DayTrace(tickets);
    }

    /// <summary>Writes the trace in the documented format (all columns).</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(',', Columns));
        var c = CultureInfo.InvariantCulture;
        foreach (var t in Tickets)
        {
            foreach (var i in t.Items)
            {
                var line = new StringBuilder()
                    .Append(Csv.Field(t.Ticket)).Append(',').Append(TraceClock.Format(t.Arrival)).Append(',').Append(i.Service.ToString(c)).Append(',')
                    .Append(t.Age.ToString(c)).Append(',').Append(t.Flags.HasFlag(TicketFlags.Disabled) ? '1' : '0').Append(',')
                    .Append(t.Flags.HasFlag(TicketFlags.KeyEnterprise) ? '1' : '0').Append(',').Append(t.Flags.HasFlag(TicketFlags.GreenChannel) ? '1' : '0').Append(',')
                    .Append(t.AppointmentSlot is { } slot ? TraceClock.Format(slot) : "").Append(',')
                    .Append(i.HandlingTime is { } h ? h.TotalSeconds.ToString("0.###", c) : "").Append(',')
                    .Append(i.Window?.ToString(c) ?? "").Append(',')
                    .Append(t.Flags.HasFlag(TicketFlags.Pregnant) ? '1' : '0').Append(',')
                    .Append(Csv.Field(t.PriorityClass)).Append(',')
                    .Append(t.AppointmentOnTime is { } onTime ? (onTime ? "1" : "0") : "").Append(',')
                    .Append(t.Left is { } left ? TraceClock.Format(left) : "").Append(',')
                    .Append((uint)i.Outcome < (uint)Outcomes.Length ? Outcomes[(int)i.Outcome] : throw new ArgumentException($"Ticket {t.Ticket}: item {i.Service} has outcome {(int)i.Outcome}, not a {nameof(TraceOutcome)}.", nameof(writer))).Append(',')
                    .AppendJoin(';', i.RecallTimes.Select(r => r.TotalSeconds.ToString("0.###", c)));
                writer.WriteLine(line.ToString());
            }
        }
    }

    private readonly struct RowParser(int line)
    {
        /// <summary>The most missed calls one item may list (the replay counts them in a byte).</summary>
        private const int MaxRecalls = 255;

        public string Text(string value, string column) =>
            value.Length > 0 ? value : throw Error(column, value, "must not be empty");

        public int Int(string value, string column) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Error(column, value, "expected a whole number");

        public int? OptionalInt(string value, string column) => value.Length == 0 ? null : Int(value, column);

        public int Service(string value, IReadOnlySet<int>? services)
        {
            var id = Int(value, "service");
            return services is null || services.Contains(id) ? id : throw Error("service", value, "not a service of this hall");
        }

        public string Class(string value, IReadOnlySet<string>? classes) =>
            classes is null || classes.Contains(value) ? value : throw Error("class", value, "not a priority class of this hall");

        /// <summary>The appointment_on_time field: null when empty (not known: the replay's hall judges by the slot).</summary>
        public bool? OnTime(string value, bool appointment) =>
            value.Length == 0 ? null
            : appointment ? Bool(value, "appointment_on_time")
            : throw Error("appointment_on_time", value, "the ticket has no appointment (column 'appointment' is empty), so no check-in to be on time");

        /// <summary>
        /// The outcome column: when empty (a trace written before it, or by hand), served with a handling time, else
        /// left when the ticket has a left_at, else a no-show; when given, it must agree with handling_seconds and left_at.
        /// </summary>
        public TraceOutcome Outcome(string value, bool handled, bool left)
        {
            if (value.Length == 0)
            {
                return handled ? TraceOutcome.Served : left ? TraceOutcome.Left : TraceOutcome.NoShow;
            }

            var i = Array.IndexOf(Outcomes, value.ToLowerInvariant());
            if (i < 0)
            {
                throw Error("outcome", value, $"expected one of {string.Join(", ", Outcomes)} (or empty)");
            }

            var outcome = (TraceOutcome)i;
            return outcome == TraceOutcome.Served && !handled ? throw Error("outcome", value, "the item has no handling_seconds: a served item says how long it took")
                : outcome != TraceOutcome.Served && handled ? throw Error("outcome", value, "the item has handling_seconds, so it was served (outcome served, or empty)")
                : outcome == TraceOutcome.Left && !left ? throw Error("outcome", value, "the ticket has no left_at: say when the citizen left")
                : outcome;
        }

        /// <summary>The recall_seconds field: the seconds of each missed call, separated by ';' (empty: none).</summary>
        public TimeSpan[] Recalls(string value)
        {
            if (value.Length == 0)
            {
                return [];
            }

            var parts = value.Split(';');
            if (parts.Length > MaxRecalls)
            {
                throw Error("recall_seconds", value, $"{parts.Length} missed calls; at most {MaxRecalls}");
            }

            var times = new TimeSpan[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                times[i] = double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 86_400
                    ? TimeSpan.FromSeconds(s)
                    : throw Error("recall_seconds", value, $"'{parts[i]}' is not seconds: expected a number from 0 to 86400 for each missed call, separated by ';' (e.g. 120;95.5)");
            }

            return times;
        }

        public bool Bool(string value, string column) => value switch
        {
            "" or "0" or "false" or "False" => false,
            "1" or "true" or "True" => true,
            _ => throw Error(column, value, "expected 0 or 1 (or false or true)"),
        };

        public TimeSpan? Seconds(string value, string column)
        {
            if (value.Length == 0)
            {
                return null;
            }

            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 86_400
                ? TimeSpan.FromSeconds(s)
                : throw Error(column, value, "expected seconds, a number from 0 to 86400");
        }

        /// <summary>A time counted from the day's midnight, on past the next (<see cref="TraceClock"/>): a night hall's day.</summary>
        public TimeSpan Time(string value, string column) =>
            TraceClock.TryParse(value, out var t) ? t : throw Error(column, value, TraceClock.Expected);

        private FormatException Error(string column, string value, string what) => new($"line {line}, column '{column}': '{value}': {what}");
    }
}
