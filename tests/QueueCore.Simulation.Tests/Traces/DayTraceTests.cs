namespace QueueCore.Simulation.Tests.Traces;

public sealed class DayTraceTests
{
    private const string Trace = """
        ticket,arrival,service,age,disabled,key_enterprise,green_channel,appointment,handling_seconds,window
        A001,09:00:00,101,34,0,0,0,,600,1
        A001,09:00:00,102,34,0,0,0,,120,1
        A002,09:00:00,101,72,1,0,0,09:00,600,2
        A003,09:05:30,101,40,0,1,0,,,
        """;

    [Fact]
    public void Read_GroupsConsecutiveRowsIntoTickets()
    {
        var trace = DayTrace.Read(new StringReader(Trace));
        Assert.Equal(3, trace.Tickets.Count);
        var first = trace.Tickets[0];
        Assert.Equal([101, 102], first.Items.Select(i => i.Service));
        Assert.Equal(TimeSpan.FromMinutes(2), first.Items[1].HandlingTime);
        Assert.Equal(TicketFlags.Disabled, trace.Tickets[1].Flags);
        Assert.Equal(new TimeSpan(9, 0, 0), trace.Tickets[1].AppointmentSlot);
        Assert.Null(trace.Tickets[2].Items[0].HandlingTime); // not served that day
        Assert.Equal(TicketFlags.KeyEnterprise, trace.Tickets[2].Flags);
    }

    [Fact]
    public void Write_RoundTrips()
    {
        var trace = DayTrace.Read(new StringReader(Trace));
        var text = new StringWriter();
        trace.Write(text);
        var again = DayTrace.Read(new StringReader(text.ToString()));
        var text2 = new StringWriter();
        again.Write(text2);
        Assert.Equal(text.ToString(), text2.ToString());
    }

    [Fact]
    public void Write_TicketOrClassWithACommaAQuoteOrALineBreak_QuotedAndReadBack()
    {
        // A trace's ticket labels may come from another system's export and hold a comma ("A,B001"), as may a class
        // id: written bare, the row had a field too many and the trace the simulator wrote could not be read back.
        TraceTicket Ticket(string label, int minute, string? cls) =>
            new(label, new TimeSpan(9, minute, 0), 0, TicketFlags.None, null, [new TraceItem(101, TimeSpan.FromMinutes(1), 1)]) { PriorityClass = cls };
        var trace = new DayTrace([Ticket("A,B001", 0, "say \"hi\", ok"), Ticket("A,B002", 1, null), Ticket("C\nD001", 2, "green")]);
        var text = new StringWriter();

        trace.Write(text);
        var again = DayTrace.Read(new StringReader(text.ToString()));

        Assert.Contains("\"A,B001\",09:00:00,101,", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(["A,B001", "A,B002", "C\nD001"], again.Tickets.Select(t => t.Ticket));
        Assert.Equal(["say \"hi\", ok", null, "green"], again.Tickets.Select(t => t.PriorityClass));
        Assert.Equal([new TimeSpan(9, 0, 0), new TimeSpan(9, 1, 0), new TimeSpan(9, 2, 0)], again.Tickets.Select(t => t.Arrival));
    }

    [Fact]
    public void Read_QuoteLeftOpen_FormatExceptionNamingTheLine()
    {
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds\nA1,09:00:00,101,60\n\"A2,09:01:00,101,60\n")));

        Assert.StartsWith("line 3: a quoted field is not closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ClassColumn_GivesTheClassStaffGave_AndWriteKeepsIt()
    {
        var trace = DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds,class\nA1,09:00:00,101,60,green\nA1,09:00:00,102,60,green\nA2,09:01:00,101,60,\n"));
        Assert.Equal(["green", null], trace.Tickets.Select(t => t.PriorityClass));
        var text = new StringWriter();
        trace.Write(text);
        Assert.Equal(["green", "green", ""], text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..].Select(r => r.TrimEnd('\r').Split(',')[^5])); // appointment_on_time, left_at, outcome and recall_seconds after it

        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds,class\nA1,09:00:00,101,60,green\nA1,09:00:00,102,60,\n")));
        Assert.StartsWith("line 3, column 'class': ticket A1 has class none here but green on its first row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RecallSecondsColumn_EachMissedCall_AndWriteKeepsIt()
    {
        const string Header = "ticket,arrival,service,handling_seconds,outcome,recall_seconds\n";
        var trace = DayTrace.Read(new StringReader(Header + "A1,09:00:00,101,60,served,120;95.5\nA2,09:01:00,101,,no_show,\n"));
        Assert.Equal([TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(95.5)], trace.Tickets[0].Items[0].RecallTimes);
        Assert.Empty(trace.Tickets[1].Items[0].RecallTimes);
        var text = new StringWriter();
        trace.Write(text);
        Assert.Equal(["120;95.5", ""], text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..].Select(r => r.TrimEnd('\r').Split(',')[^1]));

        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:00:00,101,60,served,120;9x\n")));
        Assert.Equal("line 2, column 'recall_seconds': '120;9x': '9x' is not seconds: expected a number from 0 to 86400 for each missed call, separated by ';' (e.g. 120;95.5)", e.Message);
    }

    [Fact]
    public void Read_OutcomeColumn_HowEachItemEnded_AndWriteKeepsIt()
    {
        const string Header = "ticket,arrival,service,handling_seconds,left_at,outcome\n";
        var trace = DayTrace.Read(new StringReader(Header +
            "A1,09:00:00,101,60,,served\nA2,09:01:00,101,,,no_show\nA3,09:02:00,101,,09:10,left\nA4,09:03:00,101,,,cancelled\nA5,09:04:00,101,,,waiting_at_close\nA6,09:05:00,101,,,\nA7,09:06:00,101,,09:20,\n"));
        TraceOutcome[] expected = [TraceOutcome.Served, TraceOutcome.NoShow, TraceOutcome.Left, TraceOutcome.Cancelled, TraceOutcome.WaitingAtClose, TraceOutcome.NoShow, TraceOutcome.Left];
        Assert.Equal(expected, trace.Tickets.Select(t => t.Items[0].Outcome)); // empty: served, else left with left_at, else no-show (older traces)
        var text = new StringWriter();
        trace.Write(text);
        Assert.EndsWith(",left_at,outcome,recall_seconds", text.ToString().Split('\n')[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(expected, DayTrace.Read(new StringReader(text.ToString())).Tickets.Select(t => t.Items[0].Outcome));

        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:00:00,101,,,gone\n")));
        Assert.Equal("line 2, column 'outcome': 'gone': expected one of served, no_show, left, cancelled, waiting_at_close (or empty)", e.Message);
        e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:00:00,101,,,served\n")));
        Assert.StartsWith("line 2, column 'outcome': 'served': the item has no handling_seconds", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:00:00,101,60,,waiting_at_close\n")));
        Assert.StartsWith("line 2, column 'outcome': 'waiting_at_close': the item has handling_seconds", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:00:00,101,,,left\n")));
        Assert.StartsWith("line 2, column 'outcome': 'left': the ticket has no left_at", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AppointmentOnTimeColumn_GivesTheRealHallsFinding_AndWriteKeepsIt()
    {
        const string Header = "ticket,arrival,service,handling_seconds,appointment,appointment_on_time\n";
        var trace = DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,60,09:00:30,0\nA2,09:11:00,101,60,09:00,1\nA3,09:12:00,101,60,09:00,\nA4,09:13:00,101,60,,\n"));
        Assert.Equal([false, true, null, null], trace.Tickets.Select(t => t.AppointmentOnTime));
        Assert.Equal(new TimeSpan(9, 0, 30), trace.Tickets[0].AppointmentSlot);
        var text = new StringWriter();
        trace.Write(text);
        Assert.Equal(trace.Tickets.Select(t => (t.AppointmentSlot, t.AppointmentOnTime)), DayTrace.Read(new StringReader(text.ToString())).Tickets.Select(t => (t.AppointmentSlot, t.AppointmentOnTime)));

        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,60,,1\n")));
        Assert.StartsWith("line 2, column 'appointment_on_time': '1': the ticket has no appointment", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,60,09:00,1\nA1,09:10:05,102,60,09:00,0\n")));
        Assert.StartsWith("line 3, column 'appointment_on_time': ticket A1 has appointment_on_time 0 here but 1 on its first row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LeftAtColumn_GivesWhenTheCitizenLeft_AndWriteKeepsIt()
    {
        const string Header = "ticket,arrival,service,handling_seconds,left_at\n";
        var trace = DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,,09:25:00\nA2,23:50:00,101,60,\nA3,23:55:00,101,,24:10:00\n"));
        Assert.Equal([new TimeSpan(9, 25, 0), null, new TimeSpan(1, 0, 10, 0)], trace.Tickets.Select(t => t.Left));
        var text = new StringWriter();
        trace.Write(text);
        Assert.Equal(trace.Tickets.Select(t => t.Left), DayTrace.Read(new StringReader(text.ToString())).Tickets.Select(t => t.Left));

        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,,09:05:00\n")));
        Assert.StartsWith("line 2, column 'left_at': 09:05:00 is before the ticket's arrival (09:10:05)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,,9.30\n")));
        Assert.StartsWith("line 2, column 'left_at': '9.30': expected a time", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Header + "A1,09:10:05,101,60,09:30\nA1,09:10:05,102,,09:40\n")));
        Assert.StartsWith("line 3, column 'left_at': ticket A1 has left_at 09:40:00 here but 09:30:00 on its first row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PregnantColumn_GivesTheFlag_AndWriteKeepsIt()
    {
        // The journal's export writes it (the default rules make a pregnant citizen elderly); without it her ticket
        // was replayed as a normal one.
        var trace = DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds,pregnant\nA1,09:00:00,101,60,1\nA2,09:01:00,101,60,0\n"));
        Assert.Equal([TicketFlags.Pregnant, TicketFlags.None], trace.Tickets.Select(t => t.Flags));
        var text = new StringWriter();
        trace.Write(text);
        Assert.Equal(TicketFlags.Pregnant, DayTrace.Read(new StringReader(text.ToString())).Tickets[0].Flags);
    }

    [Fact]
    public void Read_HandlingOfAWholeDay_IsInTheDocumentedRange()
    {
        // The format and the refusal both say 0 to 86400 seconds, but 86400 itself was refused: "'86400': expected
        // seconds, a number from 0 to 86400".
        var trace = DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds\nA1,00:00:00,101,86400\n"));
        Assert.Equal(TimeSpan.FromDays(1), trace.Tickets[0].Items[0].HandlingTime);
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds\nA1,00:00:00,101,86400.5\n")));
        Assert.Equal("line 2, column 'handling_seconds': '86400.5': expected seconds, a number from 0 to 86400", e.Message);
    }

    [Fact]
    public void Read_OnlyRequiredColumns_AnyOrder()
    {
        var trace = DayTrace.Read(new StringReader("service,handling_seconds,arrival,ticket\n5,60,10:00:00,X1\n"));
        Assert.Equal(5, trace.Tickets.Single().Items.Single().Service);
    }

    [Fact]
    public void Read_ArrivalPastMidnight_HoursCountOn_AndWrittenSoAgain()
    {
        // A night hall's day: 01:30 the next morning is 25:30:00, as GTFS timetables write it, after 23:50:00.
        var trace = DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds,appointment\nA001,23:50:00,101,60,\nA002,25:30:00,101,60,25:30\nA003,47:59:59.5,101,60,\n"));
        Assert.Equal([new TimeSpan(23, 50, 0), new TimeSpan(1, 1, 30, 0), new TimeSpan(0, 47, 59, 59, 500)], trace.Tickets.Select(t => t.Arrival));
        Assert.Equal(new TimeSpan(1, 1, 30, 0), trace.Tickets[1].AppointmentSlot);

        var text = new StringWriter();
        trace.Write(text);
        Assert.Contains("A002,25:30:00,101,0,0,0,0,25:30:00,60,", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(trace.Tickets.Select(t => t.Arrival).Take(2), DayTrace.Read(new StringReader(text.ToString())).Tickets.Select(t => t.Arrival).Take(2));
    }

    [Theory]
    [InlineData("A001,9am,101,34,0,0,0,,600,1", "line 2, column 'arrival': '9am': expected a time HH:mm:ss from 00:00:00 to 47:59:59 (past midnight the hours count on: 01:30 the next morning is 25:30:00)")]
    [InlineData("A001,48:00:00,101,34,0,0,0,,600,1", "line 2, column 'arrival': '48:00:00': expected a time HH:mm:ss from 00:00:00 to 47:59:59 (past midnight the hours count on: 01:30 the next morning is 25:30:00)")]
    [InlineData("A001,09:60:00,101,34,0,0,0,,600,1", "line 2, column 'arrival': '09:60:00': expected a time HH:mm:ss from 00:00:00 to 47:59:59 (past midnight the hours count on: 01:30 the next morning is 25:30:00)")]
    [InlineData("A001,-1:00:00,101,34,0,0,0,,600,1", "line 2, column 'arrival': '-1:00:00': expected a time HH:mm:ss from 00:00:00 to 47:59:59 (past midnight the hours count on: 01:30 the next morning is 25:30:00)")]
    [InlineData("A001,09:00:00,x,34,0,0,0,,600,1", "line 2, column 'service': 'x': expected a whole number")]
    [InlineData("A001,09:00:00,101,34,2,0,0,,600,1", "line 2, column 'disabled': '2': expected 0 or 1 (or false or true)")]
    [InlineData("A001,09:00:00,101,34,0,0,0,,-5,1", "line 2, column 'handling_seconds': '-5': expected seconds, a number from 0 to 86400")]
    public void Read_BadRow_NamesLineAndColumn(string row, string expected)
    {
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(Trace.Split('\n')[0] + "\n" + row + "\n")));
        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("A001,09:00:00,102,71,0,0,0,,120,1", "line 3, column 'age': ticket A001 has age 71 here but 34 on its first row")]
    [InlineData("A001,09:00:00,102,34,1,0,0,,120,1", "line 3, column 'disabled': ticket A001 has disabled 1 here but 0 on its first row")]
    [InlineData("A001,09:00:00,102,34,0,0,1,,120,1", "line 3, column 'green_channel': ticket A001 has green_channel 1 here but 0 on its first row")]
    [InlineData("A001,09:00:00,102,34,0,0,0,09:00,120,1", "line 3, column 'appointment': ticket A001 has appointment 09:00:00 here but none on its first row")]
    public void Read_LaterRowOfATicketWithAnotherAgeFlagOrAppointment_IsRefusedNamingLineAndColumn(string row, string expected)
    {
        // The replay took a ticket's age, flags and appointment from its first row and dropped a later row's without a
        // word: a trace edited to try another class on one row replayed the class of the first.
        var lines = Trace.Split('\n');
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(lines[0] + "\n" + lines[1] + "\n" + row + "\n")));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingRequiredColumn_SaysWhich()
    {
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader("ticket,arrival,service\nA,09:00:00,1\n")));
        Assert.Contains("missing column 'handling_seconds'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ColumnNamedTwice_IsRefusedNamingIt()
    {
        // handling_seconds corrected in a column appended at the end: the replay used the first one without a word.
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds,handling_seconds\nA001,09:00:00,101,600,60\n")));
        Assert.Equal("line 1: column 'handling_seconds' is named twice (fields 4 and 5); which one holds the values is unclear", e.Message);
    }

    [Fact]
    public void Read_TicketWhoseRowsAreNotConsecutive_IsRefusedNamingTheLine()
    {
        // Rows sorted by service: A001's second item came after A002, and the replay made it a second ticket, a visit
        // that queued twice.
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(
            "ticket,arrival,service,handling_seconds\nA001,09:00:00,101,600\nA002,09:00:00,101,300\nA001,09:00:00,102,120\n")));
        Assert.Equal("line 4, column 'ticket': ticket A001 comes again after other tickets (its first row is line 2); a ticket's rows must be consecutive", e.Message);
    }

    [Fact]
    public void Read_OutOfOrderArrivals_AreRefused()
    {
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader("ticket,arrival,service,handling_seconds\nA,10:00:00,1,60\nB,09:00:00,1,60\n")));
        Assert.StartsWith("line 3, column 'arrival'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NightHallsTicketAfterMidnightAtItsClockTime_RefusedSayingHowItsHoursCountOn()
    {
        // A night hall's day from another system, its times as the clock read them: 00:20 after 23:55. The refusal named
        // the line but read as a sorting mistake; the trace's hours count on past midnight (24:20:00), which it now says.
        var e = Assert.Throws<FormatException>(() => DayTrace.Read(new StringReader(
            "ticket,arrival,service,handling_seconds\nA001,23:50:00,101,600\nA002,23:55:00,101,600\nA003,00:20:00,101,300\n")));
        Assert.Equal("line 4, column 'arrival': 00:20:00 is earlier than the previous ticket's (23:55:00); rows must be in arrival order. If it came after midnight, the hours count on past 24: 00:20 the next morning is 24:20:00", e.Message);
    }
}
